import type { Rule } from '../engine/rule';
import { writtenKeyword } from '../model/moved';
import type { Word } from '../model/types';
import { casingOf, fromParts } from './support/buildkit';

interface AsFact {
  as: Word;
  from: string;
}

export const fromAsCasing: Rule<AsFact> = {
  meta: {
    id: 'from-as-casing',
    title: "An 'as' whose case differs from its FROM's",
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['FromAsCasing'],
    fix: 'safe',
    messages: {
      casing: "'{as}' and '{from}' are written in different cases: write '{wanted}', as the FROM is.",
      fix: "Write '{wanted}'",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const { args } = fromParts(node);
    if (args.length < 3) return null;
    const from = writtenKeyword(node);
    // A FROM of mixed case is consistent-instruction-casing's finding; BuildKit says nothing of its AS then.
    const casing = casingOf(from);
    if (casing === 'mixed') return null;
    const as = args[1];
    return casingOf(as.value) === casing && as.value.length > 0 ? null : { as, from };
  },
  check({ report, collected }) {
    for (const { fact } of collected) {
      const wanted = casingOf(fact.from) === 'lower' ? fact.as.value.toLowerCase() : fact.as.value.toUpperCase();
      report({
        span: fact.as,
        messageId: 'casing',
        data: { as: fact.as.value, from: fact.from, wanted },
        // Keywords are read without regard to case: only the text changes.
        fixes: [{ title: `Write '${wanted}'`, safety: 'safe', edits: [{ start: fact.as.start, end: fact.as.end, newText: wanted }] }],
      });
    }
  },
  local: true,
};
