import type { Rule } from '../engine/rule';
import { instructionProperties, stageChain } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { finalStage, isScratch, stageBase } from './support/baseImage';
import { addInstructionFix } from './support/insertLine';

const LOCALE = ['LANG', 'LC_ALL'];

function setsLocale(node: InstructionNode): boolean {
  return node.keyword === 'ENV' && instructionProperties(node).some((p) => LOCALE.includes(p.name));
}

export const localeNotSet: Rule = {
  meta: {
    id: 'locale-not-set',
    title: 'Neither LANG nor LC_ALL set for the final image',
    severity: 'hint',
    category: 'environment',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      unset: 'Neither LANG nor LC_ALL is set in this image{base}: some programs then warn or misbehave, at build and at run time. Set ENV LANG="C.UTF-8" LC_ALL="C.UTF-8".',
      fix: 'Add ENV LANG="C.UTF-8" LC_ALL="C.UTF-8" (it changes the running container)',
    },
  },
  check({ model, catalogue, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const chain = stageChain(model, stage);
    if (chain.some((s) => s.instructions.some(setsLocale))) return;
    const base = stageBase(model, catalogue, stage);
    if (base.root.resolvedImage !== null && isScratch(base.root.resolvedImage)) return;
    if (base.known && LOCALE.some((name) => base.known!.env[name] !== undefined)) return;
    // The lesson puts the locale at the beginning, beside DEBIAN_FRONTEND when the stage sets it.
    const frontend = stage.instructions.find((i) => i.keyword === 'ENV' && instructionProperties(i).some((p) => p.name === 'DEBIAN_FRONTEND'));
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'unset',
      data: { base: base.known ? ` (nor by ${base.image})` : '' },
      fixes: addInstructionFix(model, frontend ?? stage.from, 'ENV LANG="C.UTF-8" LC_ALL="C.UTF-8"', localeNotSet.meta.messages.fix, 'unsafe'),
    });
  },
};
