import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { fromParts } from './support/buildkit';

/** Names BuildKit gives a meaning of its own: `FROM scratch` and the build context. */
const RESERVED = new Set(['context', 'scratch']);

export const reservedStageName: Rule<Word> = {
  meta: {
    id: 'reserved-stage-name',
    title: 'A stage named scratch or context',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['ReservedStageName'],
    fix: null,
    messages: {
      reserved: "Stage name '{name}' is reserved: `FROM {name}` and `COPY --from={name}` already mean {meaning}, not this stage. Choose another name.",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const { args } = fromParts(node);
    return args.length === 3 && args[1].value.toLowerCase() === 'as' && RESERVED.has(args[2].value.toLowerCase()) ? args[2] : null;
  },
  check({ report, collected }) {
    for (const { fact: name } of collected) {
      const lower = name.value.toLowerCase();
      report({ span: name, messageId: 'reserved', data: { name: lower, meaning: lower === 'scratch' ? 'the empty image' : 'the build context' } });
    }
  },
  local: true,
};
