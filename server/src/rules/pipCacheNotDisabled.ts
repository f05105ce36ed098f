import { callsIn, PIP, runNode, spanOf, type ToolCall } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { variablesInScope } from '../model/scope';
import type { InstructionNode, RunFlag, ShellCommand, Word } from '../model/types';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import { cleanedBy } from './support/cleanup';
import { inFinalImage } from './support/collected';

const VARIABLE = 'PIP_NO_CACHE_DIR';

/** A cache mount, or a tmpfs one (whose files never reach the layer), on pip's cache folder. */
function cacheMounted(flags: RunFlag[]): boolean {
  return flags.some((f) => f.name === 'mount' && /type=(cache|tmpfs)(,|$)/.test(f.value ?? '') && /(target|dst|destination)=[^,]*\.cache(\/pip)?\/?(,|$)/.test(f.value ?? ''));
}

/**
 * `--no-cache-dir`, or an abbreviation of it, which pip's option parser accepts as long as it is unambiguous:
 * `--no-cach` is the shortest (`--no-c` could be `--no-clean`, `--no-color`, `--no-compile`).
 */
function disablesCache(words: readonly Word[]): boolean {
  return words.some((w) => {
    const name = w.value.split('=')[0];
    return name.length >= '--no-cach'.length && '--no-cache-dir'.startsWith(name);
  });
}

/** `export PIP_NO_CACHE_DIR=1` earlier in the same RUN. */
function exportedBefore(commands: ShellCommand[], before: ShellCommand): boolean {
  return commands.some(
    (c) => c.start < before.start && c.words[0]?.value === 'export' && c.words.slice(1).some((w) => w.value.startsWith(`${VARIABLE}=`)),
  );
}

/** `rm -rf ~/.cache/pip` (or /root/.cache, $HOME/.cache/pip) or `pip cache purge` later in the same RUN: the cache never reaches the layer. */
function purgedAfter(commands: ShellCommand[], after: ShellCommand): boolean {
  return commands.some((c) => c.start > after.start && (cleanedBy(c) ?? []).some((r) => r.kind === 'pip'));
}

/** The RUN's `pip install` calls that keep the cache, whatever ENV the stage sets. */
interface Cached {
  run: InstructionNode;
  calls: ToolCall[];
}

export const pipCacheNotDisabled: Rule<Cached> = {
  meta: {
    id: 'pip-cache-not-disabled',
    title: 'pip install without --no-cache-dir',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3042'],
    fix: 'safe',
    messages: {
      cached: "'{command}' keeps pip's download cache in the image: add --no-cache-dir, or set PIP_NO_CACHE_DIR.{buildkit}",
      fix: 'Add --no-cache-dir',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run || cacheMounted(run.run.flags)) return null;
    const { commands } = run.run;
    const calls = callsIn(run, PIP).filter(
      (call) =>
        call.subcommand?.value === 'install' &&
        !disablesCache([...call.globalOptions, ...call.args]) &&
        !call.command.assignments.some((a) => a.value.startsWith(`${VARIABLE}=`)) &&
        !exportedBefore(commands, call.command) &&
        !purgedAfter(commands, call.command),
    );
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ model, settings, report, collected }) {
    for (const { node, fact } of inFinalImage(model, collected)) {
      if (variablesInScope(model, node).has(VARIABLE)) continue;
      for (const call of fact.calls) {
        const subcommand = call.subcommand!;
        report({
          span: spanOf([call.tool, subcommand]),
          messageId: 'cached',
          data: { command: `${call.tool.value.startsWith('python') ? `${call.tool.value} -m pip` : call.tool.value} install`, buildkit: cacheMountNote(model, settings) },
          fixes: [{ title: pipCacheNotDisabled.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(fact.run, subcommand, '--no-cache-dir')] }, ...cacheMountFixes(model, settings, fact.run, CACHE_TARGETS.pip)],
        });
      }
    }
  },
};
