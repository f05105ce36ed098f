import { CONDA, callsIn, hasOption, readCall, runNode, spanOf, type ToolCall } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand } from '../model/types';
import { cleanedBy } from './support/cleanup';
import { cleanedLater, cleansUpOnly, inFinalImage, mountCovers } from './support/packageTools';

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

/** A RUN's conda installs that leave the package cache, or a RUN that only cleans up, perhaps after one. */
type Found = { kind: 'install'; run: InstructionNode; uncleaned: ToolCall[] } | { kind: 'cleanup' };

export const condaCacheNotCleaned: Rule<Found> = {
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
  collect(node) {
    if (cleansUpOnly(node, 'conda')) return { kind: 'cleanup' };
    const run = runNode(node);
    if (!run?.run || mountCovers(run.run.flags, /\/pkgs$/)) return null;
    const { commands } = run.run;
    const uncleaned = callsIn(run, CONDA).filter((call) => fillsCache(call) && !commands.some((c) => c.start > call.command.start && cleansAll(c)));
    return uncleaned.length > 0 ? { kind: 'install', run, uncleaned } : null;
  },
  check({ model, report, collected }) {
    const cleanups = collected.filter((c) => c.fact.kind === 'cleanup').map((c) => c.node);
    for (const { fact } of inFinalImage(model, collected)) {
      if (fact.kind !== 'install') continue;
      const { run, uncleaned } = fact;
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const tool = last.tool.value;
      const edit = cleanedLater(model, run, 'conda', cleanups) ? null : appendToRun(model, run, [`${tool} clean -afy`]);
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
