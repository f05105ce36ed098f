// Inserting a whole new instruction on its own line, after an existing one:
// the ENV, ARG, LABEL and CMD that environment, metadata and default-command
// fixes add.
import { eol } from '../../engine/edits';
import type { TextEdit } from '../../engine/rule';
import { lineOf } from '../../model/lines';
import type { DockerfileModel, InstructionNode } from '../../model/types';

/** A new line `instruction` just below `after` (all its continuation lines), indented as `after` is. */
export function insertLineAfter(model: DockerfileModel, after: InstructionNode, instruction: string): TextEdit {
  const { text, lineStarts } = model;
  const nl = eol(model);
  const lastLine = lineOf(lineStarts, Math.max(after.start, after.end - 1));
  const line = after.indent + instruction;
  if (lastLine + 1 < lineStarts.length) {
    const at = lineStarts[lastLine + 1];
    return { start: at, end: at, newText: line + nl };
  }
  // The instruction ends the file without a line break.
  return { start: text.length, end: text.length, newText: nl + line + nl };
}

/**
 * A Dockerfile double-quoted value: `"` and the escape character escaped, and
 * `$` too where the instruction would otherwise expand it.
 */
export function quoted(value: string, escape: string, expands: boolean): string {
  const special = new Set(['"', escape, ...(expands ? ['$'] : [])]);
  let out = '';
  for (const c of value) out += special.has(c) ? escape + c : c;
  return `"${out}"`;
}
