import { hasOption, optionValue, spanOf, ZYPPER, type ToolCall } from '../engine/commands';
import { appendToRun, insertArgumentAfter } from '../engine/edits';
import { formatMessage, type Fix, type Rule } from '../engine/rule';
import type { DockerfileModel, ShellCommand } from '../model/types';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import { cleanedBy, cleanupScriptOf, touches, zypperClean } from './support/cleanup';
import { cacheFact, cachesLeft, type PackageCache } from './support/packageTools';

const ZYPPER_RESOURCE = { kind: 'zypper' } as const;

/** Where the file's last instruction that runs zypper starts (-1 for none): a RUN before it has a later zypper. */
function lastZypperStart(model: DockerfileModel): number {
  for (let i = model.instructions.length - 1; i >= 0; i--) if (touches(model.instructions[i], ZYPPER_RESOURCE)) return model.instructions[i].start;
  return -1;
}

/** Subcommands that refresh the repositories' metadata into /var/cache/zypp and download packages there. */
const FILLS = new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'install-new-recommends', 'inr', 'source-install', 'si']);

/** `--download-only` (`-d` for install and its kin, not for source-install, where it means --build-deps-only) keeps the packages on purpose. */
function downloadsOnly(call: ToolCall): boolean {
  const short = call.subcommand?.value === 'source-install' || call.subcommand?.value === 'si' ? [] : ['d'];
  return hasOption(call.args, ['--download-only'], short) || optionValue(call, ['--download'])?.value === 'only';
}

/**
 * What empties the whole cache: `zypper clean --all`, removing /var/cache/zypp, or a script of the project's own
 * that says it cleans zypper's cache. A plain `zypper clean` removes only downloaded packages (zypper(8)), which
 * zypper deletes after installing anyway; the repositories' metadata stays.
 */
function cleansAll(command: ShellCommand): boolean {
  const clean = zypperClean(command);
  if (clean) return hasOption(clean.args, ['--all'], ['a']);
  if (cleanupScriptOf(command) === 'zypper') return true;
  return cleanedBy(command)?.some((r) => r.kind === 'zypper') ?? false;
}

const ZYPPER_CACHE: PackageCache = {
  kind: 'zypper',
  spec: ZYPPER,
  mount: /^\/var\/cache\/zypp$/,
  fills: (call) => FILLS.has(call.subcommand?.value ?? '') && !downloadsOnly(call),
  empties: cleansAll,
};

export const zypperCacheNotCleaned: Rule = {
  meta: {
    id: 'zypper-cache-not-cleaned',
    title: 'zypper install without zypper clean --all in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3036'],
    fix: 'safe',
    messages: {
      notCleaned: "'{command}' leaves the repositories' metadata in /var/cache/zypp in this layer: run 'zypper clean --all' before the RUN ends.{buildkit}",
      partial: "'{command}' leaves the repositories' metadata in /var/cache/zypp in this layer: 'zypper {clean}' without --all removes only downloaded packages.{buildkit}",
      fix: 'Append && {tool} clean --all',
      fixAll: 'Add --all to zypper {clean}',
    },
  },
  collect: (node) => cacheFact(node, ZYPPER_CACHE),
  check({ model, settings, report, collected }) {
    // A keystroke runs this check in every file: the walk for the last zypper is for files with a finding.
    const left = [...cachesLeft(model, collected)];
    if (left.length === 0) return;
    const lastZypper = lastZypperStart(model);
    for (const { run, uncleaned, cleanedLater } of left) {
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const commands = (run.run ?? run.trigger?.run)!.commands;
      // A plain clean after the last install: the fix completes it rather than cleaning twice.
      const plain = commands.filter((c) => c.start > last.command.start).map(zypperClean).find((c) => c !== null) ?? null;
      const edit = cleanedLater ? null : plain ? insertArgumentAfter(run, plain.subcommand!, '--all') : appendToRun(model, run, [`${last.tool.raw} clean --all`]);
      // A later zypper in the file refreshes the metadata again, as repositories with autorefresh (the images'
      // own) do; that is not proved by a build here, so the fix is offered one at a time there.
      const laterZypper = lastZypper > run.end;
      const { messages } = zypperCacheNotCleaned.meta;
      const fixes: Fix[] = edit ? [{ title: plain ? formatMessage(messages.fixAll, { clean: plain.subcommand!.value }) : formatMessage(messages.fix, { tool: last.tool.raw }), safety: laterZypper ? 'unsafe' : 'safe', edits: [edit] }] : [];
      report({
        span: spanOf([first.tool, first.subcommand!]),
        messageId: plain ? 'partial' : 'notCleaned',
        data: { command: `${first.tool.value} ${first.subcommand!.value}`, clean: plain?.subcommand?.value ?? 'clean', buildkit: cacheMountNote(model, settings) },
        fixes: [...fixes, ...cacheMountFixes(model, settings, run, CACHE_TARGETS.zypper)],
      });
    }
  },
};
