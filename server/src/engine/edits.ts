// Text edits that fixes share: appending commands to a RUN in its own
// continuation style, inserting an argument, removing an instruction.
import { lineContentEnd, lineOf } from '../model/lines';
import { leavesQuoteOpen } from '../model/openQuotes';
import type { DockerfileModel, InstructionNode, Word } from '../model/types';
import type { TextEdit } from './rule';

/** The line break the document uses, so that a fix does not mix styles. */
export function eol(model: DockerfileModel): string {
  const i = model.text.indexOf('\n');
  return i > 0 && model.text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** An instruction's indentation as blanks only: a byte-order mark before the first line is not indentation (found by the fuzzer). */
export function indentOf(node: InstructionNode): string {
  return node.indent.replace(/^\uFEFF/, '');
}

/** Where a new line may go at a line start: after the byte-order mark on the first line. */
export function lineInsertionPoint(model: DockerfileModel, lineStart: number): number {
  return lineStart === 0 && model.text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
}

function leadingSpace(text: string, from: number): string {
  let k = from;
  while (text[k] === ' ' || text[k] === '\t') k++;
  return text.slice(from, k);
}

/**
 * Appends `&& cmd` for each command at the end of a RUN's script, laid out as
 * the RUN lays out its own commands: on the same line (while it stays within
 * LINE_WIDTH), or one per line with `&&` leading or trailing. A heredoc script gets the commands as new lines.
 * Returns null for the exec form, where there is no shell to chain in.
 * `after`: where the command ends that the appended ones must follow. When an `if` or `case` branch
 * starts between it and the RUN's last command, the commands go after the `fi`/`esac`: in the last
 * branch they would run only where that command did not.
 */
/** The longest line a fix appends to a one-line RUN: no fix leaves a 200-character line. */
const LINE_WIDTH = 100;

export function appendToRun(model: DockerfileModel, node: InstructionNode, commands: string[], after?: number): TextEdit | null {
  const run = node.run;
  if (!run || run.form === 'exec' || commands.length === 0) return null;
  // A command that ends on the escape character would escape the line break or the operator after it.
  if (commands.some((c) => c.endsWith(model.escape))) return null;
  const { text, lineStarts } = model;
  const nl = eol(model);
  if (run.form === 'heredoc') {
    const heredoc = run.heredocs.find((h) => h.body && h.delimiter);
    if (!heredoc?.delimiter) return null;
    const at = heredoc.delimiter.start;
    const indent = heredoc.body ? leadingSpace(text, lineStarts[lineOf(lineStarts, heredoc.body.start)]) : '';
    return { start: at, end: at, newText: commands.map((c) => indent + c + nl).join('') };
  }
  const scriptCommands = run.commands.filter((c) => c.end <= run.script.end);
  const last = scriptCommands[scriptCommands.length - 1];
  if (!last) return null;
  // After an unclosed quote the appended commands would be quoted text, not commands.
  const words = [...last.assignments, ...last.words, ...last.redirects.flatMap((r) => (r.target ? [r.target] : []))];
  if (words.some((w) => leavesQuoteOpen(w.raw))) return null;
  const rest = text.slice(last.end, node.end);
  if (!onlyClosersAfter(rest, model.escape)) return null;
  // After the subshell, group or loop that the last command ends: inside it, a cleanup would run in the
  // subshell's folder, or once per loop (removing the lists the next round installs from).
  const leaveBranches = after !== undefined && after < last.start && BRANCH_START.test(text.slice(after, last.start));
  const end = last.end + closersEnd(rest, model.escape, leaveBranches);
  const lastLine = lineOf(lineStarts, last.start);
  const firstLine = lineOf(lineStarts, node.start);
  const esc = model.escape;
  if (lineOf(lineStarts, end) === firstLine) {
    const joined = commands.map((c) => ` && ${c}`).join('');
    if (end - lineStarts[firstLine] + joined.length + (lineContentEnd(lineStarts, text, firstLine) - end) <= LINE_WIDTH) return { start: end, end, newText: joined };
    // Past it, one command per line below, `&&` leading, as the lesson lays out a long RUN.
    return { start: end, end, newText: commands.map((c) => ` ${esc}${nl}${indentOf(node)}    && ${c}`).join('') };
  }
  if (lineOf(lineStarts, end) !== lineOf(lineStarts, last.end)) {
    // After a closer on a line of its own (`done`, `)`): one command per line, `&&` where the RUN puts it.
    const closerLine = lineOf(lineStarts, end);
    const closerIndent = leadingSpace(text, lineStarts[closerLine]);
    const leading = /\n[ \t]*(&&|\|\||;)/.test(text.slice(node.start, end));
    return leading
      ? { start: end, end, newText: commands.map((c) => ` ${esc}${nl}${closerIndent}&& ${c}`).join('') }
      : { start: end, end, newText: commands.map((c) => ` && ${esc}${nl}${closerIndent}${c}`).join('') };
  }
  const lineStart = lineStarts[lastLine];
  const indent = leadingSpace(text, lineStart);
  const firstOnLine = text.slice(lineStart + indent.length, last.start).trim();
  // The line starts with an operator (`&& grep x f || exit 1` too, whose last command follows another operator).
  const leadingOperator = /^(&&|\|\||;|\|)/.test(firstOnLine);
  const previous = scriptCommands[scriptCommands.length - 2];
  if (leadingOperator || !previous || lastLine === firstLine || lineOf(lineStarts, previous.end) === lastLine) {
    // `\` then `&& cmd` on the next line: the layout of the lesson's examples.
    const operatorIndent = leadingOperator && lastLine !== firstLine ? indent : indentOf(node) + '    ';
    return { start: end, end, newText: commands.map((c) => ` ${esc}${nl}${operatorIndent}&& ${c}`).join('') };
  }
  // `cmd && \` at the end of each line, the next command indented below, with the RUN's own `&&` before the
  // escape (`&&\` stays `&&\`). Blanks left after the last command would otherwise end the new last line.
  const commandIndent = text.slice(lineStart, last.start);
  const padded = /^\s*$/.test(commandIndent) ? commandIndent : indent;
  const written = /^[ \t]*&&[ \t]*/.exec(text.slice(previous.end, lineContentEnd(lineStarts, text, lineOf(lineStarts, previous.end))))?.[0];
  const joint = !written ? ' && ' : /^\s/.test(written) ? written : ` ${written}`;
  const lineEnd = lineContentEnd(lineStarts, text, lineOf(lineStarts, end));
  const trailing = /^[ \t]+$/.test(text.slice(end, lineEnd)) ? lineEnd : end;
  return { start: end, end: trailing, newText: commands.map((c) => `${joint}${esc}${nl}${padded}${c}`).join('') };
}

/** Another branch of an `if` or `case` (over-matching a quoted `else` only moves a cleanup after a `fi`, where it still runs). */
const BRANCH_START = /(?:^|[\s;])(?:else|elif)(?=[\s;]|$)|;;/;

/**
 * How far into `rest` (blanks, `;`, continuations and closers only) the last `)`, `}` or `done` ends, and `fi`
 * or `esac` with `leaveBranches`; 0 when there is none.
 */
function closersEnd(rest: string, escape: string, leaveBranches: boolean): number {
  const esc = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  // Inside an `if` or a `case` branch a cleanup runs with the install it follows; a loop or subshell must be left.
  const token = leaveBranches
    ? new RegExp(`[\\s;]+|${esc}(?:\\r\\n|\\r|\\n)|([})]|\\b(?:done|fi|esac)\\b)`, 'y')
    : new RegExp(`[\\s;]+|${esc}(?:\\r\\n|\\r|\\n)|\\b(?:fi|esac)\\b|([})]|\\bdone\\b)`, 'y');
  let end = 0;
  for (let m = token.exec(rest); m && m[0].length > 0; m = token.exec(rest)) if (m[1]) end = token.lastIndex;
  return end;
}

/**
 * True when what follows a RUN's last command is only blanks, `;`, continued lines and the words
 * that close a block (`fi`, `done`, `}`): appending there keeps the commands inside the block. After
 * anything else, such as an escape that ends the RUN, appended text would join the next line into
 * the RUN or leave an empty continuation (both found by the fuzzer).
 */
function onlyClosersAfter(rest: string, escape: string): boolean {
  const esc = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return new RegExp(`^(?:[\\s;})]|${esc}(?:\\r\\n|\\r|\\n)|\\b(?:fi|done|esac)\\b)*$`).test(rest);
}

/** Inserts an argument after a word, as a shell word or as a JSON string in the exec form. */
export function insertArgumentAfter(node: InstructionNode, word: Word, argument: string): TextEdit {
  const exec = node.run?.form === 'exec';
  return { start: word.end, end: word.end, newText: exec ? `, ${JSON.stringify(argument)}` : ` ${argument}` };
}

/** Removes an instruction's lines, and the blank lines just above it so that no gap is left. */
export function removeInstruction(model: DockerfileModel, node: InstructionNode): TextEdit {
  const { text, lineStarts } = model;
  const lastLine = lineOf(lineStarts, Math.max(node.start, node.end - 1));
  const end = lastLine + 1 < lineStarts.length ? lineStarts[lastLine + 1] : text.length;
  let line = lineOf(lineStarts, node.start);
  while (line > 0 && text.slice(lineStarts[line - 1], lineContentEnd(lineStarts, text, line - 1)).trim() === '') line--;
  return { start: lineStarts[line], end, newText: '' };
}

/** Text of a command as one line: continuations and comment lines dropped, runs of blanks kept as in the source. */
export function commandText(model: DockerfileModel, start: number, end: number): string {
  const esc = model.escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return model.text
    .slice(start, end)
    .replace(new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*[ \\t]*`, 'g'), ' ')
    .trim();
}
