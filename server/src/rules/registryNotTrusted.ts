import type { Rule } from '../engine/rule';
import { imageRegistry, isTrusted } from './support/registries';

export const registryNotTrusted: Rule<true> = {
  meta: {
    id: 'registry-not-trusted',
    title: 'FROM an image of a registry that trustedRegistries does not name',
    severity: 'error',
    category: 'hygiene',
    hadolint: ['DL3026'],
    fix: null,
    messages: {
      untrusted:
        "{image} comes from {registry}, which is not among the trusted registries ({trusted}): build FROM an image of one of them, or add {registry} to trustedRegistries.",
    },
  },
  // A flag: the check reads the stage the FROM made, which knows its image.
  collect: (node) => (node.keyword === 'FROM' ? true : null),
  local: true,
  check({ model, settings, report, collected }) {
    const trusted = settings.trustedRegistries;
    // No list, no policy: every registry is as good as another.
    if (trusted.length === 0) return;
    for (const { node } of collected) {
      const stage = model.stages[node.stage];
      // A stage name is not an image, an unknown ARG cannot be judged, and scratch comes from nowhere.
      if (!stage || stage.baseStage !== null || stage.resolvedImage === null || !stage.imageSpan) continue;
      const resolved = stage.resolvedImage;
      if (resolved === '' || resolved.toLowerCase() === 'scratch') continue;
      const registry = imageRegistry(resolved);
      if (isTrusted(registry, trusted)) continue;
      report({
        span: stage.imageSpan,
        messageId: 'untrusted',
        data: {
          image: resolved === stage.image ? `'${stage.image}'` : `'${stage.image}' (by its ARG default, '${resolved}')`,
          registry,
          trusted: trusted.join(', '),
        },
      });
    }
  },
};
