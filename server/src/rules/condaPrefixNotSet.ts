import type { Rule } from '../engine/rule';
import { addInstructionFix } from './support/insertLine';
import { baseImageOf, condaRoot, envSet, usesConda } from './support/conda';

/** `/opt/conda/envs/NAME/bin` at the front of PATH: the environment the image runs in. */
function activeEnvironment(path: string | undefined, root: string): string | null {
  const first = path?.split(':')[0];
  return first && first.startsWith(`${root}/envs/`) && first.endsWith('/bin') ? first.slice(0, -'/bin'.length) : null;
}

export const condaPrefixNotSet: Rule = {
  meta: {
    id: 'conda-prefix-not-set',
    title: 'A conda-based image without ENV CONDA_PREFIX',
    severity: 'hint',
    category: 'conda',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      notSet: 'This image runs conda but does not set CONDA_PREFIX: conda activate does not carry into the container, so set it with ENV ("this one is always good to have").',
      fix: 'Add ENV CONDA_PREFIX="{prefix}" after FROM',
    },
  },
  check({ model, catalogue, report }) {
    const stage = model.stages[model.stages.length - 1];
    if (!stage || !usesConda(model, catalogue, stage)) return;
    const env = envSet(model, stage);
    if (env.has('CONDA_PREFIX') || baseImageOf(model, catalogue, stage)?.env.CONDA_PREFIX !== undefined) return;
    const root = condaRoot(model, catalogue, stage);
    const prefix = activeEnvironment(env.get('PATH'), root) ?? root;
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'notSet',
      fixes: addInstructionFix(model, stage.from, `ENV CONDA_PREFIX="${prefix}"`, condaPrefixNotSet.meta.messages.fix.replace('{prefix}', prefix), 'unsafe'),
    });
  },
};
