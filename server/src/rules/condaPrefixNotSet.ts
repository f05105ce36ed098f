import { formatMessage, type Rule } from '../engine/rule';
import { stageChain } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { addInstructionFix } from './support/insertLine';
import { baseImageOf, condaFacts, condaRoot, CondaStages, usesConda, type CondaFacts } from './support/conda';

/** `/opt/conda/envs/NAME/bin` at the front of PATH: the environment the image runs in. */
function activeEnvironment(path: string | undefined, root: string): string | null {
  const first = path?.split(':')[0];
  return first && first.startsWith(`${root}/envs/`) && first.endsWith('/bin') ? first.slice(0, -'/bin'.length) : null;
}

/** What one instruction tells: conda facts, or an ENTRYPOINT, which activates an environment or not. */
interface PrefixFact {
  conda: CondaFacts | null;
  /** For an ENTRYPOINT: whether it activates an environment (`conda run -n app`, `micromamba run`, `source activate`). */
  entrypoint: { activates: boolean } | null;
}

const ACTIVATES = /\b(conda|mamba|micromamba)(\.exe)?\s+(run|activate)\b|\bsource\s+activate\b|(^|\/)_entrypoint\.sh\b/;

function readPrefixFact(node: InstructionNode): PrefixFact | null {
  const conda = condaFacts(node);
  const entrypoint = node.keyword === 'ENTRYPOINT' ? { activates: ACTIVATES.test(node.args.map((a) => a.value.replace(/^\[?"?|"?,?\]?$/g, '')).join(' ')) } : null;
  return conda || entrypoint ? { conda, entrypoint } : null;
}

export const condaPrefixNotSet: Rule<PrefixFact> = {
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
  collect: readPrefixFact,
  check({ model, catalogue, report, collected }) {
    const stage = model.stages[model.stages.length - 1];
    if (!stage) return;
    // Only the final stage and the stages it builds on say what the image runs.
    const chain = new Set(stageChain(model, stage).map((s) => s.index));
    const stages = new CondaStages(model);
    // The last ENTRYPOINT of the chain, if any: where it activates an environment, CONDA_PREFIX is set at run time.
    let entrypoint: { activates: boolean } | null = null;
    for (const { node, fact } of collected) {
      if (!chain.has(node.stage)) continue;
      if (fact.conda) stages.visit(node, fact.conda);
      if (fact.entrypoint) entrypoint = fact.entrypoint;
    }
    const seen = stages.end(stage.index);
    if (!usesConda(model, catalogue, stage, seen)) return;
    const base = baseImageOf(model, catalogue, stage);
    if (seen.env.has('CONDA_PREFIX') || base?.env.CONDA_PREFIX !== undefined) return;
    if (entrypoint ? entrypoint.activates : base?.activatesConda) return;
    const root = condaRoot(model, catalogue, stage, seen);
    const prefix = activeEnvironment(seen.env.get('PATH'), root) ?? root;
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'notSet',
      fixes: addInstructionFix(model, stage.from, `ENV CONDA_PREFIX="${prefix}"`, formatMessage(condaPrefixNotSet.meta.messages.fix, { prefix }), 'unsafe'),
    });
  },
};
