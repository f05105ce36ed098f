import { baseName, hasOption, readCall, spanOf } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import { formatMessage, type Rule } from '../engine/rule';
import type { ShellCommand } from '../model/types';
import { cleanedBy, cleanupScriptOf } from './support/cleanup';
import { cacheFact, cachesLeft, YUM, type CacheFact, type PackageCache } from './support/packageTools';

// dnf's aliases count as what they stand for: `in` is install and `rei` reinstall
// (https://dnf.readthedocs.io/en/latest/command_ref.html), although hadolint reads only `install`.
const INSTALLS = new Set(['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei']);

/** `yum|dnf|microdnf clean all`, or removing /var/cache/yum or /var/cache/dnf. */
function cleansAll(command: ShellCommand): boolean {
  const call = readCall(command, YUM);
  if (call?.subcommand?.value === 'clean') return call.operands.some((w) => w.value === 'all');
  // A script of the project's own that says it cleans yum's cache (`yum_clean_all`) is not run twice.
  if (cleanupScriptOf(command) === 'yum') return true;
  return cleanedBy(command)?.some((r) => r.kind === 'yum') ?? false;
}

/** The cleanup the lesson would write for each tool. */
function cleanupFor(tool: string, written: string): string[] {
  if (tool === 'microdnf') return [`${written} clean all`];
  return [`${written} clean all`, `rm -rf /var/cache/${tool}`];
}

const YUM_CACHE: PackageCache = {
  kind: 'yum',
  spec: YUM,
  mount: /^\/var\/cache\/(yum|dnf)$/,
  // `--downloadonly` fills the cache on purpose: cleaning it would delete what the RUN is for.
  fills: (call) => INSTALLS.has(call.subcommand?.value ?? '') && !hasOption(call.args, ['--downloadonly']),
  empties: cleansAll,
};

export const yumCacheNotCleaned: Rule<CacheFact> = {
  meta: {
    id: 'yum-cache-not-cleaned',
    title: 'yum or dnf install without clean all in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3032', 'DL3040'],
    fix: 'safe',
    messages: {
      notCleaned: "'{command}' leaves the package cache and metadata in this layer: run '{cleanup}' before the RUN ends.{buildkit}",
      fix: 'Append && {cleanup}',
    },
  },
  collect: (node) => cacheFact(node, YUM_CACHE),
  check({ model, settings, report, collected }) {
    for (const { run, uncleaned, cleanedLater } of cachesLeft(model, collected)) {
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const cleanup = cleanupFor(baseName(last.tool.value), last.tool.value);
      const edit = cleanedLater ? null : appendToRun(model, run, cleanup);
      const title = formatMessage(yumCacheNotCleaned.meta.messages.fix, { cleanup: cleanup.join(' && ') });
      report({
        span: spanOf([first.tool, first.subcommand!]),
        messageId: 'notCleaned',
        data: { command: `${first.tool.value} ${first.subcommand!.value}`, cleanup: cleanupFor(first.name, first.tool.value).join(' && '), buildkit: cacheMountNote(model, settings) },
        hadolint: first.name === 'yum' ? 'DL3032' : 'DL3040',
        fixes: [...(edit ? [{ title, safety: 'safe' as const, edits: [edit] }] : []), ...cacheMountFixes(model, settings, run, cacheTargetsOf(baseName(last.tool.value)))],
      });
    }
  },
};

/** The cache folder of dnf, microdnf or yum, for the cache-mount fix. */
function cacheTargetsOf(tool: string): readonly string[] {
  return tool === 'dnf' || tool === 'microdnf' ? CACHE_TARGETS.dnf : CACHE_TARGETS.yum;
}
