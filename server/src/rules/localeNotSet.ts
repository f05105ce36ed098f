import type { Rule } from '../engine/rule';
import { instructionProperties, stageChain } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { finalStage, isScratch, stageBase } from './support/baseImage';
import { addInstructionFix } from './support/insertLine';
import { stageOnWindows } from './support/shells';

const LOCALE = ['LANG', 'LC_ALL'];

/** What an ENV sets that the rule looks for: the locale, or DEBIAN_FRONTEND (which the fix puts the locale beside). */
interface EnvFact {
  locale: boolean;
  frontend: boolean;
}

function readEnv(node: InstructionNode): EnvFact | null {
  if (node.keyword !== 'ENV') return null;
  const names = instructionProperties(node).map((p) => p.name);
  const locale = names.some((name) => LOCALE.includes(name));
  const frontend = names.includes('DEBIAN_FRONTEND');
  return locale || frontend ? { locale, frontend } : null;
}

export const localeNotSet: Rule<EnvFact> = {
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
  collect: readEnv,
  check({ model, catalogue, report, collected }) {
    const stage = finalStage(model);
    if (!stage) return;
    const chain = new Set(stageChain(model, stage).map((s) => s.index));
    if (collected.some(({ node, fact }) => fact.locale && chain.has(node.stage))) return;
    const base = stageBase(model, catalogue, stage);
    if (base.root.resolvedImage !== null && isScratch(base.root.resolvedImage)) return;
    if (base.known && LOCALE.some((name) => base.known!.env[name] !== undefined)) return;
    // Windows reads no LANG: its locale is the system's.
    if (stageOnWindows(model, catalogue, stage)) return;
    // The lesson puts the locale at the beginning, beside DEBIAN_FRONTEND when the stage sets it.
    const frontend = collected.find(({ node, fact }) => fact.frontend && node.stage === stage.index)?.node;
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'unset',
      data: { base: base.known ? ` (nor by ${base.image})` : '' },
      fixes: addInstructionFix(model, frontend ?? stage.from, 'ENV LANG="C.UTF-8" LC_ALL="C.UTF-8"', localeNotSet.meta.messages.fix, 'unsafe'),
    });
  },
};
