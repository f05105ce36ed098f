import type { Rule } from '../engine/rule';
import { markedBefore } from './support/buildkit';
import type { Word } from '../model/types';

/** A WORKDIR's path, and whether it is relative. */
interface WorkdirFact {
  path: Word;
  relative: boolean;
}

export const workdirRelativePath: Rule<WorkdirFact> = {
  meta: {
    id: 'workdir-relative-path',
    title: 'A relative WORKDIR',
    severity: 'warning',
    category: 'hygiene',
    hadolint: ['DL3000'],
    buildkit: ['WorkdirRelativePath'],
    fix: null,
    messages: {
      relative: "WORKDIR '{path}' is relative to the working directory of the base image, which may change with its next release. Use an absolute path.",
    },
  },
  collect(node) {
    if (node.keyword !== 'WORKDIR' || node.args.length === 0) return null;
    const path = node.args[0];
    const bare = path.value.replace(/^["']|["']$/g, '');
    // As hadolint reads it: a path from a variable is not judged, and a Windows path with a drive is absolute.
    const relative = !(bare.startsWith('/') || bare.startsWith('$') || /^[A-Za-z]:/.test(bare));
    return { path, relative };
  },
  check({ model, report, collected }) {
    const workdirs = collected.map((c) => c.node);
    for (const { node, fact } of collected) {
      if (!fact.relative || node.stage < 0) continue;
      report({
        span: fact.path,
        messageId: 'relative',
        data: { path: fact.path.value },
        // hadolint reports every relative WORKDIR; BuildKit only the first WORKDIR of the stage (and of those it
        // builds FROM), since fixing that one fixes those after it.
        buildkit: markedBefore(model, node, workdirs) ? null : 'WorkdirRelativePath',
      });
    }
  },
  local: true,
};
