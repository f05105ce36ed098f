// Walks over what a rule collected, in the shapes checks need: the collected
// instructions are in document order, and a stage's instructions stand
// together, so a check reads them stage by stage without asking the model.
import type { Collected } from '../../engine/rule';
import { stagesInFinalImage } from '../../model/scope';
import type { DockerfileModel } from '../../model/types';

/** The collected instructions of each stage in turn (those before the first FROM as stage -1). */
export function* byStage<F>(collected: ReadonlyArray<Collected<F>>): Generator<{ stage: number; entries: Array<Collected<F>> }> {
  let i = 0;
  while (i < collected.length) {
    const stage = collected[i].node.stage;
    let end = i + 1;
    while (end < collected.length && collected[end].node.stage === stage) end++;
    yield { stage, entries: collected.slice(i, end) };
    i = end;
  }
}

/**
 * The collected instructions of the stages whose files reach the final image, in order: where the cleanup rules
 * look, since a stage only copied from leaves no cache in the image. An array, not a generator: the rules that ask
 * walk all they collected at every keystroke, and a generator allocates an object per entry.
 */
export function inFinalImage<F>(model: DockerfileModel, collected: ReadonlyArray<Collected<F>>): Array<Collected<F>> {
  const inImage = stagesInFinalImage(model);
  return collected.filter((entry) => inImage.has(entry.node.stage));
}
