// Where conda lives in an image and whether an image is conda-based: shared by
// the rules on conda activate and on CONDA_PREFIX. Each instruction's part is
// read once (`condaFacts`, from a rule's collect); a rule's check then follows
// the facts of the instructions it collected stage by stage (`CondaStages`).
import type { Catalogue } from '../../catalogue/catalogue';
import { baseName, CONDA, callsIn, unwrap } from '../../engine/commands';
import { instructionProperties, stageChain } from '../../model/scope';
import type { DockerfileModel, InstructionNode, Stage, Word } from '../../model/types';
import { memoizeByObject } from './memo';

const DEFAULT_CONDA_ROOT = '/opt/conda';

/** The ENV names that say where conda is (CONDA_DIR, MAMBA_ROOT_PREFIX) or which environment is active. */
const ENV_NAMES = new Set(['CONDA_DIR', 'MAMBA_ROOT_PREFIX', 'CONDA_PREFIX', 'PATH']);

const LITERAL_FOLDER = /^\/[^$:"'\s]*[^/$:"'\s]$/;

/** What one instruction says about conda. */
export interface CondaFacts {
  /** The literal values an ENV sets for the names the conda rules read, in order. */
  env: Array<{ name: string; value: string }>;
  /** The folder the first command of a RUN that says so installs conda into (`-p`) or runs it from. */
  root: string | null;
  /** Whether a RUN calls conda, mamba or micromamba. */
  callsConda: boolean;
}

/** The folder a command installs conda into or runs it from, if it says. */
function rootNamedBy(words: Word[]): string | null {
  // Asked of every command of every new RUN: the cheap test first.
  const installer = words.findIndex((w) => w.value.endsWith('.sh') && /(conda|forge|mamba)[^/]*\.sh$/i.test(w.value));
  const prefix = installer >= 0 ? words.findIndex((w, i) => i > installer && w.value === '-p') : -1;
  if (prefix >= 0 && LITERAL_FOLDER.test(words[prefix + 1]?.value ?? '')) return words[prefix + 1].value;
  const tool = words[0]?.value ?? '';
  const bin = tool.startsWith('/') ? /^(\/.+)\/(?:condabin|bin)\/(?:conda|mamba)$/.exec(tool) : null;
  return bin && CONDA.names.test(baseName(tool)) ? bin[1] : null;
}

/** What an ENV or a RUN (not an ONBUILD one: it runs in another image) says about conda; null when nothing. */
export const condaFacts: (node: InstructionNode) => CondaFacts | null = memoizeByObject(readCondaFacts);

function readCondaFacts(node: InstructionNode): CondaFacts | null {
  if (node.keyword === 'ENV') {
    const env = instructionProperties(node)
      .filter((p) => ENV_NAMES.has(p.name))
      .map((p) => ({ name: p.name, value: (p.value ?? '').replace(/^"(.*)"$/, '$1') }));
    return env.length > 0 ? { env, root: null, callsConda: false } : null;
  }
  if (!node.run) return null;
  let root: string | null = null;
  for (const command of node.run.commands) if ((root = rootNamedBy(unwrap(command))) !== null) break;
  const callsConda = callsIn(node, CONDA).length > 0;
  return root !== null || callsConda ? { env: [], root, callsConda } : null;
}

/** What a stage, with the stages under it, has said about conda up to some instruction. */
export interface CondaSeen {
  /** The last value ENV gave each of the names the conda rules read. */
  env: Map<string, string>;
  /** The folder the oldest RUN that says so installs conda into or runs it from. */
  root: string | null;
  callsConda: boolean;
}

function copy(seen: CondaSeen): CondaSeen {
  return { env: new Map(seen.env), root: seen.root, callsConda: seen.callsConda };
}

/**
 * What each stage says about conda, built while a rule walks the instructions
 * it collected in document order: stages are contiguous and build only FROM
 * earlier stages, so a stage's base is complete by the time the stage starts.
 */
export class CondaStages {
  /** What each stage left behind it said by its end. */
  private readonly ended = new Map<number, CondaSeen>();
  private current: { stage: number; seen: CondaSeen } | null = null;

  constructor(private readonly model: DockerfileModel) {}

  /** What `stage` and the stages under it say before the next instruction visited. */
  seen(stage: number): CondaSeen {
    if (this.current?.stage !== stage) {
      if (this.current) this.ended.set(this.current.stage, this.current.seen);
      this.current = { stage, seen: this.start(stage) };
    }
    return this.current.seen;
  }

  /** Adds what an instruction says, once the rule has read what came before it. */
  visit(node: InstructionNode, facts: CondaFacts): void {
    // An instruction before the first FROM belongs to no stage's image.
    if (node.stage < 0) return;
    const seen = this.seen(node.stage);
    for (const { name, value } of facts.env) seen.env.set(name, value);
    seen.root ??= facts.root;
    seen.callsConda ||= facts.callsConda;
  }

  /** What a stage says by its end. */
  end(stage: number): CondaSeen {
    return this.current?.stage === stage ? this.current.seen : (this.ended.get(stage) ?? this.start(stage));
  }

  private start(stage: number): CondaSeen {
    const base = this.model.stages[stage]?.baseStage ?? null;
    return base === null ? { env: new Map(), root: null, callsConda: false } : copy(this.end(base));
  }
}

/** What the catalogue knows of the image at the bottom of a stage's chain. */
export function baseImageOf(model: DockerfileModel, catalogue: Catalogue, stage: Stage) {
  const chain = stageChain(model, stage);
  const root = chain[chain.length - 1];
  return root.resolvedImage === null ? null : catalogue.lookup(root.resolvedImage);
}

/** Whether a stage uses conda: a conda base image, or conda, mamba or micromamba in a RUN. */
export function usesConda(model: DockerfileModel, catalogue: Catalogue, stage: Stage, seen: CondaSeen): boolean {
  return (baseImageOf(model, catalogue, stage)?.packageManagers.includes('conda') ?? false) || seen.callsConda;
}

/**
 * The folder conda is installed in, as the Dockerfile or its base image says:
 * CONDA_DIR or MAMBA_ROOT_PREFIX, `-p` of a Miniconda/Miniforge installer, the
 * folder of a conda binary run by its path, else /opt/conda.
 */
export function condaRoot(model: DockerfileModel, catalogue: Catalogue, stage: Stage, seen: CondaSeen): string {
  const env = new Map([...Object.entries(baseImageOf(model, catalogue, stage)?.env ?? {}), ...seen.env]);
  for (const name of ['CONDA_DIR', 'MAMBA_ROOT_PREFIX']) {
    const value = env.get(name);
    if (value && LITERAL_FOLDER.test(value)) return value;
  }
  return seen.root ?? DEFAULT_CONDA_ROOT;
}

/** The prefix of a named environment under a conda root; `base` is the root itself. */
export function envPrefix(root: string, env: string): string {
  return env === 'base' ? root : `${root}/envs/${env}`;
}
