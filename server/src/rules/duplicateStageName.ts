import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { fromParts } from './support/buildkit';

export const duplicateStageName: Rule<Word> = {
  meta: {
    id: 'duplicate-stage-name',
    title: 'Two stages with the same name',
    severity: 'error',
    category: 'hygiene',
    hadolint: ['DL3024'],
    buildkit: ['DuplicateStageName'],
    fix: null,
    messages: {
      duplicate: "Another stage is already named '{name}' (names are compared without regard to case): `COPY --from={name}` and `--target {name}` cannot tell them apart. Rename one.",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const { args } = fromParts(node);
    return args.length >= 3 && args[1].value.toLowerCase() === 'as' ? args[2] : null;
  },
  check({ report, collected }) {
    const seen = new Set<string>();
    const written = new Set<string>();
    for (const { fact: name } of collected) {
      const lower = name.value.toLowerCase();
      // hadolint compares the names as written; BuildKit (and docker) lower-case them first.
      if (seen.has(lower)) report({ span: name, messageId: 'duplicate', data: { name: lower }, hadolint: written.has(name.value) ? 'DL3024' : null });
      seen.add(lower);
      written.add(name.value);
    }
  },
  local: true,
};
