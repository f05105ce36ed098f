import { baseName, runNode } from '../engine/commands';
import type { Catalogue } from '../catalogue/catalogue';
import type { Rule } from '../engine/rule';
import { stageChain } from '../model/scope';
import type { DockerfileModel, InstructionNode } from '../model/types';

/** sudo options that change nothing when root runs the command. */
const HARMLESS_AS_ROOT = new Set(['-E', '-H', '-n', '--preserve-env', '--set-home', '--non-interactive']);

/**
 * Whether the RUN certainly runs as root: no USER other than root before it in its
 * stages, and a base image the catalogue knows that does not switch to its own user.
 */
function runsAsRoot(model: DockerfileModel, catalogue: Catalogue, node: InstructionNode): boolean {
  const stage = model.stages[node.stage];
  if (!stage) return false;
  const chain = stageChain(model, stage);
  const root = chain[chain.length - 1];
  const base = root.resolvedImage === null ? null : catalogue.lookup(root.resolvedImage);
  if (!base || base.ownStartup) return false;
  let user = 'root';
  for (const stage of [...chain].reverse()) {
    for (const inst of stage.instructions) {
      if (inst.start >= node.start) break;
      if (inst.keyword === 'USER') user = inst.args[0]?.value.split(':')[0] ?? '';
    }
  }
  return user === 'root' || user === '0';
}

export const sudoInRun: Rule = {
  meta: {
    id: 'sudo-in-run',
    title: 'sudo in a RUN',
    severity: 'warning',
    category: 'hygiene',
    hadolint: ['DL3004'],
    fix: 'safe',
    messages: {
      sudo: 'A RUN runs as root unless a USER says otherwise, and sudo behaves unpredictably without a terminal: drop it, or switch with USER (or gosu) where another user is needed.',
      fix: 'Remove sudo (this RUN already runs as root)',
    },
  },
  check({ model, catalogue, report }) {
    for (const top of model.instructions) {
      const run = runNode(top);
      if (!run) continue;
      for (const command of run.run!.commands) {
        const words = command.words;
        if (words.length === 0 || baseName(words[0].value) !== 'sudo') continue;
        let next = 1;
        while (next < words.length && HARMLESS_AS_ROOT.has(words[next].value)) next++;
        const plain = next < words.length && !words[next].value.startsWith('-');
        const fixable = plain && run.run!.form !== 'exec' && !run.onbuild && runsAsRoot(model, catalogue, run);
        report({
          span: { start: words[0].start, end: words[0].end },
          messageId: 'sudo',
          fixes: fixable ? [{ title: sudoInRun.meta.messages.fix, safety: 'safe', edits: [{ start: words[0].start, end: words[next].start, newText: '' }] }] : [],
        });
      }
    }
  },
};
