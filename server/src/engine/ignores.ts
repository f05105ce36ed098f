// Inline suppressions: `# layerwise-ignore=rule-a,rule-b -- why` and
// hadolint's `# hadolint ignore=DL3008` on the comment lines just above an
// instruction. They cover the whole instruction, continuation lines included.
import { lineContentEnd } from '../model/lines';
import type { DockerfileModel, InstructionNode } from '../model/types';

export interface Suppressions {
  layerwise: Set<string>;
  hadolint: Set<string>;
}

/** The pragma and its list of ids, which may have spaces after its commas (`a, b`). */
const LAYERWISE = /^#\s*layerwise-ignore\s*=\s*([^\s,]+(?:\s*,\s*[^\s,]+)*)/;
const HADOLINT = /^#\s*hadolint\s+ignore\s*=\s*([^\s,]+(?:\s*,\s*[^\s,]+)*)/;

/** Where the list of a `# layerwise-ignore=` line ends, for adding another id to it; null for any other line. */
export function ignoreListEnd(line: string): number | null {
  const indent = line.length - line.trimStart().length;
  const m = LAYERWISE.exec(line.slice(indent));
  return m ? indent + m[0].length : null;
}

function ids(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s !== '--');
}

/** What most instructions have: shared, and never changed. */
const NONE: Suppressions = { layerwise: new Set(), hadolint: new Set() };

export function suppressionsAbove(model: DockerfileModel, node: InstructionNode): Suppressions {
  let found: Suppressions | null = null;
  const { text, lineStarts } = model;
  for (let line = node.line - 1; line >= 0; line--) {
    const content = text.slice(lineStarts[line], lineContentEnd(lineStarts, text, line)).trim();
    if (!content.startsWith('#')) break;
    const lw = LAYERWISE.exec(content);
    const hl = HADOLINT.exec(content);
    if (!lw && !hl) continue;
    found ??= { layerwise: new Set(), hadolint: new Set() };
    if (lw) for (const id of ids(lw[1])) found.layerwise.add(id);
    if (hl) for (const id of ids(hl[1])) found.hadolint.add(id.toUpperCase());
  }
  return found ?? NONE;
}
