import { splitImage } from '../catalogue/catalogue';
import type { Rule } from '../engine/rule';
import type { Copy } from 'dockerfile-ast';
import { namedImage } from './support/baseImage';

type ImageParts = ReturnType<typeof splitImage>;

/** A FROM's image as written, split once: most images name no ARG, so their parts need no reading on a keystroke. */
interface WrittenImage {
  image: string;
  parts: ImageParts;
  /** A `COPY --from=IMAGE` (`ghcr.io/astral-sh/uv:latest`, as uv's guide installs it). */
  copyFrom?: true;
}

export const imageTagNotPinned: Rule<WrittenImage> = {
  meta: {
    id: 'image-tag-not-pinned',
    title: 'FROM or COPY --from an image without a tag, or with the latest tag',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3006', 'DL3007'],
    fix: null,
    messages: {
      untagged: "{image} has no tag, so it means {repository}:latest: name a version, such as {repository}:<version>, so that a rebuild starts from the same image.",
      latest: "{image} uses the latest tag, which moves with every release: name a version so that a rebuild starts from the same image.",
      copyFrom: "COPY --from={image} copies from {repository}:{tag}, which moves with every release: name a version (such as ghcr.io/astral-sh/uv:0.5.11, as uv's Docker guide advises) so that a rebuild copies the same files.",
    },
  },
  // It reads only the FROMs it collected and their stages: a keystroke that changes no FROM keeps its findings.
  local: true,
  collect(node) {
    if (node.keyword === 'COPY') {
      // dockerfile-ast's arguments leave the flags out; only a COPY that may have one pays for reading them.
      // A flag stands between the keyword and the first argument, so a COPY without a gap there has none.
      const gap = node.args.length > 0 ? node.args[0].start - node.keywordSpan.end : 0;
      const image = gap > '--from='.length ? ((node.ast as Copy).getFromFlag()?.getValue() ?? null) : null;
      // A stage's name or index has no registry, tag or path: only a name with one of them is an image.
      return image && !image.includes('$') && /[/:.@]/.test(image) ? { image, parts: splitImage(image), copyFrom: true } : null;
    }
    if (node.keyword !== 'FROM') return null;
    const image = node.args.find((a) => !a.value.startsWith('--'))?.value ?? '';
    return { image, parts: splitImage(image) };
  },
  check({ model, report, collected }) {
    const stageNames = new Set(model.stages.map((st) => st.name));
    for (const { node, fact } of collected) {
      if (fact.copyFrom) {
        const { repository, tag, digest } = fact.parts;
        if (digest || stageNames.has(fact.image.toLowerCase()) || (tag !== null && tag !== 'latest')) continue;
        // The flag stands between the keyword and the first argument.
        const between = model.text.slice(node.keywordSpan.end, node.args[0].start);
        const at = node.keywordSpan.end + between.search(/--from=/i);
        const end = at + '--from='.length + fact.image.length;
        const span = model.text.slice(at, end).toLowerCase() === `--from=${fact.image}`.toLowerCase() ? { start: at, end } : node.keywordSpan;
        report({ span, messageId: 'copyFrom', data: { image: fact.image, repository, tag: tag ?? 'latest' } });
        continue;
      }
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
