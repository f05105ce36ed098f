import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { defaultArgValues, expandWord, fromParts, isValidReference } from './support/buildkit';

export const invalidDefaultArgInFrom: Rule<Word> = {
  meta: {
    id: 'invalid-default-arg-in-from',
    title: "FROM whose image is empty or invalid with the ARGs' defaults",
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    buildkit: ['InvalidDefaultArgInFrom'],
    fix: null,
    messages: {
      invalid:
        "With the ARGs' defaults, FROM {image} names the image '{result}', which is not a valid image: a build without --build-arg fails. Give the ARG a default, or write a default into the FROM (${NAME:-default}).",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const image = fromParts(node).args[0];
    return image && image.value.includes('$') ? image : null;
  },
  check({ model, report, collected }) {
    if (collected.length === 0) return;
    const { values, unknown } = defaultArgValues(model);
    for (const { fact: image } of collected) {
      const expansion = expandWord(image.value, values);
      if (expansion.result === null || [...expansion.unmatched, ...expansion.matched].some((name) => unknown.has(name))) continue;
      if (!isValidReference(expansion.result)) report({ span: image, messageId: 'invalid', data: { image: image.value, result: expansion.result } });
    }
  },
  local: true,
};
