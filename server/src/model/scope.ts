// What ARG and ENV values an instruction sees: ARGs declared in its stage
// before it (a global ARG only once redeclared there), and ENVs set in its
// stage or in any stage it builds FROM, directly or not.
import { instructionProperties as properties } from './properties';
import type { DockerfileModel, InstructionNode, Stage } from './types';

export interface Binding {
  value: string | null;
  node: InstructionNode;
}

/** Each global ARG's default, with the ARGs before it expanded in it, as the builder does (`ARG IMAGE=$REGISTRY/img`). */
function globalDefaults(globalArgs: InstructionNode[]): Map<string, string | null> {
  const defaults = new Map<string, string | null>();
  for (const arg of globalArgs) {
    for (const p of properties(arg)) defaults.set(p.name, p.value !== null && p.value.includes('$') ? expand(p.value, defaults) : p.value);
  }
  return defaults;
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` replaced by global ARG defaults; null when one has none. */
export function substituteArgs(value: string, globalArgs: InstructionNode[]): string | null {
  if (!value.includes('$')) return value;
  return expand(value, globalDefaults(globalArgs));
}

function expand(value: string, defaults: ReadonlyMap<string, string | null>): string | null {
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, alt, bare) => {
    const name = braced ?? bare;
    const v = defaults.get(name);
    if (op === '-') return v ? v : alt;
    if (op === '+') return v ? alt : '';
    if (v === undefined || v === null) {
      unknown = true;
      return '';
    }
    return v;
  });
  return unknown ? null : out;
}

/** The chain of stages `stage` builds on, itself first. */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.baseStage === null ? undefined : model.stages[s.baseStage]) {
    chain.push(s);
  }
  return chain;
}

/** Stages whose files end up in the final image: the last stage and those it is built FROM. */
export function stagesInFinalImage(model: DockerfileModel): Set<number> {
  const last = model.stages[model.stages.length - 1];
  return new Set(last ? stageChain(model, last).map((s) => s.index) : []);
}

/** ENV values `node` sees, from its stage and the stages under it. */
export function envInScope(model: DockerfileModel, node: InstructionNode): Map<string, Binding> {
  const env = new Map<string, Binding>();
  const stage = model.stages[node.stage];
  if (!stage) return env;
  const chain = stageChain(model, stage).reverse();
  for (const s of chain) {
    for (const inst of s.instructions) {
      if (s === stage && inst.start >= node.start) break;
      if (inst.keyword !== 'ENV') continue;
      for (const p of properties(inst)) env.set(p.name, { value: p.value, node: inst });
    }
  }
  return env;
}

/** ARG values `node` sees: those declared in its stage before it. */
export function argsInScope(model: DockerfileModel, node: InstructionNode): Map<string, Binding> {
  const args = new Map<string, Binding>();
  const stage = model.stages[node.stage];
  if (!stage) return args;
  const defaults = globalDefaults(model.globalArgs);
  for (const inst of stage.instructions) {
    if (inst.start >= node.start) break;
    declareArgs(args, inst, defaults);
  }
  return args;
}

function declareArgs(args: Map<string, Binding>, inst: InstructionNode, defaults: ReadonlyMap<string, string | null>): void {
  if (inst.keyword !== 'ARG') return;
  for (const p of properties(inst)) args.set(p.name, { value: p.value ?? defaults.get(p.name) ?? null, node: inst });
}

/**
 * argsInScope for a walk down the instructions in document order, built as the
 * walk goes instead of once per instruction from the top of its stage. The walk
 * must pass every ARG of a stage to `passed`; `args` is then what argsInScope
 * gives for the next instruction.
 */
export class ArgsWalk {
  readonly args = new Map<string, Binding>();
  private readonly defaults: ReadonlyMap<string, string | null>;
  private stage = Number.NaN;

  constructor(model: DockerfileModel) {
    this.defaults = globalDefaults(model.globalArgs);
  }

  /** Moves the walk to `node`: a node of another stage starts that stage's ARGs afresh. */
  reach(node: InstructionNode): void {
    if (node.stage === this.stage) return;
    this.stage = node.stage;
    this.args.clear();
  }

  /** Counts `node`'s ARGs in for the instructions after it (before the first FROM, none: those are defaults). */
  passed(node: InstructionNode): void {
    if (node.stage >= 0) declareArgs(this.args, node, this.defaults);
  }
}

/** Every name an instruction's RUN sees in its environment, set by ENV or ARG. */
export function variablesInScope(model: DockerfileModel, node: InstructionNode): Map<string, Binding> {
  const vars = envInScope(model, node);
  for (const [name, binding] of argsInScope(model, node)) if (!vars.has(name)) vars.set(name, binding);
  return vars;
}

export { properties as instructionProperties };
