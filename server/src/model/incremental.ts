// The model of a new text version built from the previous version's model.
// Once the escape directive is known, a Dockerfile is a list of independent
// instructions: only those an edit touches are parsed again (dockerfile-ast on
// that stretch of text alone), and the ones after it keep their nodes, shifted.
// So the cost of a keystroke follows the edit, not the file.
import { CR, LF } from './chars';
import { assembleModel, buildModel, nodesOf } from './build';
import { readCheckDirective } from './checkDirective';
import { lineOf } from './lines';
import { detachAst, move, sources } from './moved';
import { Slot } from './slots';
import { unshared } from './unshared';
import type { DockerfileModel, InstructionNode, Stage } from './types';

/** Where an edit changed the previous text: `start` to `oldEnd` there became what stands from `start` in the new one. */
export interface EditedRange {
  start: number;
  oldEnd: number;
}

/**
 * The model of `text`, equal to `buildModel(text)`, reusing `previous` where the
 * edit did not reach. `previous` is consumed: its nodes move into the new model,
 * and its node list and line starts become the new model's, changed in place.
 */
export function updateModel(previous: DockerfileModel, text: string, edit?: EditedRange): DockerfileModel {
  // The new model may hold `previous` until it is linted; `previous` lets go of the one before it, so that a
  // chain of models never stays alive through them.
  instructionsEdits.delete(previous);
  const old = previous.text;
  const delta = text.length - old.length;
  const known = edit && edit.start >= 0 && edit.start <= edit.oldEnd && edit.oldEnd <= old.length && edit.oldEnd + delta >= edit.start;
  if (!known && old === text) return previous;
  const list = previous.instructions;
  // The editor says where it changed the text; otherwise the texts are compared.
  const p = known ? edit.start : commonPrefix(old, text);
  const oldEnd = known ? edit.oldEnd : old.length - commonSuffix(old, text, p);

  // k: the first instruction the edit may touch (one that ends at or after it);
  // m: the first one whose line starts after it (its indent is part of it). The edit before the first instruction's
  // end may change the directives, so that is a full build.
  const k = firstIndex(list, (n) => n.end >= p);
  if (k === 0) return detachAst(buildModel(text));
  const m = firstIndex(list, (n) => n.start - n.indent.length > oldEnd);
  const from = list[k - 1].end; // a line break (or the end): the parser is between instructions here
  const to = m < list.length ? list[m].start + delta : text.length;
  const prefix = previous.escape === '\\' ? '' : `# escape=${previous.escape}\n`;
  // The new nodes' words are slices of the stretch: a copy, so that they do not keep this version of the whole
  // text alive (208 KB a keystroke in a 5,000-line file, promoted to the old generation and freed only by a full GC).
  const stretch = unshared(prefix + text.slice(from, to));
  const parsed = nodesOf(stretch);
  const last = parsed.nodes[parsed.nodes.length - 1];
  // A stretch that ends inside an instruction (a continuation, an open
  // heredoc) swallows what follows it: the instructions after it change too.
  if (parsed.escape !== previous.escape || (m < list.length && last && last.end >= stretch.length)) return detachAst(buildModel(text));

  const source = sources.get(previous) ?? { text, escape: previous.escape };
  source.text = text;
  const oldLines = previous.lineStarts.length;
  const lineStarts = updateLineStarts(previous.lineStarts, text, p, oldEnd, delta);
  const stretchLines = lineOf(lineStarts, from) - (prefix ? 1 : 0);
  for (const node of parsed.nodes) move(node, from - prefix.length, stretchLines, source);
  const lineDelta = lineStarts.length - oldLines;
  const edited = m - k + parsed.nodes.length <= EDITED_INSTRUCTIONS ? list.slice(k, m) : null;
  const stages = edited && stagesAfter(previous.stages, edited, parsed.nodes, k, delta);
  const nodes = replaced(list, k, m, parsed.nodes);
  if (delta !== 0 || lineDelta !== 0) for (let i = k + parsed.nodes.length; i < nodes.length; i++) move(nodes[i], delta, lineDelta, source);
  const model = stages
    ? { text, escape: previous.escape, lineStarts, instructions: nodes, stages, globalArgs: previous.globalArgs, checks: readCheckDirective(text) }
    : assembleModel(text, previous.escape, lineStarts, nodes);
  sources.set(model, source);
  if (edited) instructionsEdits.set(model, { previous, replaced: edited, by: parsed.nodes, at: k, start: p, oldEnd, delta });
  return model;
}

/**
 * The stages after an edit that replaced instructions one for one inside a stage, none of them a FROM or a COPY
 * (which make stages and name those copied from): the previous stages, with the new nodes numbered and put in
 * their stage, and the image spans of the stages after the edit moved. Grouping every node into stages again
 * was a third of a keystroke's update in a long file. Null when the edit did more; assembleModel then does it.
 * Called before the nodes after the edit move: a FROM that moves is one at or after `at`.
 */
function stagesAfter(stages: readonly Stage[], old: readonly InstructionNode[], by: readonly InstructionNode[], at: number, delta: number): Stage[] | null {
  if (old.length !== by.length) return null;
  const stage = old.length > 0 ? old[0].stage : -1;
  for (const node of old) if (node.stage < 0 || node.stage !== stage || MAKES_STAGES.has(node.keyword)) return null;
  for (const node of by) if (MAKES_STAGES.has(node.keyword)) return null;
  const own = stage >= 0 ? stages[stage].instructions : null;
  const first = own ? own.indexOf(old[0]) : -1;
  if (own && first < 0) return null;
  by.forEach((node, i) => {
    node.index = at + i;
    node.stage = stage;
    for (let t = node.trigger; t; t = t.trigger) {
      t.index = node.index;
      t.stage = stage;
    }
  });
  return stages.map((s) => {
    // A stage after the edit moved with its FROM: its image span moves in place, as the nodes do (the previous
    // model is consumed). A copy of every such stage was a fifth of what a keystroke's update allocated in a
    // file of hundreds of stages.
    if (delta !== 0 && s.from.index >= at && s.imageSpan !== null) {
      s.imageSpan.start += delta;
      s.imageSpan.end += delta;
    }
    if (s.index !== stage) return s;
    const copy: Stage = { ...s, instructions: s.instructions.slice() };
    copy.instructions.splice(first, by.length, ...by);
    return copy;
  });
}

const MAKES_STAGES = new Set(['FROM', 'COPY']);

/** The most instructions an edit may replace and write, together, for the lint to keep what it found elsewhere. */
const EDITED_INSTRUCTIONS = 16;

/**
 * What an edit did to the instructions: it replaced `replaced` (none when it
 * wrote instructions between others) with `by` (none when it removed them).
 * Most keystrokes replace one instruction with one; typing a new instruction
 * adds one. The lint of the new model can then keep what the previous lint
 * found elsewhere. `replaced` keeps its offsets in the previous text; the nodes
 * after them moved by `delta`.
 */
export interface InstructionsEdit {
  previous: DockerfileModel;
  replaced: InstructionNode[];
  by: InstructionNode[];
  /** The index of the first instruction replaced, and of the first written: the nodes before it kept theirs. */
  at: number;
  start: number;
  oldEnd: number;
  delta: number;
}

const instructionsEdits = new Slot<DockerfileModel, InstructionsEdit>();

/**
 * The edit that made `model` from the previous model, when it replaced a few
 * instructions; read once, so that the model stops holding the previous one.
 */
export function takeInstructionsEdit(model: DockerfileModel): InstructionsEdit | undefined {
  const edit = instructionsEdits.get(model);
  instructionsEdits.delete(model);
  return edit;
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
  const newEnd = oldEnd + delta;
  let j = lineOf(old, oldEnd) + 1; // the first old line start after the edit
  const edited: number[] = [];
  for (let i = old[first]; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== CR && c !== LF) continue;
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    const start = i + 1;
    if (start <= newEnd) {
      edited.push(start);
      continue;
    }
    while (j < old.length && old[j] + delta < start) j++;
    // Past the edit, the first line start that was one before: the rest follow as they were.
    if (j < old.length && old[j] + delta === start) return spliced(old, first + 1, j, edited, delta);
    edited.push(start);
  }
  return spliced(old, first + 1, old.length, edited, 0);
}

/** `old`, with its entries from `from` to `to` replaced by `edited`, and those after them moved by `delta`. */
function spliced(old: number[], from: number, to: number, edited: number[], delta: number): number[] {
  const starts = replaced(old, from, to, edited);
  if (delta !== 0) for (let i = from + edited.length; i < starts.length; i++) starts[i] += delta;
  return starts;
}

/** splice passes its items as arguments, which a paste of many thousand lines would overflow. */
const SPLICED_ITEMS = 4096;

/**
 * `list` with `from` to `to` replaced by `items`, changed in place: the previous
 * model is consumed (its nodes already moved), and a copy of the node list and
 * the line starts was a tenth of what a keystroke in a long file allocates.
 */
function replaced<T>(list: T[], from: number, to: number, items: readonly T[]): T[] {
  if (items.length > SPLICED_ITEMS) return list.slice(0, from).concat(items, list.slice(to));
  list.splice(from, to - from, ...items);
  return list;
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
