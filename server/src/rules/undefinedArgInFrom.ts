import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { expandWord, flagSpan, flagValue, fromParts, globalArgNames, PREDEFINED_ARGS, suggestName, type FromFlag } from './support/buildkit';

/** The FROM's image and its --platform flag, where they hold a variable. */
interface FromWords {
  image: Word | null;
  platform: FromFlag | null;
}

export const undefinedArgInFrom: Rule<FromWords> = {
  meta: {
    id: 'undefined-arg-in-from',
    title: 'FROM uses a variable that no ARG before it declares',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    buildkit: ['UndefinedArgInFrom'],
    fix: null,
    messages: {
      undefined: "FROM reads ${name}, which no ARG before the first FROM declares: it is empty unless the build passes --build-arg {name}=....{suggestion}",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const { flags, args } = fromParts(node);
    // BuildKit expands the image and the --platform flag, nothing else of a FROM.
    const image = args[0]?.value.includes('$') ? args[0] : null;
    const platform = flagValue(flags, 'platform');
    const fact = { image, platform: platform?.value.includes('$') ? platform : null };
    return fact.image || fact.platform ? fact : null;
  },
  check({ model, report, collected }) {
    if (collected.length === 0) return;
    const declared = globalArgNames(model);
    for (const name of PREDEFINED_ARGS.keys()) declared.add(name);
    const known = new Map([...declared].map((name) => [name, '']));
    for (const { node, fact } of collected) {
      const words = [fact.image && { span: fact.image, value: fact.image.value }, fact.platform && { span: flagSpan(node, fact.platform), value: fact.platform.value }];
      for (const word of words) {
        if (!word) continue;
        for (const name of expandWord(word.value, known).unmatched) {
          const near = suggestName(name, declared);
          report({ span: word.span, messageId: 'undefined', data: { name, suggestion: near ? ` Did you mean ${near}?` : '' } });
        }
      }
    }
  },
  local: true,
};
