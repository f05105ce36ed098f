import { APT, baseName, CONDA, callsIn, PIP, type ToolSpec } from '../engine/commands';
import { appendToRun, commandText, eol, indentOf, removeInstruction } from '../engine/edits';
import { formatMessage, type Fix, type Rule, type TextEdit } from '../engine/rule';
import { lineContentEnd, lineOf } from '../model/lines';
import { stagesInFinalImage } from '../model/scope';
import type { DockerfileModel, InstructionNode, ShellCommand } from '../model/types';
import { cleanupCommands, touches, type CleanupRun } from './support/cleanup';
import { madePaths, namedValues, pathUsed } from './support/madePaths';
import { memoizeByObject } from './support/memo';
import { APK, YUM } from './support/packageTools';

const MANAGERS: Array<{ name: string; spec: ToolSpec }> = [
  { name: 'apt-get', spec: APT },
  { name: 'pip', spec: PIP },
  { name: 'conda', spec: CONDA },
  { name: 'apk', spec: APK },
  { name: 'yum/dnf', spec: YUM },
];

/**
 * Instructions that change what a later RUN sees, so its commands could not
 * simply join the RUN before: WORKDIR, USER, ENV, ARG, COPY, ADD, SHELL, and
 * VOLUME (after which changes to the volume are thrown away).
 */
const BREAKS = new Set(['FROM', 'WORKDIR', 'USER', 'ENV', 'ARG', 'COPY', 'ADD', 'SHELL', 'VOLUME']);

/** Commands that change the shell for the commands after them: appending after them would change what runs. */
const CHANGES_SHELL = new Set(['cd', 'export', 'set', 'source', '.', 'unset', 'umask', 'alias', 'shopt', 'pushd', 'popd', 'exec', 'exit', 'trap', 'eval', 'ulimit']);

function managers(node: InstructionNode): string[] {
  return MANAGERS.filter((m) => callsIn(node, m.spec).length > 0).map((m) => m.name);
}

function changesShell(command: ShellCommand): boolean {
  return (command.assignments.length > 0 && command.words.length === 0) || CHANGES_SHELL.has(baseName(command.words[0]?.value ?? ''));
}

function flagsText(model: DockerfileModel, node: InstructionNode): string {
  return node.run!.flags.map((f) => model.text.slice(f.start, f.end)).sort().join(' ');
}

/**
 * Joins the later RUN's commands onto the earlier one with `&&`, in its layout,
 * and deletes the later RUN. Only where that runs the same commands the same
 * way: both in shell form with the same flags, the earlier one leaving the
 * shell as it found it, the later one an `&&` chain of simple commands or pipes.
 */
function mergeFix(model: DockerfileModel, earlier: InstructionNode, later: InstructionNode, line: string): Fix | null {
  const a = earlier.run!;
  const b = later.run!;
  if (a.form !== 'shell' || b.form !== 'shell' || flagsText(model, earlier) !== flagsText(model, later)) return null;
  if (a.commands.length === 0 || b.commands.length === 0) return null;
  if (a.commands.some((c) => changesShell(c) || c.separator === '&') || b.commands.some((c) => ['exit', 'exec'].includes(c.words[0]?.value ?? ''))) return null;
  if (b.commands.slice(1).some((c) => c.separator !== '&&' && c.separator !== '|')) return null;
  const script = commandText(model, b.script.start, b.script.end);
  // Subshells, braces and comments do not survive being cut at command boundaries.
  if (/(^|[^$])[(){}]|(^|\s)#/.test(script.replace(/\$\{[^}]*\}|\$\([^)]*\)/g, ''))) return null;
  const segments: string[] = [];
  let from = b.commands[0];
  b.commands.forEach((c, i) => {
    const next = b.commands[i + 1];
    if (!next || next.separator === '&&') {
      // As written, continuation lines and comment lines included: the two RUNs share the escape character.
      segments.push(model.text.slice(from.start, c.end));
      if (next) from = next;
    }
  });
  const append = oneLineEarlier(model, earlier) && spansLines(model, b.commands) ? keepLaterLayout(model, earlier, later) : appendToRun(model, earlier, segments);
  if (!append) return null;
  const owner = later.onbuild ?? later;
  const comments = commentsAbove(model, owner);
  const edits = comments ? carryComments(model, earlier, append, owner, comments) : [append, removeInstruction(model, owner)];
  return { title: formatMessage(consecutiveRunsSameComponent.meta.messages.fix, { line }), safety: 'safe', edits, instructionsAdded: -1 };
}

function oneLineEarlier(model: DockerfileModel, earlier: InstructionNode): boolean {
  const commands = earlier.run!.commands;
  return lineOf(model.lineStarts, commands[commands.length - 1].end) === earlier.line;
}

function spansLines(model: DockerfileModel, commands: readonly ShellCommand[]): boolean {
  return lineOf(model.lineStarts, commands[0].start) !== lineOf(model.lineStarts, commands[commands.length - 1].end);
}

/**
 * A one-line RUN takes a later RUN laid out one command per line as that RUN wrote it, its continuation lines
 * and `&&` (leading or trailing) kept, rather than all on one long line.
 */
function keepLaterLayout(model: DockerfileModel, earlier: InstructionNode, later: InstructionNode): TextEdit | null {
  const at = appendToRun(model, earlier, ['x']);
  if (!at) return null;
  const { text, lineStarts } = model;
  const commands = later.run!.commands;
  const written = text.slice(commands[0].start, commands[commands.length - 1].end);
  const second = lineStarts[lineOf(lineStarts, commands[0].start) + 1];
  const lineIndent = /^[ \t]*/.exec(text.slice(second))![0];
  // The later RUN's own command indentation where its second line starts a command or an operator, else the lesson's.
  const startsCommand = /^(&&|\|\||\|)/.test(text.slice(second + lineIndent.length)) || commands.some((c) => c.start === second + lineIndent.length);
  const indent = startsCommand && lineIndent ? lineIndent : `${indentOf(earlier)}    `;
  const esc = model.escape;
  const nl = eol(model);
  const leading = /\n[ \t]*(&&|\|)/.test(written);
  return { start: at.start, end: at.end, newText: leading ? ` ${esc}${nl}${indent}&& ${written}` : ` && ${esc}${nl}${indent}${written}` };
}

/**
 * The comment lines right above an instruction, which say what it does; null
 * when there are none, or when one is a pragma that must stay above its instruction.
 */
function commentsAbove(model: DockerfileModel, node: InstructionNode): { firstLine: number; lines: string[] } | null {
  const { text, lineStarts } = model;
  const lines: string[] = [];
  let line = node.line - 1;
  for (; line >= 0; line--) {
    const content = text.slice(lineStarts[line], lineContentEnd(lineStarts, text, line));
    if (!content.trim().startsWith('#')) break;
    if (/layerwise-ignore|hadolint|^\s*#\s*(escape|syntax|check)\s*=/i.test(content)) return null;
    lines.unshift(content);
  }
  return lines.length > 0 ? { firstLine: line + 1, lines } : null;
}

/**
 * Moves the later RUN's comment lines along with its commands, into the merged
 * RUN's continuation (where Docker skips them), so they stay beside what they describe.
 */
function carryComments(model: DockerfileModel, earlier: InstructionNode, append: TextEdit, later: InstructionNode, comments: { firstLine: number; lines: string[] }): TextEdit[] {
  const nl = eol(model);
  const esc = model.escape;
  const block = comments.lines.join(nl) + nl;
  const breakAt = append.newText.indexOf(esc + nl);
  const newText =
    breakAt >= 0
      ? append.newText.slice(0, breakAt + esc.length + nl.length) + block + append.newText.slice(breakAt + esc.length + nl.length)
      : ` ${esc}${nl}${block}${indentOf(earlier)}    ${append.newText.trimStart()}`;
  // Remove from the blank lines above the comments to the end of the later RUN, leaving no gap.
  const removal = removeInstruction(model, later);
  let line = comments.firstLine;
  while (line > 0 && model.text.slice(model.lineStarts[line - 1], lineContentEnd(model.lineStarts, model.text, line - 1)).trim() === '') line--;
  return [{ ...append, newText }, { start: Math.min(removal.start, model.lineStarts[line]), end: removal.end, newText: '' }];
}

/** A RUN; a trigger is an ONBUILD's RUN: ONBUILD RUNs pair among the ONBUILD triggers, top-level RUNs among themselves. */
interface Link {
  run: InstructionNode;
  trigger: boolean;
}

// What a RUN works on, read only for a RUN that follows or precedes another unbroken (and then kept with the node):
// reading it for every RUN when it is new would cost a cold lint more than the rule used to.
const managersOf = memoizeByObject(managers);
/** The paths a RUN makes: where a later RUN's paths are looked for. */
const madeBy = memoizeByObject(madePaths);
/** Every value a RUN names. */
const namedIn = memoizeByObject(namedValues);

/**
 * Whether an instruction between two RUNs of a chain (the top-level one, or the triggers') changes what the later
 * RUN sees. Read from the instructions between the pair, which all pairs of a file add up to once: cheaper than
 * collecting them, and asked first, since most pairs are broken and then nothing more is read.
 */
function breaksBetween(model: DockerfileModel, earlier: InstructionNode, later: InstructionNode, trigger: boolean): boolean {
  // A trigger has the index of its ONBUILD.
  for (let k = earlier.index + 1; k < later.index; k++) {
    const node = model.instructions[k];
    const keyword = trigger ? (node.keyword === 'ONBUILD' ? node.trigger?.keyword : undefined) : node.keyword;
    if (keyword !== undefined && BREAKS.has(keyword)) return true;
  }
  return false;
}

/**
 * Whether cleanup-in-separate-layer reports the later RUN as cleaning up after the earlier one: every resource it
 * cleans was made by one of the stage's top-level RUNs before it (`before`), the nearest such RUN of one of them
 * being the earlier, which is the RUN right before the later.
 */
function cleansUpAfter(cleanup: CleanupRun['commands'], earlier: InstructionNode, before: readonly InstructionNode[]): boolean {
  const resources = cleanup.flatMap((c) => c.resources);
  if (!resources.some((r) => touches(earlier, r))) return false;
  return resources.every((r) => before.some((run) => touches(run, r)));
}

export const consecutiveRunsSameComponent: Rule<'run' | 'trigger'> = {
  meta: {
    id: 'consecutive-runs-same-component',
    title: 'Consecutive RUNs that set up the same component and could be one layer',
    severity: 'info',
    category: 'layers',
    hadolint: ['DL3059'],
    fix: 'safe',
    messages: {
      manager: 'This RUN uses {manager} again, right after the RUN on line {line}: group the commands of one component in one RUN, one layer.',
      paths: 'This RUN works on {path}, which the RUN on line {line} fetched or built: group the commands of one component in one RUN, one layer.',
      fix: 'Merge into the RUN on line {line}',
    },
  },
  // A flag rather than the node's own objects: every RUN is collected, and a fact that holds no words spares the
  // engine shifting the words of each RUN a keystroke moved before the check (see lint.ts).
  collect(node) {
    if (node.keyword === 'ONBUILD') return node.trigger?.run ? 'trigger' : null;
    return node.run ? 'run' : null;
  },
  // Neighbouring RUNs of one stage, merged within it.
  scope: 'stage',
  namesLines: true,
  check({ model, report, collected }) {
    const inImage = stagesInFinalImage(model);
    const reportPair = (before: Link, link: Link, runs: readonly InstructionNode[]) => {
      const earlier = before.run;
      const later = link.run;
      if (breaksBetween(model, earlier, later, link.trigger)) return;
      const shared = managersOf(later).find((m) => managersOf(earlier).includes(m));
      const path = shared ? null : pathUsed(namedIn(later), madeBy(earlier));
      if (!shared && !path) return;
      // For a RUN (or an ONBUILD RUN) that only cleans up, cleanup-in-separate-layer reports it instead.
      const cleanup = cleanupCommands(later);
      if (cleanup && cleansUpAfter(cleanup, earlier, runs)) return;
      const line = String(lineOf(model.lineStarts, earlier.keywordSpan.start) + 1);
      const fix = mergeFix(model, earlier, later, line);
      const keywordLine = lineOf(model.lineStarts, later.keywordSpan.start);
      const onFirstLine = later.run!.commands.filter((c) => lineOf(model.lineStarts, c.end) === keywordLine);
      const end = later.run!.form === 'exec' ? later.end : (onFirstLine[onFirstLine.length - 1]?.end ?? later.keywordSpan.end);
      report({
        span: { start: later.keywordSpan.start, end },
        messageId: shared ? 'manager' : 'paths',
        data: { manager: shared ?? '', path: path ?? '', line },
        fixes: fix ? [fix] : [],
      });
    };
    let stage = Number.NaN;
    // The RUN before, among the top-level instructions and among the triggers.
    let previous: Link | null = null;
    let previousTrigger: Link | null = null;
    // The stage's top-level RUNs so far, and its ONBUILD RUNs' triggers, where the makers of what a cleanup RUN
    // (or an ONBUILD RUN) cleans are looked for.
    let runs: InstructionNode[] = [];
    let triggers: InstructionNode[] = [];
    for (const { node, fact } of collected) {
      const link: Link = fact === 'trigger' ? { run: node.trigger!, trigger: true } : { run: node, trigger: false };
      if (!inImage.has(node.stage)) continue;
      if (node.stage !== stage) {
        stage = node.stage;
        previous = previousTrigger = null;
        runs = [];
        triggers = [];
      }
      const before = link.trigger ? previousTrigger : previous;
      if (link.trigger) previousTrigger = link;
      else previous = link;
      if (before) reportPair(before, link, link.trigger ? triggers : runs);
      (link.trigger ? triggers : runs).push(link.run);
    }
  },
};
