import { splitImage } from '../catalogue/catalogue';
import type { Rule } from '../engine/rule';
import { namedImage } from './support/baseImage';

type ImageParts = ReturnType<typeof splitImage>;

/** A FROM's image as written, split once: most images name no ARG, so their parts need no reading on a keystroke. */
interface WrittenImage {
  image: string;
  parts: ImageParts;
}

export const imageTagNotPinned: Rule<WrittenImage> = {
  meta: {
    id: 'image-tag-not-pinned',
    title: 'FROM an image without a tag, or with the latest tag',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3006', 'DL3007'],
    fix: null,
    messages: {
      untagged: "{image} has no tag, so it means {repository}:latest: name a version, such as {repository}:<version>, so that a rebuild starts from the same image.",
      latest: "{image} uses the latest tag, which moves with every release: name a version so that a rebuild starts from the same image.",
    },
  },
  // It reads only the FROMs it collected and their stages: a keystroke that changes no FROM keeps its findings.
  local: true,
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const image = node.args.find((a) => !a.value.startsWith('--'))?.value ?? '';
    return { image, parts: splitImage(image) };
  },
  check({ model, report, collected }) {
    for (const { node, fact } of collected) {
      const named = namedImage(model.stages[node.stage]);
      if (!named) continue;
      const { repository, tag, digest } = named.resolved === fact.image ? fact.parts : splitImage(named.resolved);
      if (digest) continue;
      const messageId = tag === null ? 'untagged' : tag === 'latest' ? 'latest' : null;
      if (!messageId) continue;
      report({
        span: named.span,
        messageId,
        data: { image: named.shown, repository },
        hadolint: messageId === 'untagged' ? 'DL3006' : 'DL3007',
      });
    }
  },
};
