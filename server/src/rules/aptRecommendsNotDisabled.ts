import { spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { runsInFinalImage } from '../model/scope';
import { aptGetCalls, skipsRecommends } from './support/apt';

export const aptRecommendsNotDisabled: Rule = {
  meta: {
    id: 'apt-recommends-not-disabled',
    title: 'apt-get install without --no-install-recommends',
    severity: 'info',
    category: 'environment',
    hadolint: ['DL3015'],
    fix: 'unsafe',
    messages: {
      recommends: "'{command}' also installs every package that the ones named recommend: add --no-install-recommends to install only what you list and what it depends on.",
      fix: 'Add --no-install-recommends (installs fewer packages)',
    },
  },
  check({ model, report }) {
    // Recommended packages cost image size, so only stages that reach the final image matter.
    for (const { run } of runsInFinalImage(model)) {
      for (const call of aptGetCalls(run)) {
        const subcommand = call.subcommand;
        if (subcommand?.value !== 'install' || call.operands.length === 0 || skipsRecommends(call)) continue;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'recommends',
          data: { command: `${call.tool.value} install` },
          fixes: [{ title: aptRecommendsNotDisabled.meta.messages.fix, safety: 'unsafe', edits: [insertArgumentAfter(run, subcommand, '--no-install-recommends')] }],
        });
      }
    }
  },
};
