// Inserting a whole new instruction on its own line, after an existing one:
// the ENV, ARG, LABEL and CMD that environment, metadata and default-command
// fixes add.
import { eol, indentOf } from '../../engine/edits';
import type { Fix, FixSafety, TextEdit } from '../../engine/rule';
import { lineContentEnd, lineOf } from '../../model/lines';
import type { DockerfileModel, InstructionNode } from '../../model/types';

/**
 * A new line `instruction` just below `after` (all its continuation lines), indented as `after` is; null where
 * `after` ends on a continuation or in an unclosed heredoc, either of which would swallow the new line (found by
 * the fuzzer).
 */
export function insertLineAfter(model: DockerfileModel, after: InstructionNode, instruction: string): TextEdit | null {
  const { text, lineStarts } = model;
  const nl = eol(model);
  const lastLine = lineOf(lineStarts, Math.max(after.start, after.end - 1));
  if (text.slice(after.start, lineContentEnd(lineStarts, text, lastLine)).trimEnd().endsWith(model.escape)) return null;
  if (opensUnclosedHeredoc(text.slice(after.keywordSpan.end, after.end))) return null;
  const line = indentOf(after) + instruction;
  if (lastLine + 1 < lineStarts.length) {
    const at = lineStarts[lastLine + 1];
    return { start: at, end: at, newText: line + nl };
  }
  // The instruction ends the file without a line break.
  return { start: text.length, end: text.length, newText: nl + line + nl };
}

/** Whether an instruction opens a heredoc (in RUN, ADD or COPY, on any of its lines) that no later line of it closes. */
function opensUnclosedHeredoc(body: string): boolean {
  if (!body.includes('<<')) return false;
  const lines = body.split(/\r\n|\r|\n/);
  return lines.some((line, i) => {
    const names = [...line.matchAll(/<<-?\s*(["']?)([A-Za-z_][\w.-]*)\1/g)].map((m) => m[2]);
    const later = new Set(lines.slice(i + 1).map((l) => l.trim()));
    return names.some((name) => !later.has(name));
  });
}

/** A fix that adds one instruction below `after`, as a list that is empty where it cannot be added safely. */
export function addInstructionFix(model: DockerfileModel, after: InstructionNode, instruction: string, title: string, safety: FixSafety): Fix[] {
  const edit = insertLineAfter(model, after, instruction);
  return edit ? [{ title, safety, edits: [edit], instructionsAdded: 1 }] : [];
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
