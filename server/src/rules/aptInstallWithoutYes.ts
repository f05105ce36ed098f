import { runNode } from '../engine/commands';
import type { Rule } from '../engine/rule';
import { aptGetCalls, assumesYes, changesPackages } from './support/apt';
import { reportPrompts, type Prompting } from './support/prompting';

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
    const calls = aptGetCalls(run).filter((call) => changesPackages(call) && !assumesYes(call, commands));
    return calls.length > 0 ? { run, calls } : null;
  },
  check: (context) => reportPrompts(context, aptInstallWithoutYes.meta.messages.fix),
};
