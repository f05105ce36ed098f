import { callsIn, hasOption, runNode, ZYPPER, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { fedYes, reportPrompts, type Prompting } from './support/prompting';

/**
 * Subcommands that change packages and so ask "Continue? [y/n/...]" first: hadolint's DL3034 reads install,
 * remove, source-install and patch (with their short forms); update, dist-upgrade, verify and
 * install-new-recommends ask as well, as their `--no-confirm` in zypper(8) says.
 */
const ASKS = new Set(['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup', 'verify', 've', 'install-new-recommends', 'inr']);

export const zypperInstallWithoutYes: Rule<Prompting> = {
  meta: {
    id: 'zypper-install-without-yes',
    title: 'zypper install without --non-interactive',
    severity: 'error',
    category: 'environment',
    hadolint: ['DL3034'],
    fix: 'safe',
    messages: {
      prompts: "'{command}' asks 'Continue? [y/n/...]' and a build cannot answer, so it stops there: add --non-interactive after zypper.",
      fix: 'Add --non-interactive',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run) return null;
    const commands = run.run.commands;
    // `--non-interactive` (`-n`) is zypper's global option; `--no-confirm` (`-y`) is the subcommand's alias of it.
    const answered = (call: ToolCall) => hasOption(call.globalOptions, ['--non-interactive', '--no-confirm'], ['n', 'y']) || hasOption(call.args, ['--no-confirm'], ['y']);
    const calls = callsIn(run, ZYPPER).filter((call) => ASKS.has(call.subcommand?.value ?? '') && !answered(call) && !fedYes(commands, call));
    return calls.length > 0 ? { run, calls } : null;
  },
  local: true,
  // The global option, right after `zypper`: zypper(8) advises it over `-y`, which source-install lacks.
  check: (context) => reportPrompts(context, zypperInstallWithoutYes.meta.messages.fix, undefined, (run, call) => insertArgumentAfter(run, call.tool, '--non-interactive')),
};
