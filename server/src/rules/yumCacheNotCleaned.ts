import { baseName, callsIn, readCall, runNode, spanOf, type ToolCall } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand } from '../model/types';
import { cleanedBy } from './support/cleanup';
import { cleanedLater, cleansUpOnly, inFinalImage, mountCovers, YUM } from './support/packageTools';

const INSTALLS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall']);

/** `yum|dnf|microdnf clean all`, or removing /var/cache/yum or /var/cache/dnf. */
function cleansAll(command: ShellCommand): boolean {
  const call = readCall(command, YUM);
  if (call?.subcommand?.value === 'clean') return call.operands.some((w) => w.value === 'all');
  return cleanedBy(command)?.some((r) => r.kind === 'yum') ?? false;
}

/** The cleanup the lesson would write for each tool. */
function cleanupFor(tool: string, written: string): string[] {
  if (tool === 'microdnf') return [`${written} clean all`];
  return [`${written} clean all`, `rm -rf /var/cache/${tool}`];
}

/** A RUN's yum or dnf installs that leave the cache, or a RUN that only cleans up, perhaps after one. */
type Found = { kind: 'install'; run: InstructionNode; uncleaned: ToolCall[] } | { kind: 'cleanup' };

export const yumCacheNotCleaned: Rule<Found> = {
  meta: {
    id: 'yum-cache-not-cleaned',
    title: 'yum or dnf install without clean all in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3032', 'DL3040'],
    fix: 'safe',
    messages: {
      notCleaned: "'{command}' leaves the package cache and metadata in this layer: run '{cleanup}' before the RUN ends.",
      fix: 'Append && {cleanup}',
    },
  },
  collect(node) {
    if (cleansUpOnly(node, 'yum')) return { kind: 'cleanup' };
    const run = runNode(node);
    if (!run?.run || mountCovers(run.run.flags, /^\/var\/cache\/(yum|dnf)$/)) return null;
    const { commands } = run.run;
    const uncleaned = callsIn(run, YUM).filter(
      (call) => INSTALLS.has(call.subcommand?.value ?? '') && !commands.some((c) => c.start > call.command.start && cleansAll(c)),
    );
    return uncleaned.length > 0 ? { kind: 'install', run, uncleaned } : null;
  },
  check({ model, report, collected }) {
    const cleanups = collected.filter((c) => c.fact.kind === 'cleanup').map((c) => c.node);
    for (const { fact } of inFinalImage(model, collected)) {
      if (fact.kind !== 'install') continue;
      const { run, uncleaned } = fact;
      const first = uncleaned[0];
      const last = uncleaned[uncleaned.length - 1];
      const cleanup = cleanupFor(baseName(last.tool.value), last.tool.value);
      const edit = cleanedLater(model, run, 'yum', cleanups) ? null : appendToRun(model, run, cleanup);
      const title = yumCacheNotCleaned.meta.messages.fix.replace('{cleanup}', cleanup.join(' && '));
      report({
        span: spanOf([first.tool, first.subcommand!]),
        messageId: 'notCleaned',
        data: { command: `${first.tool.value} ${first.subcommand!.value}`, cleanup: cleanupFor(first.name, first.tool.value).join(' && ') },
        hadolint: first.name === 'yum' ? 'DL3032' : 'DL3040',
        fixes: edit ? [{ title, safety: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
