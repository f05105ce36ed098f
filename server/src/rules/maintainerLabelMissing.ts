import { formatMessage, type Rule } from '../engine/rule';
import { instructionProperties, stageChain } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { finalStage } from './support/baseImage';
import { addInstructionFix, quoted } from './support/insertLine';

/** Label keys that say who maintains the image; Docker label keys are case-sensitive, but any case shows intent. */
const AUTHOR_KEYS = new Set(['maintainer', 'org.opencontainers.image.authors']);

/** The placeholder where the client does not know the user's e-mail: plainly not a real address. */
const PLACEHOLDER_EMAIL = 'you@example.com';

function namesAuthor(node: InstructionNode): boolean {
  // MAINTAINER names the author too; maintainer-deprecated turns it into the label.
  if (node.keyword === 'MAINTAINER') return true;
  return node.keyword === 'LABEL' && instructionProperties(node).some((p) => AUTHOR_KEYS.has(p.name.replace(/^["']|["']$/g, '').toLowerCase()));
}

export const maintainerLabelMissing: Rule<true> = {
  meta: {
    id: 'maintainer-label-missing',
    title: 'Final image without a maintainer label',
    severity: 'hint',
    category: 'metadata',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      missing: 'This image does not say who maintains it: add LABEL maintainer="<e-mail>" (or org.opencontainers.image.authors) so that its users know whom to ask.',
      fix: 'Add LABEL maintainer="{email}"',
      fixPlaceholder: 'Add LABEL maintainer="{email}" (replace the placeholder with your e-mail)',
    },
  },
  collect(node) {
    return namesAuthor(node) ? true : null;
  },
  check({ model, facts, report, collected }) {
    const stage = finalStage(model);
    if (!stage) return;
    // Labels of the stages the final one is built FROM are inherited; a base image's own label names its maintainer, not you.
    const chain = new Set(stageChain(model, stage).map((s) => s.index));
    if (collected.some(({ node }) => chain.has(node.stage))) return;
    const email = facts.authorEmail?.trim() || PLACEHOLDER_EMAIL;
    const template = email === PLACEHOLDER_EMAIL ? maintainerLabelMissing.meta.messages.fixPlaceholder : maintainerLabelMissing.meta.messages.fix;
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'missing',
      fixes: addInstructionFix(model, stage.from, `LABEL maintainer=${quoted(email, model.escape, true)}`, formatMessage(template, { email }), 'unsafe'),
    });
  },
};
