import { eol } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { lineContentEnd, lineOf } from '../model/lines';
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
    const from = stage.from;
    const line = lineOf(model.lineStarts, from.end > from.start ? from.end - 1 : from.start);
    const nl = eol(model);
    const text = `${from.indent}ENV CONDA_PREFIX="${prefix}"`;
    const next = model.lineStarts[line + 1];
    const edit =
      next === undefined
        ? { start: lineContentEnd(model.lineStarts, model.text, line), end: lineContentEnd(model.lineStarts, model.text, line), newText: nl + text }
        : { start: next, end: next, newText: text + nl };
    report({
      span: stage.imageSpan ?? from.keywordSpan,
      messageId: 'notSet',
      fixes: [{ title: condaPrefixNotSet.meta.messages.fix.replace('{prefix}', prefix), safety: 'unsafe', edits: [edit] }],
    });
  },
};
