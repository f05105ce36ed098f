import { commandText } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { DockerfileModel } from '../model/types';
import { quoted } from './support/insertLine';

/** The value as one line; where it was continued over lines, the breaks and indents become one space. */
function joinedValue(model: DockerfileModel, start: number, end: number): string {
  const text = model.text.slice(start, end);
  return /[\r\n]/.test(text) ? commandText(model, start, end).replace(/[ \t]+/g, ' ') : text;
}

export const maintainerDeprecated: Rule<true> = {
  meta: {
    id: 'maintainer-deprecated',
    title: 'MAINTAINER, deprecated since Docker 1.13',
    severity: 'warning',
    category: 'metadata',
    hadolint: ['DL4000'],
    buildkit: ['MaintainerDeprecated'],
    fix: 'safe',
    messages: {
      deprecated: 'MAINTAINER is deprecated, and `docker inspect` shows it only as Author: keep its text in LABEL maintainer instead.',
      fix: 'Convert to LABEL maintainer',
    },
  },
  collect(node) {
    return node.keyword === 'MAINTAINER' ? true : null;
  },
  check({ model, report, collected }) {
    for (const { node } of collected) {
      const args = node.args;
      // MAINTAINER takes the rest of the line as it stands and expands no variables, so `$` is kept as written.
      const value = args.length > 0 ? joinedValue(model, args[0].start, args[args.length - 1].end) : null;
      report({
        span: { start: node.start, end: node.end },
        messageId: 'deprecated',
        fixes: value
          ? [{ title: maintainerDeprecated.meta.messages.fix, safety: 'safe', edits: [{ start: node.start, end: node.end, newText: `LABEL maintainer=${quoted(value, model.escape, true)}` }] }]
          : [],
      });
    }
  },
};
