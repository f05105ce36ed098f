// What must hold for any text, however broken: the path every front end takes
// (parse, lint, each fix on its own, fix-all) never throws, and what it hands
// back is sound. Returns the violations found, one line each; none means the
// text passed. Every registered rule runs, so new rules are fuzzed too.
import { validate } from 'dockerfile-utils';
import { DockerfileParser } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, compatibleFixes, fixUntilStable, MAX_FIX_PASSES } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import type { Finding, Fix, Rule, TextEdit } from '../../../server/src/engine/rule';
import { computeLineStarts, positionAt } from '../../../server/src/model/lines';

function message(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e);
}

function instructionCount(text: string): number {
  return DockerfileParser.parse(text).getInstructions().length;
}

/**
 * dockerfile-utils' problems, counted by message: a fix may not add to any count.
 * It throws on some broken texts (through dockerfile-ast), which counts as a problem too.
 */
function problemCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let diagnostics;
  try {
    diagnostics = validate(text);
  } catch (e) {
    return new Map([[`validate throws: ${e instanceof Error ? e.message : String(e)}`, 1]]);
  }
  for (const d of diagnostics) {
    const m = typeof d.message === 'string' ? d.message : d.message.value;
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return counts;
}

function newProblems(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([m, n]) => n > (before.get(m) ?? 0)).map(([m]) => m);
}

function inside(text: string, e: { start: number; end: number }): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= text.length;
}

/** The text outside every edit must come through unchanged, and each edit's new text must land where it was aimed. */
function untouchedOutside(before: string, after: string, edits: readonly TextEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let shift = 0;
  let from = 0;
  for (const e of sorted) {
    if (after.slice(from + shift, e.start + shift) !== before.slice(from, e.start)) return `text before offset ${e.start} changed`;
    if (after.slice(e.start + shift, e.start + shift + e.newText.length) !== e.newText) return `edit at ${e.start} did not land`;
    shift += e.newText.length - (e.end - e.start);
    from = e.end;
  }
  return after.slice(from + shift) === before.slice(from) && after.length === before.length + shift ? null : `text after offset ${from} changed`;
}

export class TextChecker {
  readonly violations: string[] = [];
  private problemsBefore: Map<string, number> | null = null;
  private instructionsBefore = -1;

  /** `rules`: the registry unless a test of the checker brings broken ones. */
  constructor(
    readonly text: string,
    private readonly rules?: readonly Rule[],
  ) {}

  private fail(what: string): void {
    this.violations.push(what);
  }

  private lintOrFail(text: string, when: string): Finding[] | null {
    try {
      const result = lint(text, { rules: this.rules });
      for (const f of result.failures) this.fail(`rule ${f.rule} failed ${when}: ${message(f.error)}`);
      return result.findings;
    } catch (e) {
      this.fail(`lint threw ${when}: ${message(e)}`);
      return null;
    }
  }

  run(): string[] {
    const findings = this.lintOrFail(this.text, 'on the text');
    if (!findings) return this.violations;
    this.checkRanges(findings);
    if (this.violations.length > 0) return this.violations;
    this.instructionsBefore = instructionCount(this.text);
    const firstPass = this.checkFixAll(findings);
    for (const finding of findings) finding.fixes.forEach((fix) => this.checkFix(finding, fix, !firstPass.has(fix)));
    return this.violations;
  }

  private checkRanges(findings: readonly Finding[]): void {
    if (findings.length === 0) return;
    // The editor's own line counting, to hold Layerwise's positions to it.
    const document = TextDocument.create('file:///fuzz/Dockerfile', 'dockerfile', 1, this.text);
    const lineStarts = computeLineStarts(this.text);
    for (const f of findings) {
      if (!inside(this.text, f.span)) {
        this.fail(`${f.rule}: finding span ${f.span.start}-${f.span.end} lies outside the text (length ${this.text.length})`);
        continue;
      }
      for (const offset of [f.span.start, f.span.end]) {
        const ours = positionAt(lineStarts, offset);
        const theirs = document.positionAt(offset);
        if (ours.line !== theirs.line || ours.character !== theirs.character) {
          this.fail(`${f.rule}: offset ${offset} is ${ours.line}:${ours.character} for Layerwise but ${theirs.line}:${theirs.character} for an editor`);
        }
      }
      for (const fix of f.fixes) {
        const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
        sorted.forEach((e, i) => {
          if (!inside(this.text, e)) this.fail(`${f.rule}: fix "${fix.title}" edits ${e.start}-${e.end}, outside the text (length ${this.text.length})`);
          else if (i > 0 && e.start < sorted[i - 1].end) this.fail(`${f.rule}: fix "${fix.title}" has overlapping edits at ${e.start}`);
        });
      }
    }
  }

  /**
   * Fix-all lints every text it makes, so a single fix's text is not linted again here; and
   * dockerfile-utils (the costly part) runs on a single fix's text only when fix-all's first
   * pass did not already apply that fix.
   */
  private checkFixedText(fixed: string, what: string, instructionsAdded: number, validateIt = true): void {
    const expected = this.instructionsBefore + instructionsAdded;
    const got = instructionCount(fixed);
    if (got !== expected) this.fail(`${what}: ${got} instructions after the fix, but the fix says ${expected}`);
    if (!validateIt) return;
    this.problemsBefore ??= problemCounts(this.text);
    const added = newProblems(this.problemsBefore, problemCounts(fixed));
    if (added.length > 0) this.fail(`${what}: dockerfile-utils finds new problems: ${added.join('; ')}`);
  }

  private checkFix(finding: Finding, fix: Fix, validateIt: boolean): void {
    const what = `${finding.rule} fix "${fix.title}"`;
    let fixed: string;
    try {
      fixed = applyEdits(this.text, fix.edits);
    } catch (e) {
      this.fail(`${what}: edits do not apply: ${message(e)}`);
      return;
    }
    const outside = untouchedOutside(this.text, fixed, fix.edits);
    if (outside) this.fail(`${what}: ${outside}`);
    this.checkFixedText(fixed, what, fix.instructionsAdded ?? 0, validateIt);
  }

  /** Runs fix-all as the front ends do, and returns the fixes its first pass applied. */
  private checkFixAll(findings: Finding[]): Set<Fix> {
    // Record every pass, so the instructions each pass's fixes promise can be checked.
    const passes: { text: string; findings: Finding[] }[] = [];
    let result;
    try {
      result = fixUntilStable(
        this.text,
        (t) => {
          const found = passes.length === 0 ? findings : (this.lintOrFail(t, `in fix-all pass ${passes.length + 1}`) ?? []);
          passes.push({ text: t, findings: found });
          return found;
        },
        'safe',
      );
    } catch (e) {
      this.fail(`fix-all threw: ${message(e)}`);
      return new Set();
    }
    if (result.text === this.text) return new Set();
    let added = 0;
    passes.forEach((pass, i) => {
      const after = passes[i + 1]?.text ?? result.text;
      if (after !== pass.text) added += compatibleFixes(pass.findings, 'safe').reduce((n, f) => n + (f.instructionsAdded ?? 0), 0);
    });
    if (result.passes === MAX_FIX_PASSES) {
      const left = this.lintOrFail(result.text, 'after fix-all');
      if (left && compatibleFixes(left, 'safe').length > 0) this.fail(`fix-all reaches no fixed point within ${MAX_FIX_PASSES} passes`);
    }
    this.checkFixedText(result.text, 'fix-all', added);
    return new Set(compatibleFixes(findings, 'safe'));
  }
}

export function checkText(text: string, rules?: readonly Rule[]): string[] {
  try {
    return new TextChecker(text, rules).run();
  } catch (e) {
    // The checker's own tools (dockerfile-ast, applying edits) failing on a text is a finding too.
    return [`checking threw: ${message(e)}`];
  }
}
