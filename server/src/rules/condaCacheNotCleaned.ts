import { CONDA, hasOption, readCall, spanOf, type ToolCall } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import { formatMessage, type Rule } from '../engine/rule';
import type { ShellCommand } from '../model/types';
import { cleanedBy, cleanupScriptOf } from './support/cleanup';
import { cacheFact, cachesLeft, type CacheFact, type PackageCache } from './support/packageTools';

/** `install`, `create`, and `env create`/`env update`, which fill the package cache. */
function fillsCache(call: ToolCall): boolean {
  const sub = call.subcommand?.value;
  // `--download-only` fills the package cache on purpose: `clean -afy` would delete what the RUN is for.
  if (hasOption(call.args, ['--download-only'])) return false;
  if (sub === 'install' || sub === 'create') return true;
  return sub === 'env' && ['create', 'update'].includes(call.operands[0]?.value ?? '');
}

/** `conda clean -a`/`--all` (any cluster such as `-afy`), or removing the pkgs folder. */
function cleansAll(command: ShellCommand): boolean {
  const call = readCall(command, CONDA);
  // `-a`, or the tarballs and packages by name (`clean -tipsy`, `--tarballs --packages`): what an install leaves.
  if (call?.subcommand?.value === 'clean') return hasOption(call.args, ['--all'], ['a']) || (hasOption(call.args, ['--tarballs'], ['t']) && hasOption(call.args, ['--packages'], ['p']));
  if (cleanupScriptOf(command) === 'conda') return true;
  return cleanedBy(command)?.some((r) => r.kind === 'conda') ?? false;
}

const CONDA_CACHE: PackageCache = { kind: 'conda', spec: CONDA, mount: /\/pkgs$/, fills: fillsCache, empties: cleansAll };

export const condaCacheNotCleaned: Rule<CacheFact> = {
  meta: {
    id: 'conda-cache-not-cleaned',
    title: 'conda, mamba or micromamba install/create without clean -afy in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'safe',
    messages: {
      notCleaned: "'{command}' leaves the downloaded packages and tarballs in this layer: run '{tool} clean -afy' before the RUN ends.{buildkit}",
      fix: 'Append && {tool} clean -afy',
    },
  },
  collect: (node) => cacheFact(node, CONDA_CACHE),
  check({ model, settings, report, collected }) {
    for (const { run, uncleaned, cleanedLater } of cachesLeft(model, collected)) {
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const tool = last.tool.value;
      // The tool as the RUN wrote it (`"$CONDA_DIR/bin/conda"`), so that the clean runs the conda that installed.
      const edit = cleanedLater ? null : appendToRun(model, run, [`${last.tool.raw} clean -afy`]);
      const words = first.subcommand?.value === 'env' ? [first.tool, first.subcommand, first.operands[0]] : [first.tool, first.subcommand!];
      report({
        span: spanOf(words),
        messageId: 'notCleaned',
        data: { command: words.map((w) => w.value).join(' '), tool, buildkit: cacheMountNote(model, settings) },
        fixes: [...(edit ? [{ title: formatMessage(condaCacheNotCleaned.meta.messages.fix, { tool: last.tool.raw }), safety: 'safe' as const, edits: [edit] }] : []), ...cacheMountFixes(model, settings, run, CACHE_TARGETS.conda)],
      });
    }
  },
};
