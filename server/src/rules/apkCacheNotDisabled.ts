import { callsIn, hasOption, removedPaths, runNode, spanOf, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { inFinalImage } from './support/collected';
import { APK, mountCovers } from './support/packageTools';

const APK_CACHE = /^\/var\/cache\/apk(\/\*?)?$/;

/** The RUN's `apk add` calls that keep the package index. */
interface Cached {
  run: InstructionNode;
  calls: ToolCall[];
}

export const apkCacheNotDisabled: Rule<Cached> = {
  meta: {
    id: 'apk-cache-not-disabled',
    title: 'apk add without --no-cache',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3019'],
    fix: 'safe',
    messages: {
      cached: "'{command}' keeps the package index in /var/cache/apk in this layer: add --no-cache.{buildkit}",
      fix: 'Add --no-cache',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run || mountCovers(run.run.flags, /^\/var\/cache\/apk$/)) return null;
    const { commands } = run.run;
    const calls = callsIn(run, APK).filter(
      (call) =>
        call.subcommand?.value === 'add' &&
        !hasOption([...call.globalOptions, ...call.args], ['--no-cache']) &&
        !commands.some((c) => c.start > call.command.start && removedPaths(c)?.some((p) => APK_CACHE.test(p))),
    );
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ model, settings, report, collected }) {
    for (const { fact } of inFinalImage(model, collected)) {
      for (const call of fact.calls) {
        const subcommand = call.subcommand!;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'cached',
          data: { command: `${call.tool.value} add`, buildkit: cacheMountNote(model, settings) },
          fixes: [{ title: apkCacheNotDisabled.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(fact.run, subcommand, '--no-cache')] }, ...cacheMountFixes(model, settings, fact.run, CACHE_TARGETS.apk)],
        });
      }
    }
  },
};
