// The server's half of layerwise/diagnosticChanges (see
// diagnosticChangesProtocol.ts): what it sent each document last, and what a
// new lint changed in it. A keystroke keeps, as the same objects, the findings
// of the instructions it did not touch (engine/reuse.ts), so most findings kept
// since the last message are known by identity. The rest are matched by what
// the client would show: a finding the engine made again (its instruction or
// stage was linted again) that reads the same, at the place the shift puts the
// one before, is the same diagnostic to the client, and is not sent. What is
// left is written out: the diagnostics that are new or gone, and those whose
// range moved otherwise than the lines below the edit did.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../engine/rule';
import { Slot } from '../model/slots';
import { placedDiagnosticOf } from './diagnostics';
import type { DiagnosticChanges, Placement } from './diagnosticChangesProtocol';

/** One document's last message: its findings, the id each was sent with, their positions then, and its number. */
interface Sent {
  /** The lint's own list, which the engine does not change once it has returned it. */
  findings: readonly Finding[];
  ids: Int32Array;
  positions: Int32Array;
  message: number;
}

/** Lines below an edit move as one: every kept diagnostic starting on line `from` or later moves `by` lines. */
export interface Shift {
  from: number;
  by: number;
}

/**
 * Where a finding stood in the last message that listed it, kept with the
 * finding itself: a Map of a dense file's thousand findings, made again at
 * every keystroke, was a fifth of what a keystroke allocated.
 */
interface Listed {
  message: number;
  index: number;
}

const listed = new Slot<Finding, Listed>();

export class DiagnosticChangeTracker {
  private readonly sent = new Map<string, Sent>();
  private nextId = 1;
  /** Numbers the messages of every document, so that a finding's Listed says which one it is in. */
  private nextMessage = 1;

  /**
   * What changed since the document's last message, now that its findings
   * stand at `positions` (lsp/diagnostics.ts positionsOf) and its other
   * diagnostics are `others`. `edited`, when the text changed by one edit, is
   * how the lines below it moved; without it, the shift is read from the
   * findings kept by identity.
   */
  changes(uri: string, version: number | undefined, findings: readonly Finding[], positions: Int32Array, others: Diagnostic[], edited?: Shift): DiagnosticChanges {
    const before = this.sent.get(uri);
    const message = this.nextMessage++;
    const n = findings.length;
    const ids = new Int32Array(n);
    // Kept by identity: where each finding was in the last message, or -1. A finding listed twice is kept once; its
    // other entries are matched as findings made again are.
    const keptFrom = new Int32Array(n).fill(-1);
    const claimed = new Uint8Array(before?.findings.length ?? 0);
    for (let i = 0; i < n; i++) {
      const finding = findings[i];
      const at = listed.get(finding);
      if (at === undefined) {
        listed.set(finding, { message, index: i });
        continue;
      }
      if (at.message === message) continue;
      if (before && at.message === before.message && !claimed[at.index]) {
        claimed[at.index] = 1;
        keptFrom[i] = at.index;
      }
      at.message = message;
      at.index = i;
    }
    this.sent.set(uri, { findings, ids, positions, message });
    if (before === undefined) {
      const added: DiagnosticChanges['added'] = [];
      for (let i = 0; i < n; i++) added.push([(ids[i] = this.nextId++), placedDiagnosticOf(findings[i], positions, i)]);
      return { uri, version, reset: true, removed: [], moved: [], added, others };
    }
    const gone = new Set<number>();
    for (let j = 0; j < claimed.length; j++) if (!claimed[j]) gone.add(j);
    const shift = edited ? (edited.by === 0 ? NO_SHIFT : edited) : shiftOf(before.positions, positions, keptFrom);
    // Made again, but the same to the client: matched by their text and place.
    const unmatched = new Map<string, number[]>();
    for (const j of gone) {
      const key = contentKey(before.findings[j], before.positions, j, shift);
      const same = unmatched.get(key);
      if (same) same.push(j);
      else unmatched.set(key, [j]);
    }
    const added: DiagnosticChanges['added'] = [];
    const moved: Placement[] = [];
    for (let i = 0; i < n; i++) {
      let j = keptFrom[i];
      if (j < 0 && gone.size > 0) {
        j = unmatched.get(contentKey(findings[i], positions, i, NO_SHIFT))?.pop() ?? -1;
        if (j >= 0) gone.delete(j);
      }
      if (j < 0) {
        added.push([(ids[i] = this.nextId++), placedDiagnosticOf(findings[i], positions, i)]);
        continue;
      }
      ids[i] = before.ids[j];
      if (!placedBy(shift, before.positions, j, positions, i)) moved.push([ids[i], positions[i * 4], positions[i * 4 + 1], positions[i * 4 + 2], positions[i * 4 + 3]]);
    }
    const removed = [...gone].map((j) => before.ids[j]);
    return { uri, version, removed, ...(shift.by !== 0 ? { shift } : {}), moved, added, others };
  }

  /** The message that empties a closed document's diagnostics; its next message starts afresh. */
  closed(uri: string): DiagnosticChanges {
    this.sent.delete(uri);
    return { uri, reset: true, removed: [], moved: [], added: [], others: [] };
  }
}

const NO_SHIFT: Shift = { from: 0, by: 0 };

/** How many lines the shift moves a diagnostic that started on `line`. */
function linesMoved(shift: Shift, line: number): number {
  return line >= shift.from ? shift.by : 0;
}

/** Whether the shift takes the diagnostic at `j` of `old` to where the one at `i` of `now` is. */
function placedBy(shift: Shift, old: Int32Array, j: number, now: Int32Array, i: number): boolean {
  const d = linesMoved(shift, old[j * 4]);
  return now[i * 4] === old[j * 4] + d && now[i * 4 + 1] === old[j * 4 + 1] && now[i * 4 + 2] === old[j * 4 + 2] + d && now[i * 4 + 3] === old[j * 4 + 3];
}

/**
 * The shift the lines below the edit took: the one the last kept diagnostic
 * in the file took, from below the last kept diagnostic it would place wrong,
 * so that it places none wrong.
 */
function shiftOf(old: Int32Array, now: Int32Array, keptFrom: Int32Array): Shift {
  let by = 0;
  let lastLine = -1;
  for (let i = 0; i < keptFrom.length; i++) {
    const j = keptFrom[i];
    if (j >= 0 && old[j * 4] >= lastLine) {
      lastLine = old[j * 4];
      by = now[i * 4] - old[j * 4];
    }
  }
  if (by === 0) return NO_SHIFT;
  const all = { from: 0, by };
  let from = 0;
  for (let i = 0; i < keptFrom.length; i++) {
    const j = keptFrom[i];
    if (j >= 0 && !placedBy(all, old, j, now, i)) from = Math.max(from, old[j * 4] + 1);
  }
  return { from, by };
}

/** What the client shows of a finding, with its range as `shift` moves it from `positions`. */
function contentKey(finding: Finding, positions: Int32Array, i: number, shift: Shift): string {
  const d = linesMoved(shift, positions[i * 4]);
  return `${positions[i * 4] + d},${positions[i * 4 + 1]},${positions[i * 4 + 2] + d},${positions[i * 4 + 3]} ${finding.severity} ${finding.rule} ${finding.message}`;
}
