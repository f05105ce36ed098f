import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';

const KEYWORDS: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004' };

export const repeatedCmdOrEntrypoint: Rule = {
  meta: {
    id: 'repeated-cmd-or-entrypoint',
    title: 'More than one CMD or ENTRYPOINT in a stage',
    severity: 'warning',
    category: 'default-command',
    hadolint: ['DL4003', 'DL4004'],
    fix: null,
    messages: {
      overridden: 'This {keyword} has no effect: the {keyword} on line {line} replaces it. Keep only the one you mean.',
    },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      // ONBUILD CMD belongs to the images built FROM this one, so only top-level instructions count.
      const last = new Map<string, InstructionNode>();
      for (const node of [...stage.instructions].reverse()) {
        const hadolint = KEYWORDS[node.keyword];
        if (!hadolint) continue;
        const later = last.get(node.keyword);
        if (later) {
          report({
            span: { start: node.start, end: node.end },
            messageId: 'overridden',
            data: { keyword: node.keyword, line: String(later.line + 1) },
            hadolint,
          });
        } else last.set(node.keyword, node);
      }
    }
  },
};
