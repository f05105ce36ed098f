import { callsIn, hasOption, runNode, spanOf, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { YUM } from './support/packageTools';

/**
 * Subcommands that change packages and so ask "Is this ok [y/N]:" before they do (dnf's aliases too:
 * https://dnf.readthedocs.io/en/latest/command_ref.html). hadolint's DL3030 and DL3038 read install,
 * groupinstall and localinstall only; the others ask as well.
 */
const ASKS = new Set([
  'install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'remove', 'rm', 'erase', 'update', 'up',
  'upgrade', 'upgrade-minimal', 'up-min', 'downgrade', 'dg', 'autoremove', 'distro-sync', 'dsync', 'swap',
]);

/** The RUN's yum, dnf and microdnf calls that would stop at the question. */
interface Prompting {
  run: InstructionNode;
  calls: ToolCall[];
}

export const yumInstallWithoutYes: Rule<Prompting> = {
  meta: {
    id: 'yum-install-without-yes',
    title: 'yum, dnf or microdnf install without -y',
    severity: 'error',
    category: 'environment',
    hadolint: ['DL3030', 'DL3038'],
    fix: 'safe',
    messages: {
      prompts: "'{command}' asks 'Is this ok [y/N]:' and a build cannot answer, so it stops there: add -y.",
      fix: 'Add -y',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run) return null;
    const commands = run.run.commands;
    // `yes | dnf install x` answers the question too.
    const fedYes = (call: ToolCall) => call.command.separator === '|' && commands[commands.indexOf(call.command) - 1]?.words[0]?.value === 'yes';
    const calls = callsIn(run, YUM).filter((call) => ASKS.has(call.subcommand?.value ?? '') && !hasOption([...call.globalOptions, ...call.args], ['--assumeyes', '--assumeno'], ['y']) && !fedYes(call));
    return calls.length > 0 ? { run, calls } : null;
  },
  local: true,
  check({ report, collected }) {
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      for (const call of fact.calls) {
        const subcommand = call.subcommand!;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'prompts',
          data: { command: `${call.tool.value} ${subcommand.value}` },
          hadolint: call.name === 'yum' ? 'DL3030' : 'DL3038',
          fixes: [{ title: yumInstallWithoutYes.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(fact.run, subcommand, '-y')] }],
        });
      }
    }
  },
};
