import { runNode, spanOf, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { aptGetCalls, assumesYes, changesPackages } from './support/apt';

/** The RUN's apt-get calls that change packages and would stop at the question. */
interface Prompting {
  run: InstructionNode;
  calls: ToolCall[];
}

export const aptInstallWithoutYes: Rule<Prompting> = {
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
  collect(node) {
    const run = runNode(node);
    if (!run?.run) return null;
    const commands = run.run.commands;
    const calls = aptGetCalls(run).filter((call) => changesPackages(call) && !assumesYes(call, commands[commands.indexOf(call.command) - 1] ?? null));
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ report, collected }) {
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      for (const call of fact.calls) {
        const subcommand = call.subcommand!;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'prompts',
          data: { command: `${call.tool.value} ${subcommand.value}` },
          fixes: [{ title: aptInstallWithoutYes.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(fact.run, subcommand, '-y')] }],
        });
      }
    }
  },
};
