// Where conda lives in an image and whether an image is conda-based: shared by
// the rules on conda activate and on CONDA_PREFIX.
import type { Catalogue } from '../../catalogue/catalogue';
import { baseName, CONDA, callsIn, unwrap } from '../../engine/commands';
import { instructionProperties, stageChain } from '../../model/scope';
import type { DockerfileModel, InstructionNode, Stage } from '../../model/types';

const DEFAULT_CONDA_ROOT = '/opt/conda';

/** The instructions of a stage and the stages under it, oldest first, up to `before` when given. */
function instructionsSeen(model: DockerfileModel, stage: Stage, before?: InstructionNode): InstructionNode[] {
  const seen: InstructionNode[] = [];
  for (const s of stageChain(model, stage).reverse()) {
    for (const node of s.instructions) {
      if (s === stage && before && node.start >= before.start) break;
      seen.push(node);
    }
  }
  return seen;
}

/** The ENV values a stage sets (with those of the stages under it), literal values only. */
export function envSet(model: DockerfileModel, stage: Stage, before?: InstructionNode): Map<string, string> {
  const env = new Map<string, string>();
  for (const node of instructionsSeen(model, stage, before)) {
    if (node.keyword !== 'ENV') continue;
    for (const p of instructionProperties(node)) env.set(p.name, (p.value ?? '').replace(/^"(.*)"$/, '$1'));
  }
  return env;
}

/** What the catalogue knows of the image at the bottom of a stage's chain. */
export function baseImageOf(model: DockerfileModel, catalogue: Catalogue, stage: Stage) {
  const chain = stageChain(model, stage);
  const root = chain[chain.length - 1];
  return root.resolvedImage === null ? null : catalogue.lookup(root.resolvedImage);
}

/** Whether a stage uses conda: a conda base image, or conda, mamba or micromamba in a RUN. */
export function usesConda(model: DockerfileModel, catalogue: Catalogue, stage: Stage): boolean {
  if (baseImageOf(model, catalogue, stage)?.packageManagers.includes('conda')) return true;
  return instructionsSeen(model, stage).some((node) => node.run && callsIn(node, CONDA).length > 0);
}

const LITERAL_FOLDER = /^\/[^$:"'\s]*[^/$:"'\s]$/;

/**
 * The folder conda is installed in, as the Dockerfile or its base image says:
 * CONDA_DIR or MAMBA_ROOT_PREFIX, `-p` of a Miniconda/Miniforge installer, the
 * folder of a conda binary run by its path, else /opt/conda.
 */
export function condaRoot(model: DockerfileModel, catalogue: Catalogue, stage: Stage, before?: InstructionNode): string {
  const env = new Map([...Object.entries(baseImageOf(model, catalogue, stage)?.env ?? {}), ...envSet(model, stage, before)]);
  for (const name of ['CONDA_DIR', 'MAMBA_ROOT_PREFIX']) {
    const value = env.get(name);
    if (value && LITERAL_FOLDER.test(value)) return value;
  }
  for (const node of instructionsSeen(model, stage, before)) {
    for (const command of node.run?.commands ?? []) {
      const words = unwrap(command);
      const installer = words.findIndex((w) => /(conda|forge|mamba)[^/]*\.sh$/i.test(w.value));
      const prefix = installer >= 0 ? words.findIndex((w, i) => i > installer && w.value === '-p') : -1;
      if (prefix >= 0 && LITERAL_FOLDER.test(words[prefix + 1]?.value ?? '')) return words[prefix + 1].value;
      const tool = words[0]?.value ?? '';
      const bin = /^(\/.+)\/(?:condabin|bin)\/(?:conda|mamba)$/.exec(tool);
      if (bin && CONDA.names.test(baseName(tool))) return bin[1];
    }
  }
  return DEFAULT_CONDA_ROOT;
}

/** The prefix of a named environment under a conda root; `base` is the root itself. */
export function envPrefix(root: string, env: string): string {
  return env === 'base' ? root : `${root}/envs/${env}`;
}
