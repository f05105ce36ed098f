// Applying fixes: edits never overlap, and fix-all repeats until the text
// stops changing, since one fix can reveal or enable another.
import type { Finding, Fix, FixSafety, TextEdit } from './rule';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) throw new Error(`overlapping or out-of-range edit at ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Two edits conflict when their ranges share text, when both insert at one place, or when one inserts where the
 * other replaces, its ends included: a line added just above an instruction that another fix deletes, or text
 * appended to it, would otherwise outlive the deletion (found by the fuzzer). A fix left out waits for the next pass.
 */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start >= b.start && a.start <= b.end;
  if (b.start === b.end) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** The first fix of each finding at or below the allowed safety, as many as fit together without overlap. */
export function compatibleFixes(findings: readonly Finding[], allow: FixSafety): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    // A pin is applied only when asked for by name (`layerwise fix --pin`, one action in the editor).
    const fix = finding.fixes.find((f) => (f.safety === 'safe' || allow === 'unsafe') && !f.pin && !f.lookup);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  passes: number;
}

export const MAX_FIX_PASSES = 10;

/** Applies fixes and lints again until nothing changes, at most MAX_FIX_PASSES times. */
export function fixUntilStable(text: string, lint: (text: string) => readonly Finding[], allow: FixSafety): FixAllResult {
  const passes = fixPasses(text, lint, allow);
  let step = passes.next();
  while (!step.done) step = passes.next();
  return step.value;
}

/**
 * fixUntilStable one pass at a time: yields after each pass that changed the
 * text, so that the language server can let other messages in between passes
 * and stop when the request is cancelled.
 */
export function* fixPasses(text: string, lint: (text: string) => readonly Finding[], allow: FixSafety): Generator<FixAllResult, FixAllResult, void> {
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = compatibleFixes(lint(text), allow);
    if (fixes.length === 0) break;
    const next = applyEdits(text, fixes.flatMap((f) => f.edits));
    passes++;
    if (next === text) break;
    applied += fixes.length;
    text = next;
    yield { text, applied, passes };
  }
  return { text, applied, passes };
}
