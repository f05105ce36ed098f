// What a stage starts from: the image at the root of its chain of stages and
// what the base-image catalogue knows of it. Rules on ENV, the OS family and
// the default command ask here, so that a stage built FROM an earlier stage
// is judged by the image under the whole chain.
import type { BaseImage, Catalogue } from '../../catalogue/catalogue';
import { stageChain } from '../../model/scope';
import type { DockerfileModel, Span, Stage } from '../../model/types';

export interface StageBase {
  /** The first stage of the chain, the one built FROM an image. */
  root: Stage;
  /** That image with global ARG defaults substituted; null when unknown. */
  image: string | null;
  /** What the catalogue knows of the image; null when it does not know it. */
  known: BaseImage | null;
}

export function stageBase(model: DockerfileModel, catalogue: Catalogue, stage: Stage): StageBase {
  const chain = stageChain(model, stage);
  const root = chain[chain.length - 1];
  const image = root.resolvedImage;
  return { root, image, known: image === null || isScratch(image) ? null : catalogue.lookup(image) };
}

export function isScratch(image: string): boolean {
  return image.trim().toLowerCase() === 'scratch';
}

/** The image a stage's FROM names, for rules that judge the image itself (its tag, its registry). */
export interface NamedImage {
  /** With global ARG defaults substituted. */
  resolved: string;
  /** As a message names it: as written, and by its ARG default when an ARG stands in it. */
  shown: string;
  /** Where the FROM writes it. */
  span: Span;
}

/** Null where there is no image to judge: a stage name, an ARG without a default, scratch. */
export function namedImage(stage: Stage): NamedImage | null {
  const { resolvedImage: resolved, imageSpan: span } = stage;
  if (stage.baseStage !== null || resolved === null || !span || resolved === '' || isScratch(resolved)) return null;
  return { resolved, span, shown: resolved === stage.image ? `'${stage.image}'` : `'${stage.image}' (by its ARG default, '${resolved}')` };
}

/** Whether apt may run in the stage: a Debian or Ubuntu image, or one the catalogue does not know. */
export function mayBeDebianFamily(base: StageBase): boolean {
  const os = base.known?.os;
  return os === undefined || os === null || os === 'debian' || os === 'ubuntu';
}

export function finalStage(model: DockerfileModel): Stage | null {
  return model.stages[model.stages.length - 1] ?? null;
}
