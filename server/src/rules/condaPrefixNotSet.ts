import type { Rule } from '../engine/rule';
import { stageChain } from '../model/scope';
import { addInstructionFix } from './support/insertLine';
import { baseImageOf, condaFacts, condaRoot, CondaStages, usesConda, type CondaFacts } from './support/conda';

/** `/opt/conda/envs/NAME/bin` at the front of PATH: the environment the image runs in. */
function activeEnvironment(path: string | undefined, root: string): string | null {
  const first = path?.split(':')[0];
  return first && first.startsWith(`${root}/envs/`) && first.endsWith('/bin') ? first.slice(0, -'/bin'.length) : null;
}

export const condaPrefixNotSet: Rule<CondaFacts> = {
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
  collect: condaFacts,
  check({ model, catalogue, report, collected }) {
    const stage = model.stages[model.stages.length - 1];
    if (!stage) return;
    // Only the final stage and the stages it builds on say what the image runs.
    const chain = new Set(stageChain(model, stage).map((s) => s.index));
    const stages = new CondaStages(model);
    for (const { node, fact } of collected) if (chain.has(node.stage)) stages.visit(node, fact);
    const seen = stages.end(stage.index);
    if (!usesConda(model, catalogue, stage, seen)) return;
    if (seen.env.has('CONDA_PREFIX') || baseImageOf(model, catalogue, stage)?.env.CONDA_PREFIX !== undefined) return;
    const root = condaRoot(model, catalogue, stage, seen);
    const prefix = activeEnvironment(seen.env.get('PATH'), root) ?? root;
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'notSet',
      fixes: addInstructionFix(model, stage.from, `ENV CONDA_PREFIX="${prefix}"`, condaPrefixNotSet.meta.messages.fix.replace('{prefix}', prefix), 'unsafe'),
    });
  },
};
