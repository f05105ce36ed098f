// Inline suppressions: `# layerwise-ignore=rule-a,rule-b -- why` and
// hadolint's `# hadolint ignore=DL3008` on the comment lines just above an
// instruction. They cover the whole instruction, continuation lines included.
import { lineContentEnd } from '../model/lines';
import type { DockerfileModel, InstructionNode } from '../model/types';

export interface Suppressions {
  layerwise: Set<string>;
  hadolint: Set<string>;
}

const LAYERWISE = /^#\s*layerwise-ignore\s*=\s*([^\s]+(?:\s*,\s*[^\s,]+)*)/;
const HADOLINT = /^#\s*hadolint\s+ignore\s*=\s*([^\s]+(?:\s*,\s*[^\s,]+)*)/;

function ids(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s !== '--');
}

export function suppressionsAbove(model: DockerfileModel, node: InstructionNode): Suppressions {
  const found: Suppressions = { layerwise: new Set(), hadolint: new Set() };
  const { text, lineStarts } = model;
  for (let line = node.line - 1; line >= 0; line--) {
    const content = text.slice(lineStarts[line], lineContentEnd(lineStarts, text, line)).trim();
    if (!content.startsWith('#')) break;
    const lw = LAYERWISE.exec(content);
    if (lw) for (const id of ids(lw[1])) found.layerwise.add(id);
    const hl = HADOLINT.exec(content);
    if (hl) for (const id of ids(hl[1])) found.hadolint.add(id.toUpperCase());
  }
  return found;
}
