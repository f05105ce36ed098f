import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { fromParts } from './support/buildkit';

export const stageNameCasing: Rule<Word> = {
  meta: {
    id: 'stage-name-casing',
    title: 'A stage name with capital letters',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['StageNameCasing'],
    fix: 'safe',
    messages: {
      casing: "Stage name '{name}' should be lower-case: BuildKit lower-cases stage names, so '{lower}' is the name that `--target` and `COPY --from` match.",
      fix: "Write the stage name as '{lower}'",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    // BuildKit checks `FROM image AS name` only when it has exactly these three words.
    const { args } = fromParts(node);
    return args.length === 3 && args[2].value !== args[2].value.toLowerCase() ? args[2] : null;
  },
  check({ report, collected }) {
    for (const { fact: name } of collected) {
      const lower = name.value.toLowerCase();
      report({
        span: name,
        messageId: 'casing',
        data: { name: name.value, lower },
        // Stage names are matched without regard to case (by BuildKit and the classic builder), so the image stays.
        fixes: name.raw === name.value ? [{ title: `Write the stage name as '${lower}'`, safety: 'safe', edits: [{ start: name.start, end: name.end, newText: lower }] }] : [],
      });
    }
  },
  local: true,
};
