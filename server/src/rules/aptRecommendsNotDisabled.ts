import { runNode, spanOf, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { aptGetCalls, skipsRecommends } from './support/apt';
import { inFinalImage } from './support/collected';

/** The RUN's apt-get installs that take recommended packages too. */
interface Recommending {
  run: InstructionNode;
  calls: ToolCall[];
}

export const aptRecommendsNotDisabled: Rule<Recommending> = {
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
  collect(node) {
    const run = runNode(node);
    if (!run?.run) return null;
    const calls = aptGetCalls(run).filter((call) => call.subcommand?.value === 'install' && call.operands.length > 0 && !skipsRecommends(call));
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ model, report, collected }) {
    // Recommended packages cost image size only in the stages that reach the final image.
    for (const { fact } of inFinalImage(model, collected)) {
      for (const call of fact.calls) {
        report({
          span: spanOf([call.tool, call.subcommand!]),
          messageId: 'recommends',
          data: { command: `${call.tool.value} install` },
          fixes: [{ title: aptRecommendsNotDisabled.meta.messages.fix, safety: 'unsafe', edits: [insertArgumentAfter(fact.run, call.subcommand!, '--no-install-recommends')] }],
        });
      }
    }
  },
};
