import { callsIn, hasOption, removedPaths, spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { APK, mountCovers, runsInFinalImage } from './support/packageTools';

const APK_CACHE = /^\/var\/cache\/apk(\/\*?)?$/;

export const apkCacheNotDisabled: Rule = {
  meta: {
    id: 'apk-cache-not-disabled',
    title: 'apk add without --no-cache',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3019'],
    fix: 'safe',
    messages: {
      cached: "'{command}' keeps the package index in /var/cache/apk in this layer: add --no-cache.",
      fix: 'Add --no-cache',
    },
  },
  check({ model, report }) {
    for (const run of runsInFinalImage(model)) {
      const { flags, commands } = run.run!;
      if (mountCovers(flags, /^\/var\/cache\/apk$/)) continue;
      for (const call of callsIn(run, APK)) {
        if (call.subcommand?.value !== 'add' || hasOption([...call.globalOptions, ...call.args], ['--no-cache'])) continue;
        if (commands.some((c) => c.start > call.command.start && removedPaths(c)?.some((p) => APK_CACHE.test(p)))) continue;
        report({
          span: spanOf([call.tool, call.subcommand]),
          messageId: 'cached',
          data: { command: `${call.tool.value} add` },
          fixes: [{ title: apkCacheNotDisabled.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(run, call.subcommand, '--no-cache')] }],
        });
      }
    }
  },
};
