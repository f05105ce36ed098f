import { hasOption, optionValue, spanOf, ZYPPER, type ToolCall } from '../engine/commands';
import { appendToRun, insertArgumentAfter } from '../engine/edits';
import { formatMessage, type Fix, type Rule } from '../engine/rule';
import type { ShellCommand } from '../model/types';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import { cleanedBy, cleanupScriptOf, touches, zypperClean } from './support/cleanup';
import { cacheFact, cachesLeft, type PackageCache } from './support/packageTools';

const ZYPPER_RESOURCE = { kind: 'zypper' } as const;

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
      fix: 'Append && zypper clean --all',
      fixAll: 'Add --all to zypper {clean}',
    },
  },
  collect: (node) => cacheFact(node, ZYPPER_CACHE),
  check({ model, settings, report, collected }) {
    // The start of the last instruction that runs zypper: a RUN before it has a later zypper that needs the metadata.
    // Found once, and only for a file with a finding: a keystroke runs this check on every file.
    let lastZypper: number | undefined;
    const lastZypperStart = (): number => {
      if (lastZypper === undefined) {
        let i = model.instructions.length - 1;
        while (i >= 0 && !touches(model.instructions[i], ZYPPER_RESOURCE)) i--;
        lastZypper = i >= 0 ? model.instructions[i].start : -1;
      }
      return lastZypper;
    };
    for (const { run, uncleaned, cleanedLater } of cachesLeft(model, collected)) {
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const commands = (run.run ?? run.trigger?.run)!.commands;
      // A plain clean after the last install: the fix completes it rather than cleaning twice.
      const plain = commands.filter((c) => c.start > last.command.start).map(zypperClean).find((c) => c !== null) ?? null;
      const edit = cleanedLater ? null : plain ? insertArgumentAfter(run, plain.subcommand!, '--all') : appendToRun(model, run, [`${last.tool.raw} clean --all`]);
      // A later zypper in the file refreshes the metadata again, as repositories with autorefresh (the images'
      // own) do; that is not proved by a build here, so the fix is offered one at a time there.
      const laterZypper = lastZypperStart() > run.end;
      const { messages } = zypperCacheNotCleaned.meta;
      const fixes: Fix[] = edit ? [{ title: plain ? formatMessage(messages.fixAll, { clean: plain.subcommand!.value }) : messages.fix, safety: laterZypper ? 'unsafe' : 'safe', edits: [edit] }] : [];
      report({
        span: spanOf([first.tool, first.subcommand!]),
        messageId: plain ? 'partial' : 'notCleaned',
        data: { command: `${first.tool.value} ${first.subcommand!.value}`, clean: plain?.subcommand?.value ?? 'clean', buildkit: cacheMountNote(model, settings) },
        fixes: [...fixes, ...cacheMountFixes(model, settings, run, CACHE_TARGETS.zypper)],
      });
    }
  },
};
