// The model of a new text version built from the previous version's model.
// Once the escape directive is known, a Dockerfile is a list of independent
// instructions: only those an edit touches are parsed again (dockerfile-ast on
// that stretch of text alone), and the ones after it keep their nodes, shifted.
// So the cost of a keystroke follows the edit, not the file.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { assembleModel, buildModel, parseNodes } from './build';
import { lineOf } from './lines';
import type { DockerfileModel, InstructionNode, RunInfo, Span } from './types';

/** The text that lazily parsed `ast`s read: one per chain of versions, always the newest text. */
interface Source {
  text: string;
  escape: string;
}
const sources = new WeakMap<DockerfileModel, Source>();

/**
 * The model of `text`, equal to `buildModel(text)`, reusing `previous` where the
 * edit did not reach. `previous` is consumed: its nodes move into the new model.
 */
export function updateModel(previous: DockerfileModel, text: string): DockerfileModel {
  const old = previous.text;
  if (old === text) return previous;
  const list = previous.instructions;
  const p = commonPrefix(old, text);
  const oldEnd = old.length - commonSuffix(old, text, p);
  const delta = text.length - old.length;

  // k: the first instruction the edit may touch (one that ends at or after it);
  // m: the first one whose line starts after it (its indent is part of it). The edit before the first instruction's
  // end may change the directives, so that is a full build.
  const k = firstIndex(list, (n) => n.end >= p);
  if (k === 0) return detachAst(buildModel(text));
  const m = firstIndex(list, (n) => n.start - n.indent.length > oldEnd);
  const from = list[k - 1].end; // a line break (or the end): the parser is between instructions here
  const to = m < list.length ? list[m].start + delta : text.length;
  const prefix = previous.escape === '\\' ? '' : `# escape=${previous.escape}\n`;
  const stretch = prefix + text.slice(from, to);
  const parsed = parseNodes(stretch);
  const last = parsed.nodes[parsed.nodes.length - 1];
  // A stretch that ends inside an instruction (a continuation, an open
  // heredoc) swallows what follows it: the instructions after it change too.
  if (parsed.escape !== previous.escape || (m < list.length && last && last.end >= stretch.length)) return detachAst(buildModel(text));

  const source = sources.get(previous) ?? { text, escape: previous.escape };
  source.text = text;
  const lineStarts = updateLineStarts(previous.lineStarts, text, p, oldEnd, delta);
  const stretchLines = lineOf(lineStarts, from) - (prefix ? 1 : 0);
  for (const node of parsed.nodes) move(node, from - prefix.length, stretchLines, source);
  const lineDelta = lineStarts.length - previous.lineStarts.length;
  const after = list.slice(m);
  if (delta !== 0 || lineDelta !== 0) for (const node of after) move(node, delta, lineDelta, source);
  const model = assembleModel(text, previous.escape, lineStarts, [...list.slice(0, k), ...parsed.nodes, ...after]);
  sources.set(model, source);
  return model;
}

/** Compared a block at a time: string equality is native, a loop over characters is not. */
const BLOCK = 1024;

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let p = 0;
  while (p + BLOCK <= limit && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** The common suffix, not reaching back before `prefix` in either text. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let s = 0;
  while (s + BLOCK <= limit && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/**
 * Line starts of the new text: those before the edit are kept, the edited
 * lines are scanned again, and the rest are the old ones moved by `delta`.
 * The scan starts a line early, since a `\r` before the edit and a `\n` typed
 * after it make one line break.
 */
function updateLineStarts(old: number[], text: string, p: number, oldEnd: number, delta: number): number[] {
  const first = Math.max(0, lineOf(old, p) - 1);
  const starts = old.slice(0, first + 1);
  const newEnd = oldEnd + delta;
  let j = lineOf(old, oldEnd) + 1; // the first old line start after the edit
  for (let i = starts[first]; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 13 && c !== 10) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    const start = i + 1;
    if (start <= newEnd) {
      starts.push(start);
      continue;
    }
    while (j < old.length && old[j] + delta < start) j++;
    // Past the edit, the first line start that was one before: the rest follow as they were.
    if (j < old.length && old[j] + delta === start) {
      for (; j < old.length; j++) starts.push(old[j] + delta);
      return starts;
    }
    starts.push(start);
  }
  return starts;
}

/**
 * The model with every node's `ast` parsed again on demand, so that it does not
 * hold dockerfile-ast's tree of the whole text: the server keeps a model for
 * every open document.
 */
export function detachAst(model: DockerfileModel): DockerfileModel {
  const source = { text: model.text, escape: model.escape };
  for (const node of model.instructions) {
    lazyAst(node, source);
    for (let t = node.trigger, parent = node; t; parent = t, t = t.trigger) triggerAst(t, parent);
  }
  sources.set(model, source);
  return model;
}

/** The first index whose node passes, for a test that is false and then true along the list. */
function firstIndex(list: readonly InstructionNode[], passes: (n: InstructionNode) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (passes(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function shift(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

function shiftRun(run: RunInfo, by: number): void {
  run.flags.forEach((f) => shift(f, by));
  for (const command of run.commands) {
    shift(command, by);
    command.assignments.forEach((w) => shift(w, by));
    command.words.forEach((w) => shift(w, by));
    for (const r of command.redirects) {
      shift(r, by);
      if (r.target) shift(r.target, by);
    }
  }
  for (const h of run.heredocs) {
    if (h.body) shift(h.body, by);
    if (h.delimiter) shift(h.delimiter, by);
  }
  shift(run.script, by);
}

/** Moves a node by `by` offsets and `lines` lines; its `ast` is parsed again, lazily, where it now stands. */
function move(node: InstructionNode, by: number, lines: number, source: Source, parent: InstructionNode | null = null): void {
  shift(node, by);
  shift(node.keywordSpan, by);
  node.args.forEach((a) => shift(a, by));
  if (node.run) shiftRun(node.run, by);
  node.line += lines;
  if (parent) triggerAst(node, parent);
  else lazyAst(node, source);
  if (node.trigger) move(node.trigger, by, lines, source, node);
}

/** A trigger's `ast` is what its ONBUILD's `ast` holds. */
function triggerAst(trigger: InstructionNode, parent: InstructionNode): void {
  if (lazy.has(trigger)) return;
  lazy.add(trigger);
  Object.defineProperty(trigger, 'ast', {
    configurable: true,
    enumerable: true,
    get: () => (parent.ast as unknown as { getTriggerInstruction(): Instruction }).getTriggerInstruction(),
  });
}

/**
 * dockerfile-ast's node for one instruction, with the ranges it has in the
 * whole text: the instruction's lines are parsed alone, below blank lines that
 * put them where they stand (and the escape directive, when there is one).
 * The getter is defined once per node; what it parsed is kept while the node
 * stays where it was parsed.
 */
const parsedAt = new WeakMap<InstructionNode, { start: number; line: number; ast: Instruction }>();
const lazy = new WeakSet<InstructionNode>();

function lazyAst(node: InstructionNode, source: Source): void {
  if (lazy.has(node)) return;
  lazy.add(node);
  Object.defineProperty(node, 'ast', {
    configurable: true,
    enumerable: true,
    get: () => {
      const cached = parsedAt.get(node);
      if (cached && cached.start === node.start && cached.line === node.line) return cached.ast;
      const directive = source.escape === '\\' ? '' : `# escape=${source.escape}\n`;
      const lineStart = node.start - node.indent.length;
      const padded = directive + '\n'.repeat(node.line - (directive ? 1 : 0)) + source.text.slice(lineStart, node.end);
      const ast = DockerfileParser.parse(padded).getInstructions()[0];
      parsedAt.set(node, { start: node.start, line: node.line, ast });
      return ast;
    },
  });
}
