import type { Rule, TextEdit } from '../engine/rule';
import { lineContentEnd, lineOf } from '../model/lines';
import { writtenText } from '../model/moved';
import type { DockerfileModel, InstructionNode, Span } from '../model/types';

/** A line break, white space only, and another line break: a blank line inside the instruction. */
const BLANK_LINE = /\n[ \t\r]*\n/;

export const noEmptyContinuation: Rule<true> = {
  meta: {
    id: 'no-empty-continuation',
    title: 'A blank line inside a continued instruction',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['NoEmptyContinuation'],
    fix: 'safe',
    messages: {
      empty: 'A blank line inside a continued instruction: Docker skips it today, and says it will be an error in a future release. Remove it, or end the instruction before it.',
      fix: 'Remove the blank lines',
    },
  },
  collect(node) {
    return BLANK_LINE.test(writtenText(node)) ? true : null;
  },
  check({ model, report, collected }) {
    for (const { node } of collected) {
      const blanks = blankContinuationLines(model, node);
      if (blanks.length === 0) continue;
      const { lineStarts } = model;
      const edits: TextEdit[] = blanks.map((line) => ({ start: lineStarts[line], end: lineStarts[line + 1], newText: '' }));
      const span: Span = { start: lineStarts[blanks[0]], end: lineStarts[blanks[blanks.length - 1] + 1] };
      // Docker drops these lines before it reads the instruction: without them it is the same instruction.
      report({ span, messageId: 'empty', fixes: [{ title: noEmptyContinuation.meta.messages.fix, safety: 'safe', edits }] });
    }
  },
  local: true,
};

/**
 * The blank lines that BuildKit's parser skips while it joins the instruction's continued lines: after the first
 * line, comment lines are skipped, a blank line is the warning, and a line without a continuation ends it.
 */
function blankContinuationLines(model: DockerfileModel, node: InstructionNode): number[] {
  const { text, lineStarts, escape } = model;
  const last = lineOf(lineStarts, Math.max(node.start, node.end - 1));
  const blanks: number[] = [];
  if (!continues(text.slice(node.start, lineContentEnd(lineStarts, text, node.line)), escape)) return blanks;
  for (let line = node.line + 1; line <= last && line + 1 < lineStarts.length; line++) {
    const content = text.slice(lineStarts[line], lineContentEnd(lineStarts, text, line));
    const trimmed = content.trim();
    if (trimmed.startsWith('#')) continue;
    if (trimmed === '') {
      blanks.push(line);
      continue;
    }
    if (!continues(content, escape)) break;
  }
  return blanks;
}

function continues(line: string, escape: string): boolean {
  return line.trimEnd().endsWith(escape);
}
