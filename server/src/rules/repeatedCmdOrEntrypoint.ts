import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';

const KEYWORDS: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };

export const repeatedCmdOrEntrypoint: Rule<true> = {
  meta: {
    id: 'repeated-cmd-or-entrypoint',
    title: 'More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage',
    severity: 'warning',
    category: 'default-command',
    hadolint: ['DL4003', 'DL4004', 'DL3012'],
    buildkit: ['MultipleInstructionsDisallowed'],
    fix: null,
    messages: {
      overridden: 'This {keyword} has no effect: the {keyword} on line {line} replaces it. Keep only the one you mean.',
    },
  },
  collect(node) {
    // ONBUILD CMD belongs to the images built FROM this one, so only top-level instructions count.
    return KEYWORDS[node.keyword] ? true : null;
  },
  // The last CMD or ENTRYPOINT of each stage counts: a stage's findings are its own.
  scope: 'stage',
  namesLines: true,
  check({ report, collected }) {
    // From the end: the CMD or ENTRYPOINT last in its stage is the one that counts.
    let stage = Number.NaN;
    const last = new Map<string, InstructionNode>();
    for (let k = collected.length - 1; k >= 0; k--) {
      const { node } = collected[k];
      if (node.stage < 0) continue;
      if (node.stage !== stage) {
        stage = node.stage;
        last.clear();
      }
      const later = last.get(node.keyword);
      if (later) {
        report({
          span: { start: node.start, end: node.end },
          messageId: 'overridden',
          data: { keyword: node.keyword, line: String(later.line + 1) },
          hadolint: KEYWORDS[node.keyword],
        });
      } else last.set(node.keyword, node);
    }
  },
};
