// The fuzz properties can fail: each broken rule below breaks one of them, and
// the checker must say so. Without this, a fuzz run with no failure would
// prove nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fix, Rule } from '../../server/src/engine/rule';
import { checkText } from '../support/fuzz/properties';

const TEXT = 'FROM debian\nRUN apt-get update\nRUN echo hi\n';

/** A rule that reports the first RUN with the fix that `fix` makes for it. */
function ruleWithFix(id: string, fix: (text: string, run: { start: number; end: number }) => Fix): Rule {
  return {
    meta: { id, title: id, severity: 'warning', category: 'hygiene', hadolint: [], fix: 'safe', messages: { m: id } },
    check({ model, report }) {
      const run = model.instructions.find((n) => n.keyword === 'RUN');
      if (run) report({ span: run, messageId: 'm', fixes: [fix(model.text, run)] });
    },
  };
}

const broken: { property: RegExp; rule: Rule }[] = [
  {
    property: /rule throws-always failed/,
    rule: { ...ruleWithFix('throws-always', () => ({ title: '', safety: 'safe', edits: [] })), check: () => { throw new Error('no'); } },
  },
  {
    property: /outside the text/,
    rule: ruleWithFix('edits-past-the-end', (text) => ({ title: 'past the end', safety: 'safe', edits: [{ start: text.length + 1, end: text.length + 2, newText: 'x' }] })),
  },
  {
    property: /overlapping edits/,
    rule: ruleWithFix('overlaps-itself', (_, run) => ({
      title: 'overlap',
      safety: 'safe',
      edits: [{ start: run.start, end: run.start + 5, newText: 'RUN ' }, { start: run.start + 2, end: run.start + 6, newText: 'RUN ' }],
    })),
  },
  {
    property: /instructions after the fix, but the fix says/,
    // Removes the line break after the RUN, so it swallows the next instruction.
    rule: ruleWithFix('joins-lines', (_, run) => ({ title: 'join', safety: 'unsafe', edits: [{ start: run.end, end: run.end + 1, newText: ' ' }] })),
  },
  {
    property: /no fixed point within 10 passes/,
    rule: ruleWithFix('never-done', (_, run) => ({ title: 'more', safety: 'safe', edits: [{ start: run.end, end: run.end, newText: ' x' }] })),
  },
  {
    property: /dockerfile-utils finds new problems/,
    rule: ruleWithFix('breaks-the-keyword', (_, run) => ({ title: 'typo', safety: 'unsafe', edits: [{ start: run.start, end: run.start + 3, newText: 'RNU' }] })),
  },
];

describe('the fuzz properties', () => {
  it('hold for the registered rules on a plain Dockerfile', () => assert.deepEqual(checkText(TEXT), []));
  for (const { property, rule } of broken) {
    it(`catch ${rule.meta.id}`, () => {
      const violations = checkText(TEXT, [rule]);
      assert.ok(violations.some((v) => property.test(v)), violations.join('\n') || 'no violation');
    });
  }
});
