import { baseName, runNode } from '../engine/commands';
import type { Rule } from '../engine/rule';
import { stageChain } from '../model/scope';
import type { Stage, Word } from '../model/types';

/** sudo options that change nothing when root runs the command. */
const HARMLESS_AS_ROOT = new Set(['-E', '-H', '-n', '--preserve-env', '--set-home', '--non-interactive']);

interface Sudo {
  word: Word;
  /** The command sudo runs, when only harmless options stand before it: removing up to it drops sudo. */
  command: Word | null;
}

/** The user a USER switches to, or the sudo commands of a RUN and whether dropping them could be fixed there (shell form, not ONBUILD). */
type SudoFact = { user: string } | { sudos: Sudo[]; fixable: boolean };

export const sudoInRun: Rule<SudoFact> = {
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
  collect(node) {
    if (node.keyword === 'USER') return { user: node.args[0]?.value.split(':')[0] ?? '' };
    const run = runNode(node);
    if (!run) return null;
    const sudos: Sudo[] = [];
    for (const command of run.run!.commands) {
      const words = command.words;
      if (words.length === 0 || baseName(words[0].value) !== 'sudo') continue;
      let next = 1;
      while (next < words.length && HARMLESS_AS_ROOT.has(words[next].value)) next++;
      const plain = next < words.length && !words[next].value.startsWith('-');
      sudos.push({ word: words[0], command: plain ? words[next] : null });
    }
    return sudos.length > 0 ? { sudos, fixable: run.run!.form !== 'exec' && !run.onbuild } : null;
  },
  check({ model, catalogue, report, collected }) {
    // The last USER of each stage so far; a stage without one runs as the user its base stage ends with.
    const lastUser = new Map<number, string>();
    const userAtEnd = (stage: Stage): string =>
      lastUser.get(stage.index) ?? (stage.baseStage === null ? 'root' : userAtEnd(model.stages[stage.baseStage]));
    /**
     * Whether a RUN of the stage, at this point, certainly runs as root: no USER other than root before it in its
     * stages, and a base image the catalogue knows that does not switch to its own user.
     */
    const runsAsRoot = (stage: Stage): boolean => {
      const chain = stageChain(model, stage);
      const root = chain[chain.length - 1];
      const base = root.resolvedImage === null ? null : catalogue.lookup(root.resolvedImage);
      if (!base || base.ownStartup) return false;
      const user = userAtEnd(stage);
      return user === 'root' || user === '0';
    };
    for (const { node, fact } of collected) {
      const stage = model.stages[node.stage];
      if ('user' in fact) {
        if (stage) lastUser.set(stage.index, fact.user);
        continue;
      }
      for (const { word, command } of fact.sudos) {
        const fixable = command !== null && fact.fixable && stage !== undefined && runsAsRoot(stage);
        report({
          span: { start: word.start, end: word.end },
          messageId: 'sudo',
          fixes: fixable ? [{ title: sudoInRun.meta.messages.fix, safety: 'safe', edits: [{ start: word.start, end: command.start, newText: '' }] }] : [],
        });
      }
    }
  },
};
