import { runNode, spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { aptGetCalls, assumesYes, changesPackages } from './support/apt';

export const aptInstallWithoutYes: Rule = {
  meta: {
    id: 'apt-install-without-yes',
    title: 'apt-get install without -y',
    severity: 'error',
    category: 'environment',
    hadolint: ['DL3014'],
    fix: 'safe',
    messages: {
      prompts: "'{command}' asks 'Do you want to continue?' and a build cannot answer, so it stops there: add -y.",
      fix: 'Add -y',
    },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const node of stage.instructions) {
        const run = runNode(node);
        if (!run?.run) continue;
        const commands = run.run.commands;
        for (const call of aptGetCalls(run)) {
          if (!changesPackages(call)) continue;
          const previous = commands[commands.indexOf(call.command) - 1] ?? null;
          if (assumesYes(call, previous)) continue;
          const subcommand = call.subcommand!;
          report({
            span: spanOf([call.tool, subcommand]),
            messageId: 'prompts',
            data: { command: `${call.tool.value} ${subcommand.value}` },
            fixes: [{ title: aptInstallWithoutYes.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(run, subcommand, '-y')] }],
          });
        }
      }
    }
  },
};
