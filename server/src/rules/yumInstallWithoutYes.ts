import { callsIn, hasOption, runNode } from '../engine/commands';
import type { Rule } from '../engine/rule';
import { YUM } from './support/packageTools';
import { fedYes, reportPrompts, type Prompting } from './support/prompting';

/**
 * Subcommands that change packages and so ask "Is this ok [y/N]:" before they do (dnf's aliases too:
 * https://dnf.readthedocs.io/en/latest/command_ref.html). hadolint's DL3030 and DL3038 read install,
 * groupinstall and localinstall only; the others ask as well.
 */
const ASKS = new Set([
  'install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'remove', 'rm', 'erase', 'update', 'up',
  'upgrade', 'upgrade-minimal', 'up-min', 'downgrade', 'dg', 'autoremove', 'distro-sync', 'dsync', 'swap',
]);

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
    const calls = callsIn(run, YUM).filter((call) => ASKS.has(call.subcommand?.value ?? '') && !hasOption([...call.globalOptions, ...call.args], ['--assumeyes', '--assumeno'], ['y']) && !fedYes(commands, call));
    return calls.length > 0 ? { run, calls } : null;
  },
  local: true,
  check: (context) => reportPrompts(context, yumInstallWithoutYes.meta.messages.fix, (call) => (call.name === 'yum' ? 'DL3030' : 'DL3038')),
};
