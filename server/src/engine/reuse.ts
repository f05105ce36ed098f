// What one lint found, kept with its model, so that the lint of the next
// version can keep it: a keystroke changes one instruction (or writes or
// removes one), and the findings of a rule that collected nothing from those
// instructions, before or after the edit, stand where they were, moved with
// the text (see Rule.local). A rule whose scope is 'stage' keeps the findings
// of the stages the edit did not reach, and is checked on the others only.
// The engine still runs every other rule.
// test/unit/incremental.test.ts and the corpus sweep (scripts/corpus.ts) hold
// the result to a fresh lint after random edits.
import type { InstructionsEdit } from '../model/incremental';
import { sameItems } from '../model/same';
import { Slot } from '../model/slots';
import type { DockerfileModel, Span, Stage } from '../model/types';
import type { Collected, Finding, Fix, LintFacts, Rule } from './rule';
import type { LintSettings } from './settings';

/** A lint's inputs besides the model, and what it found: per rule, the collected list and the findings (undefined when the rule did not run). */
export interface LintRecord {
  rules: readonly Rule[];
  settings: LintSettings;
  authorEmail: string | undefined;
  /** The facts pin fixes read (lockfile versions, an index), when there are any; compared by identity. */
  pinFacts: LintFacts | undefined;
  skip: ReadonlySet<string> | undefined;
  lists: ReadonlyArray<Array<Collected<unknown>>>;
  /** Whether some rule's collect threw: its list lacks that instruction's part. */
  collectFailed: boolean;
  findings: Array<Finding[] | undefined>;
}

export const lintRecords = new Slot<DockerfileModel, LintRecord>();

/** Instructions that make stages or carry others: an edit of one changes more than itself. */
const STRUCTURAL = new Set(['FROM', 'ONBUILD']);
const PIN_NAMES = new Set(['ARG', 'ENV']);

/** The previous lint's record, when the edit and the inputs let this lint keep what it found. */
export function recordToKeep(edit: InstructionsEdit, model: DockerfileModel, now: Omit<LintRecord, 'lists' | 'collectFailed' | 'findings'>): LintRecord | null {
  const before = lintRecords.get(edit.previous);
  if (!before || before.rules !== now.rules || before.authorEmail !== now.authorEmail || before.pinFacts !== now.pinFacts) return null;
  if (!sameSettings(before.settings, now.settings) || !sameSet(before.skip, now.skip)) return null;
  const { replaced, by } = edit;
  if (replaced.length + by.length === 0) return null;
  // An edit within one instruction changed nothing around it. One that reaches past it, or writes or removes
  // instructions, must not touch a comment: it may be an ignore pragma for the instruction below it.
  const within = replaced.length === 1 && by.length === 1 && edit.start >= replaced[0].start && edit.oldEnd <= replaced[0].end;
  if (!within && (edit.previous.text.slice(edit.start, edit.oldEnd).includes('#') || model.text.slice(edit.start, edit.oldEnd + edit.delta).includes('#'))) return null;
  // The instructions stay in one stage and neither is nor becomes a FROM or an ONBUILD. A keyword that changes
  // (`RU` to `RUN` as it is typed) changes what rules collect from the instruction, and the rules that collected
  // from it before or after run again.
  const stage = (replaced[0] ?? by[0]).stage;
  for (const node of [...replaced, ...by]) if (STRUCTURAL.has(node.keyword) || node.stage < 0 || node.stage !== stage) return null;
  // Whether the file is built with BuildKit (a RUN --mount anywhere) decides every cleanup rule's fixes in
  // every stage: an edit of such a RUN lints the whole file again.
  for (const node of [...replaced, ...by]) if ((node.trigger ?? node).run?.flags.some((f) => f.name === 'mount')) return null;
  // A pin fix's new ARG takes a name no ARG or ENV of the file holds: an edit of one renames what pin fixes add.
  if (now.pinFacts) for (const node of [...replaced, ...by]) if (PIN_NAMES.has((node.trigger ?? node).keyword)) return null;
  return sameStages(edit.previous.stages, model.stages) ? before : null;
}

/**
 * A rule's earlier findings, moved by the edit; null when one of them, or one
 * of its fixes, reaches the text the edit replaced (its instructions, which
 * the rule may have read, and the edit itself).
 *
 * They move in place, as the model's nodes do: the previous version's model
 * and lint are consumed by this one (see updateModel). A new finding for each
 * one after the edit, kept until the next keystroke, was what a keystroke in a
 * long file dense with findings left in the old generation for a full GC to
 * free. The engine gives each finding spans of its own (see ownFixes), so no
 * span moves twice.
 */
export function movedFindings(findings: Finding[], edit: InstructionsEdit): Finding[] | null {
  const { replaced } = edit;
  const start = replaced.length > 0 ? Math.min(replaced[0].start, edit.start) : edit.start;
  const end = replaced.length > 0 ? Math.max(replaced[replaced.length - 1].end, edit.oldEnd) : edit.oldEnd;
  // Every finding is checked before any moves: one that reaches the edit leaves them all as they were.
  for (const f of findings) {
    if (reaches(f.span, start, end)) return null;
    for (const fix of f.fixes) for (const e of fix.edits) if (reaches(e, start, end)) return null;
  }
  if (edit.delta !== 0) for (const f of findings) move(f, end, edit.delta);
  return findings;
}

function reaches(s: Span, start: number, end: number): boolean {
  return s.start <= end && s.end >= start;
}

/**
 * The stages an edit inside one stage can change, for rules whose scope is 'stage': that stage and every stage
 * built FROM it, directly or not (stages build only FROM earlier ones, so one pass in order finds them all),
 * and, for a rule whose messages name lines, every later stage when the edit adds or removes lines.
 */
export function stagesReached(model: DockerfileModel, edit: InstructionsEdit, namesLines: boolean): Set<number> {
  const edited = (edit.replaced[0] ?? edit.by[0]).stage;
  const reached = new Set([edited]);
  // A message that names a line of its stage ("the CMD on line 20 replaces it") is stale once an edit above it
  // adds or removes lines, so those rules check the later stages again too; the others' findings just move.
  const linesMoved = namesLines && newlines(edit.previous.text, edit.start, edit.oldEnd) !== newlines(model.text, edit.start, edit.oldEnd + edit.delta);
  for (const stage of model.stages) if ((linesMoved && stage.index > edited) || (stage.baseStage !== null && reached.has(stage.baseStage))) reached.add(stage.index);
  return reached;
}

function newlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A stage-scoped rule's earlier findings in the stages the edit did not reach, moved with the text; null when
 * one of their fixes reaches the edit after all (then the rule is checked whole).
 */
export function findingsOutside(findings: readonly Finding[], edit: InstructionsEdit, model: DockerfileModel, reached: ReadonlySet<number>): Finding[] | null {
  const end = edit.replaced.length > 0 ? Math.max(edit.replaced[edit.replaced.length - 1].end, edit.oldEnd) : edit.oldEnd;
  const at = (offset: number) => (offset > end ? offset + edit.delta : offset);
  const outside = findings.filter((f) => !reached.has(stageAt(model, at(f.span.start))));
  return movedFindings(outside, edit);
}

/** The stage whose text holds an offset: from its FROM to the next FROM; -1 before the first. */
function stageAt(model: DockerfileModel, offset: number): number {
  const stages = model.stages;
  let lo = 0;
  let hi = stages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stages[mid].from.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const NO_FIXES: Fix[] = [];

/**
 * A report's fixes with edits and spans of the finding's own: a rule may hand two findings one fix, or use a
 * word's span (which moves with its node) as a fix's `at`, and moving the finding must move nothing else.
 */
export function ownFixes(fixes: readonly Fix[] | undefined): Fix[] {
  if (!fixes || fixes.length === 0) return NO_FIXES;
  return fixes.map((fix) => {
    const edits = fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText }));
    return fix.at ? { ...fix, edits, at: { start: fix.at.start, end: fix.at.end } } : { ...fix, edits };
  });
}

/** Shifts the offsets of a finding and its fixes that stand after `after` by `delta`. */
function move(f: Finding, after: number, delta: number): void {
  shiftAfter(f.span, after, delta);
  for (const fix of f.fixes) {
    for (const e of fix.edits) shiftAfter(e, after, delta);
    if (fix.at) shiftAfter(fix.at, after, delta);
  }
}

function shiftAfter(span: Span, after: number, delta: number): void {
  if (span.start > after) span.start += delta;
  if (span.end > after) span.end += delta;
}

/**
 * `list` with the entries of the edit's `replaced` nodes swapped for `entries`
 * (those of the nodes that replaced them, in order), at the same place. The
 * nodes before the edit kept their indexes, and those after it come after.
 * Changed in place, as the model's node list is: the previous lint's record is
 * consumed by this one, and a copy of lists thousands long was over a quarter
 * of what the lint of a keystroke allocated in a file dense with findings.
 */
export function listWithReplaced(list: Array<Collected<unknown>>, edit: InstructionsEdit, entries: ReadonlyArray<Collected<unknown>>): Array<Collected<unknown>> {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].node.index < edit.at) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  while (i < list.length && edit.replaced.includes(list[i].node)) i++;
  // An edit replaces at most EDITED_INSTRUCTIONS (model/incremental), so splice's arguments stay few.
  list.splice(lo, i - lo, ...entries);
  return list;
}

function sameSettings(a: LintSettings, b: LintSettings): boolean {
  if (a === b) return true;
  const keys = Object.keys(a.rules);
  return (
    keys.length === Object.keys(b.rules).length &&
    keys.every((k) => a.rules[k] === b.rules[k]) &&
    sameItems(a.ignore, b.ignore) &&
    sameItems(a.trustedRegistries, b.trustedRegistries) &&
    sameItems(a.deferTo ?? [], b.deferTo ?? []) &&
    a.builder === b.builder
  );
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return (a?.size ?? 0) === 0 && (b?.size ?? 0) === 0;
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function sameStages(a: readonly Stage[], b: readonly Stage[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    const t = b[i];
    if (s.from !== t.from || s.name !== t.name || s.resolvedImage !== t.resolvedImage || s.baseStage !== t.baseStage) return false;
    if (!sameItems(s.copiesFrom, t.copiesFrom)) return false;
  }
  return true;
}
