import { APT, callsIn, removedPaths, runNode, spanOf } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { stagesInFinalImage } from '../model/scope';
import { cleanupOnlyRuns, isAptListsPath } from './support/cleanup';

/** A cache mount keeps the lists out of the image, so nothing needs removing. */
function listsOnCacheMount(flags: Array<{ name: string; value: string | null }>): boolean {
  return flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? '') && /(target|dst|destination)=\/var\/lib\/apt(\/lists)?\/?(,|$)/.test(f.value ?? ''));
}

/** Where the last RUN of the stage starts that installs with apt-get before any update of its own, so it reads the lists an earlier RUN left. */
function lastRunNeedingLists(instructions: InstructionNode[]): number {
  let last = -1;
  for (const node of instructions) {
    if (!node.run) continue;
    const first = callsIn(node, APT).find((c) => c.subcommand?.value !== 'clean');
    if (first && ['install', 'build-dep', 'source', 'download', 'upgrade', 'dist-upgrade'].includes(first.subcommand?.value ?? '')) last = node.start;
  }
  return last;
}

export const aptListsNotRemoved: Rule = {
  meta: {
    id: 'apt-lists-not-removed',
    title: 'apt-get update without removing /var/lib/apt/lists in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3009'],
    fix: 'safe',
    messages: {
      notRemoved:
        "'{command}' leaves the package lists in this layer: remove /var/lib/apt/lists/* before the RUN ends, or they stay in the image.",
      fix: 'Append && apt-get clean && rm -rf /var/lib/apt/lists/*',
    },
  },
  check({ model, report }) {
    const inImage = stagesInFinalImage(model);
    const cleanedLater = new Set(
      cleanupOnlyRuns(model)
        .filter((c) => c.maker && c.commands.some((k) => k.resources.some((r) => r.kind === 'apt')))
        .map((c) => c.maker),
    );
    for (const stage of model.stages) {
      if (!inImage.has(stage.index)) continue;
      const needsListsUntil = lastRunNeedingLists(stage.instructions);
      for (const node of stage.instructions) {
        const run = runNode(node);
        if (!run?.run || listsOnCacheMount(run.run.flags)) continue;
        const update = callsIn(run, APT).find((c) => c.subcommand?.value === 'update');
        if (!update?.subcommand) continue;
        const removes = run.run.commands.some((c) => c.start > update.command.start && removedPaths(c)?.some(isAptListsPath));
        if (removes) continue;
        // Where a later RUN does the cleanup, its own finding moves it here; where a
        // later RUN installs from these lists, removing them would break it.
        const edit = cleanedLater.has(run) || needsListsUntil > node.start ? null : appendToRun(model, run, ['apt-get clean', 'rm -rf /var/lib/apt/lists/*']);
        report({
          span: spanOf([update.tool, update.subcommand]),
          messageId: 'notRemoved',
          data: { command: `${update.tool.value} update` },
          fixes: edit ? [{ title: aptListsNotRemoved.meta.messages.fix, safety: 'safe', edits: [edit] }] : [],
        });
      }
    }
  },
};
