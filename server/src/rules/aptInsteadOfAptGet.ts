import { APT, callsIn, runNode, type ToolCall } from '../engine/commands';
import type { Rule } from '../engine/rule';

/** Subcommands that apt-get runs as apt does; `apt upgrade` installs new dependencies where `apt-get upgrade` does not. */
const SAME_IN_APT_GET = new Set(['install', 'update', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'dist-upgrade', 'build-dep', 'source', 'download', 'satisfy']);

/** The RUN's apt calls, with whether its form is exec (the fix then writes a JSON string). */
interface AptCalls {
  exec: boolean;
  calls: ToolCall[];
}

export const aptInsteadOfAptGet: Rule<AptCalls> = {
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
  collect(node) {
    const run = runNode(node);
    if (!run) return null;
    const calls = callsIn(run, APT).filter((call) => call.name === 'apt');
    return calls.length > 0 ? { exec: run.run!.form === 'exec', calls } : null;
  },
  check({ report, collected }) {
    for (const { fact } of collected) {
      const { exec } = fact;
      for (const call of fact.calls) {
        const { tool } = call;
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
