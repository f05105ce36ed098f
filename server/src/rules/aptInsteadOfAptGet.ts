import { APT, callsIn, runNode } from '../engine/commands';
import type { Rule } from '../engine/rule';

/** Subcommands that apt-get runs as apt does; `apt upgrade` installs new dependencies where `apt-get upgrade` does not. */
const SAME_IN_APT_GET = new Set(['install', 'update', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'dist-upgrade', 'build-dep', 'source', 'download', 'satisfy']);

export const aptInsteadOfAptGet: Rule = {
  meta: {
    id: 'apt-instead-of-apt-get',
    title: 'apt in a RUN, where apt-get is meant for scripts',
    severity: 'warning',
    category: 'hygiene',
    hadolint: ['DL3027'],
    fix: 'safe',
    messages: {
      apt: "'apt' is made for people at a terminal and its command line may change; scripts use 'apt-get' (or 'apt-cache').",
      fix: 'Use apt-get',
    },
  },
  check({ model, report }) {
    for (const top of model.instructions) {
      const run = runNode(top);
      if (!run) continue;
      for (const call of callsIn(run, APT)) {
        if (call.name !== 'apt') continue;
        const { tool } = call;
        const exec = run.run!.form === 'exec';
        const fixable = SAME_IN_APT_GET.has(call.subcommand?.value ?? '') && (exec || tool.raw.endsWith('apt'));
        report({
          span: { start: tool.start, end: tool.end },
          messageId: 'apt',
          fixes: fixable
            ? [{ title: aptInsteadOfAptGet.meta.messages.fix, safety: 'safe', edits: [{ start: tool.start, end: tool.end, newText: exec ? JSON.stringify(`${tool.value}-get`) : `${tool.raw}-get` }] }]
            : [],
        });
      }
    }
  },
};
