import type { Rule } from '../engine/rule';
import { namedImage } from './support/baseImage';
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
      const named = namedImage(model.stages[node.stage]);
      if (!named) continue;
      const registry = imageRegistry(named.resolved);
      if (isTrusted(registry, trusted)) continue;
      report({ span: named.span, messageId: 'untrusted', data: { image: named.shown, registry, trusted: trusted.join(', ') } });
    }
  },
};
