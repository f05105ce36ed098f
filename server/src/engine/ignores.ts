// Inline suppressions: `# layerwise-ignore=rule-a,rule-b -- why` and
// hadolint's `# hadolint ignore=DL3008` on the comment lines just above an
// instruction. They cover the whole instruction, continuation lines included.
import { parseCheckOptions } from '../model/checkDirective';
import { lineContentEnd } from '../model/lines';
import type { DockerfileModel, InstructionNode } from '../model/types';

export interface Suppressions {
  layerwise: Set<string>;
  hadolint: Set<string>;
  /** BuildKit checks skipped for this instruction by a `# check=skip=A,B` comment above it, as BuildKit does. */
  buildkit: Set<string>;
  /** `# check=skip=all` above it. */
  buildkitAll: boolean;
}

/** The pragma and its list of ids, which may have spaces after its commas (`a, b`). */
const LAYERWISE = /^#\s*layerwise-ignore\s*=\s*([^\s,]+(?:\s*,\s*[^\s,]+)*)/;
const HADOLINT = /^#\s*hadolint\s+ignore\s*=\s*([^\s,]+(?:\s*,\s*[^\s,]+)*)/;
/** BuildKit reads a `check` directive in the comments just above an instruction too; only its skip applies there. */
const CHECK = /^#\s*check\s*=\s*(\S+)/i;

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
const NONE: Suppressions = { layerwise: new Set(), hadolint: new Set(), buildkit: new Set(), buildkitAll: false };

export function suppressionsAbove(model: DockerfileModel, node: InstructionNode): Suppressions {
  let found: Suppressions | null = null;
  const { text, lineStarts } = model;
  for (let line = node.line - 1; line >= 0; line--) {
    const content = text.slice(lineStarts[line], lineContentEnd(lineStarts, text, line)).trim();
    if (!content.startsWith('#')) break;
    const lw = LAYERWISE.exec(content);
    const hl = HADOLINT.exec(content);
    const check = CHECK.exec(content);
    const options = check ? parseCheckOptions(check[1]) : null;
    if (!lw && !hl && !options) continue;
    found ??= { layerwise: new Set(), hadolint: new Set(), buildkit: new Set(), buildkitAll: false };
    if (lw) for (const id of ids(lw[1])) found.layerwise.add(id);
    if (hl) for (const id of ids(hl[1])) found.hadolint.add(id.toUpperCase());
    if (options) {
      for (const name of options.skip) found.buildkit.add(name);
      if (options.skipAll) found.buildkitAll = true;
    }
  }
  return found ?? NONE;
}
