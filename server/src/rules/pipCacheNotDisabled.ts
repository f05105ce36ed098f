import { callsIn, hasOption, PIP, spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { runsInFinalImage, variablesInScope } from '../model/scope';
import type { RunFlag, ShellCommand } from '../model/types';

const VARIABLE = 'PIP_NO_CACHE_DIR';

function cacheMounted(flags: RunFlag[]): boolean {
  return flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? '') && /(target|dst|destination)=[^,]*\.cache(\/pip)?\/?(,|$)/.test(f.value ?? ''));
}

/** `export PIP_NO_CACHE_DIR=1` earlier in the same RUN. */
function exportedBefore(commands: ShellCommand[], before: ShellCommand): boolean {
  return commands.some(
    (c) => c.start < before.start && c.words[0]?.value === 'export' && c.words.slice(1).some((w) => w.value.startsWith(`${VARIABLE}=`)),
  );
}

export const pipCacheNotDisabled: Rule = {
  meta: {
    id: 'pip-cache-not-disabled',
    title: 'pip install without --no-cache-dir',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3042'],
    fix: 'safe',
    messages: {
      cached: "'{command}' keeps pip's download cache in the image: add --no-cache-dir, or set PIP_NO_CACHE_DIR.",
      fix: 'Add --no-cache-dir',
    },
  },
  check({ model, report }) {
    for (const { node, run, info } of runsInFinalImage(model)) {
      if (cacheMounted(info.flags)) continue;
      const calls = callsIn(run, PIP).filter((c) => c.subcommand?.value === 'install');
      if (calls.length === 0 || variablesInScope(model, node).has(VARIABLE)) continue;
      for (const call of calls) {
        if (hasOption([...call.globalOptions, ...call.args], ['--no-cache-dir'])) continue;
        if (call.command.assignments.some((a) => a.value.startsWith(`${VARIABLE}=`))) continue;
        if (exportedBefore(info.commands, call.command)) continue;
        const subcommand = call.subcommand!;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'cached',
          data: { command: `${call.tool.value.startsWith('python') ? `${call.tool.value} -m pip` : call.tool.value} install` },
          fixes: [{ title: pipCacheNotDisabled.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(run, subcommand, '--no-cache-dir')] }],
        });
      }
    }
  },
};
