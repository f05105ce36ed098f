// The case-table harness every rule's test uses: valid texts, invalid texts
// with the exact words each finding squiggles, and the text after the fix.
// A fixed text must lint clean for the rule and parse no worse than before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from 'dockerfile-utils';
import { fixUntilStable } from '../../server/src/engine/fix';
import { lint, type LintOptions } from '../../server/src/engine/lint';
import type { FixSafety, Rule, Severity } from '../../server/src/engine/rule';
import { positionAt } from '../../server/src/model/lines';

export interface ExpectedFinding {
  /** The exact text the finding covers. */
  text: string;
  /** 1-based line where it starts, when the text occurs more than once. */
  line?: number;
  messageId?: string;
  /** A part of the message, to check what it says. */
  message?: string | RegExp;
  severity?: Severity;
  hadolint?: string | null;
  buildkit?: string | null;
}

export interface InvalidCase {
  name: string;
  code: string;
  errors: ExpectedFinding[];
  /** The text after fixing; null when no fix is offered; omitted to not check. */
  output?: string | null;
  /** Which fixes to apply: safe (the default) or unsafe ones too. */
  fixes?: FixSafety;
  options?: LintOptions;
}

export interface ValidCase {
  name: string;
  code: string;
  options?: LintOptions;
}

export interface CaseTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

function problems(text: string): string[] {
  return validate(text)
    .map((d) => (typeof d.message === 'string' ? d.message : d.message.value))
    .sort();
}

export function lintWith(rule: Rule, code: string, options: LintOptions = {}) {
  return lint(code, { ...options, rules: [rule] });
}

export function testRule(rule: Rule, table: CaseTable): void {
  describe(`rule ${rule.meta.id}`, () => {
    describe('reports nothing on', () => {
      for (const c of table.valid) {
        it(c.name, () => {
          const result = lintWith(rule, c.code, c.options);
          assert.deepEqual(result.failures, []);
          assert.deepEqual(
            result.findings.map((f) => c.code.slice(f.span.start, f.span.end)),
            [],
            `expected no finding in:\n${c.code}`,
          );
        });
      }
    });
    describe('reports', () => {
      for (const c of table.invalid) {
        it(c.name, () => {
          const result = lintWith(rule, c.code, c.options);
          assert.deepEqual(result.failures, []);
          const got = result.findings.map((f) => ({
            text: c.code.slice(f.span.start, f.span.end),
            line: positionAt(result.model.lineStarts, f.span.start).line + 1,
            finding: f,
          }));
          assert.deepEqual(
            got.map((g) => g.text),
            c.errors.map((e) => e.text),
            `findings in:\n${c.code}`,
          );
          c.errors.forEach((e, i) => {
            const g = got[i];
            if (e.line !== undefined) assert.equal(g.line, e.line, `line of finding ${i}`);
            if (e.severity) assert.equal(g.finding.severity, e.severity);
            if (e.hadolint !== undefined) assert.equal(g.finding.hadolint, e.hadolint);
            if (e.buildkit !== undefined) assert.equal(g.finding.buildkit, e.buildkit);
            if (e.messageId) assert.equal(g.finding.message, messageFor(rule, e.messageId, g.finding.message));
            if (typeof e.message === 'string') assert.ok(g.finding.message.includes(e.message), `message "${g.finding.message}" should include "${e.message}"`);
            if (e.message instanceof RegExp) assert.match(g.finding.message, e.message);
          });
          if (c.output === undefined) return;
          const allow = c.fixes ?? 'safe';
          const offered = result.findings.some((f) => f.fixes.some((x) => allow === 'unsafe' || x.safety === 'safe'));
          if (c.output === null) {
            assert.equal(offered, false, 'expected no fix to be offered');
            return;
          }
          assert.ok(offered, 'expected a fix to be offered');
          const fixed = fixUntilStable(c.code, (t) => lintWith(rule, t, c.options).findings, allow).text;
          assert.equal(fixed, c.output);
          assert.deepEqual(lintWith(rule, fixed, c.options).findings.map((f) => fixed.slice(f.span.start, f.span.end)), [], 'the fixed text still has the finding');
          const before = new Set(problems(c.code));
          assert.deepEqual(problems(fixed).filter((p) => !before.has(p)), [], 'the fix made the Dockerfile parse worse');
        });
      }
    });
  });
}

/** The message a finding should have for a message id: its template with the placeholders matched loosely. */
function messageFor(rule: Rule, messageId: string, actual: string): string {
  const template = rule.meta.messages[messageId];
  assert.ok(template, `no message ${messageId} in ${rule.meta.id}`);
  const pattern = new RegExp('^' + template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.*') + '$', 's');
  assert.match(actual, pattern);
  return actual;
}
