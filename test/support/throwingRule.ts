// A rule for the resilience tests only: it throws on any Dockerfile holding
// the line `# boom`, and otherwise reports each FROM, so a test can tell when
// it runs and when it has been turned off.
import type { Rule } from '../../server/src/engine/rule';

export const THROWING_RULE = 'test-throws-on-boom';

export const throwsOnBoom: Rule = {
  meta: {
    id: THROWING_RULE,
    title: 'Throws on # boom (a test rule)',
    severity: 'info',
    category: 'hygiene',
    hadolint: [],
    fix: null,
    messages: { from: 'FROM seen by the test rule' },
  },
  check({ model, report }) {
    if (/^# boom$/m.test(model.text)) throw new Error('boom');
    for (const stage of model.stages) report({ span: stage.from.keywordSpan, messageId: 'from' });
  },
};
