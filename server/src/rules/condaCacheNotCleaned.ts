import { CONDA, callsIn, hasOption, readCall, spanOf, type ToolCall } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { ShellCommand } from '../model/types';
import { cleanedBy, cleanupOnlyRuns } from './support/cleanup';
import { mountCovers, runsInFinalImage } from './support/packageTools';

/** `install`, `create`, and `env create`/`env update`, which fill the package cache. */
function fillsCache(call: ToolCall): boolean {
  const sub = call.subcommand?.value;
  if (sub === 'install' || sub === 'create') return true;
  return sub === 'env' && ['create', 'update'].includes(call.operands[0]?.value ?? '');
}

/** `conda clean -a`/`--all` (any cluster such as `-afy`), or removing the pkgs folder. */
function cleansAll(command: ShellCommand): boolean {
  const call = readCall(command, CONDA);
  if (call?.subcommand?.value === 'clean') return hasOption(call.args, ['--all'], ['a']);
  return cleanedBy(command)?.some((r) => r.kind === 'conda') ?? false;
}

export const condaCacheNotCleaned: Rule = {
  meta: {
    id: 'conda-cache-not-cleaned',
    title: 'conda, mamba or micromamba install/create without clean -afy in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'safe',
    messages: {
      notCleaned: "'{command}' leaves the downloaded packages and tarballs in this layer: run '{tool} clean -afy' before the RUN ends.",
      fix: 'Append && {tool} clean -afy',
    },
  },
  check({ model, report }) {
    const cleanedLater = new Set(
      cleanupOnlyRuns(model)
        .filter((c) => c.maker && c.commands.some((k) => k.resources.some((r) => r.kind === 'conda')))
        .map((c) => c.maker),
    );
    for (const run of runsInFinalImage(model)) {
      if (mountCovers(run.run!.flags, /\/pkgs$/)) continue;
      const installs = callsIn(run, CONDA).filter(fillsCache);
      const commands = run.run!.commands;
      const uncleaned = installs.filter((call) => !commands.some((c) => c.start > call.command.start && cleansAll(c)));
      if (uncleaned.length === 0) continue;
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const tool = last.tool.value;
      const edit = cleanedLater.has(run) ? null : appendToRun(model, run, [`${tool} clean -afy`]);
      const words = first.subcommand?.value === 'env' ? [first.tool, first.subcommand, first.operands[0]] : [first.tool, first.subcommand!];
      report({
        span: spanOf(words),
        messageId: 'notCleaned',
        data: { command: words.map((w) => w.value).join(' '), tool },
        fixes: edit ? [{ title: condaCacheNotCleaned.meta.messages.fix.replace('{tool}', tool), safety: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
