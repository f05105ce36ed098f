// The lesson's practice 3 as a fix: `ARG TOOL_VERSION="2.0"` just before the
// instruction, and `$TOOL_VERSION` where the version was written. The default
// build stays identical: the ARG's default is the version, and its name is
// one that no ARG or ENV of the file or its base images already uses.
import type { Catalogue } from '../../catalogue/catalogue';
import { eol, indentOf, lineInsertionPoint } from '../../engine/edits';
import { formatMessage, type Fix, type TextEdit } from '../../engine/rule';
import { lineContentEnd } from '../../model/lines';
import { instructionProperties, type Binding } from '../../model/scope';
import { sameItems } from '../../model/same';
import type { DockerfileModel, InstructionNode, Word } from '../../model/types';

/** ENV that common base images set; an ARG of the same name would be overridden by it. */
const BASE_IMAGE_ENV = [
  'PYTHON_VERSION', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_SHA256', 'CUDA_VERSION',
  'NCCL_VERSION', 'CUDNN_VERSION', 'NV_CUDA_LIB_VERSION', 'JAVA_VERSION', 'NODE_VERSION', 'YARN_VERSION',
  'GOLANG_VERSION', 'RUBY_VERSION', 'CONDA_VERSION', 'MAMBA_VERSION', 'MINIFORGE_VERSION', 'R_VERSION',
  'JULIA_VERSION', 'TENSORFLOW_VERSION', 'PYTORCH_VERSION',
];

/** The ARG and ENV names one instruction declares (an ONBUILD's trigger too), or null for none. */
export function namesDeclared(node: InstructionNode): DeclaredNames | null {
  const inst = node.trigger ?? node;
  if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') return null;
  const names = instructionProperties(inst).map((p) => p.name);
  return inst.keyword === 'ARG' ? { args: names, env: [] } : { args: [], env: names };
}

export interface DeclaredNames {
  args: readonly string[];
  env: readonly string[];
}

/** The names a new ARG must not take (`all`), and those an ENV sets, which would override an ARG (`env`). */
export interface TakenNames {
  all: ReadonlySet<string>;
  env: ReadonlySet<string>;
}

/** Every ARG and ENV name the file declares, from each instruction's namesDeclared, and the ENV of its known base images. */
export function takenNames(model: DockerfileModel, catalogue: Catalogue, declared: readonly DeclaredNames[]): TakenNames {
  if (last && last.catalogue === catalogue && sameItems(last.declared, declared) && sameImages(last.images, model)) return last.taken;
  const env = new Set(BASE_IMAGE_ENV);
  for (const stage of model.stages) {
    const known = stage.resolvedImage ? catalogue.lookup(stage.resolvedImage) : null;
    for (const name of Object.keys(known?.env ?? {})) env.add(name);
  }
  const all = new Set(env);
  for (const names of declared) {
    for (const name of names.env) env.add(name);
    for (const name of [...names.env, ...names.args]) all.add(name);
  }
  last = { catalogue, declared, images: model.stages.map((s) => s.resolvedImage), taken: { all, env } };
  return last.taken;
}

/**
 * The last answer, kept while what it was made of stays the same: the names of
 * an instruction an edit did not touch are the same objects (collect's facts
 * stay with the node), so most keystrokes find them all unchanged.
 */
let last: { catalogue: Catalogue; declared: readonly DeclaredNames[]; images: Array<string | null>; taken: TakenNames } | null = null;

function sameImages(images: ReadonlyArray<string | null>, model: DockerfileModel): boolean {
  if (images.length !== model.stages.length) return false;
  for (let i = 0; i < images.length; i++) if (images[i] !== model.stages[i].resolvedImage) return false;
  return true;
}

/** `astropy` → `ASTROPY_VERSION`; a name a shell variable can have, and no clash. */
function stemOf(subject: string): string {
  const stem = subject.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return !stem || /^\d/.test(stem) ? `PKG_${stem}`.replace(/_+$/, '') : stem;
}

export interface VersionArg {
  name: string;
  /** True when an ARG in scope already holds the version, so none is added. */
  reused: boolean;
  /**
   * The ARG line that an earlier fix in the stage adds for the same version: this fix adds it too, so that it
   * stands alone, and the two never apply in one pass (their insertions meet), so the later pass reuses it.
   */
  declaredBy?: TextEdit;
}

/** The names that the fixes of one pass add, so that two new ARGs never share one. */
export class PendingNames {
  private readonly claimed = new Set<string>();
  /** The next number to try for each name, so that claiming stays cheap in long files. */
  private readonly next = new Map<string, number>();

  /**
   * The first of `names` that nothing has taken; past them, the first with a number after it. A number is the
   * last resort: `NUMPY_VERSION_2` reads like "NumPy 2", and `PYTHON_VERSION_2` like "Python 2".
   */
  claim(names: readonly string[], taken: ReadonlySet<string>): string {
    const free = names.find((n) => !taken.has(n) && !this.claimed.has(n));
    if (free) {
      this.claimed.add(free);
      return free;
    }
    const base = names[0];
    let n = this.next.get(base) ?? 2;
    while (taken.has(`${base}_${n}`) || this.claimed.has(`${base}_${n}`)) n++;
    this.next.set(base, n);
    this.claimed.add(`${base}_${n}`);
    return `${base}_${n}`;
  }
}

/**
 * The ARG to hold a version: one in scope that holds it already, or a new name that clashes with nothing. Where
 * `NUMPY_VERSION` is taken (by another ARG, or by the base image's ENV, as `PYTHON_VERSION` is in `python`), the
 * name says whose version it is: the tool that installs it (`CONDA_PYTHON_VERSION`), then the stage
 * (`BUILD_NUMPY_VERSION`), each of `qualifiers` in turn.
 */
export function versionArg(
  target: InstructionNode,
  subject: string,
  version: string,
  /** The ARGs the instruction sees, as argsInScope gives them. */
  scope: ReadonlyMap<string, Binding>,
  pending: PendingNames,
  taken: TakenNames,
  qualifiers: ReadonlyArray<string | null> = [],
): VersionArg {
  const base = `${stemOf(subject)}_VERSION`;
  const names = [base, ...qualifiers.filter((q): q is string => !!q).map((q) => `${stemOf(q)}_${base}`)];
  // An ONBUILD trigger runs in another build, where this file's ARGs are not declared.
  const reused = target.onbuild ? null : reusableArg(scope, names, version, taken.env);
  if (reused) return { name: reused, reused: true };
  return { name: pending.claim(names, taken.all), reused: false };
}

/** Where a value's character stands in the document, when the word is plain or wholly in double quotes. */
function documentOffset(model: DockerfileModel, word: Word, index: number): number | null {
  if (model.text.slice(word.start, word.end) !== word.raw) return null;
  if (word.raw === word.value) return word.start + index;
  const quoted = word.raw.length === word.value.length + 2 && word.raw.startsWith('"') && word.raw.endsWith('"');
  return quoted && word.raw.slice(1, -1) === word.value ? word.start + 1 + index : null;
}

/** Where the ARG goes: just above the instruction, and above the ignore pragmas that must stay on it. Pin fixes share it. */
export function insertionOffset(model: DockerfileModel, node: InstructionNode): number {
  const { text, lineStarts } = model;
  let line = node.line;
  while (line > 0 && /^\s*#\s*(layerwise-ignore|hadolint\s+ignore)\b/.test(text.slice(lineStarts[line - 1], lineContentEnd(lineStarts, text, line - 1)))) line--;
  return lineStarts[line];
}

/** An ARG already in scope that holds this very version, with no ENV of its name to override it. */
function reusableArg(scope: ReadonlyMap<string, Binding>, names: readonly string[], version: string, envNames: ReadonlySet<string>): string | null {
  const numbered = `${names[0]}_`;
  for (const [name, binding] of scope) {
    if (binding.value === version && (names.includes(name) || name.startsWith(numbered)) && !envNames.has(name)) return name;
  }
  return null;
}

export interface VersionUse {
  word: Word;
  /** Offsets within the word's value where the version is written. */
  at: number[];
  /**
   * How many of the version's last components are left out there: 1 where a
   * RUN writes `5.4` of version `5.4.0` (ParaView's `files/v5.4/` folder).
   * The fix writes `${NAME%.*}` there, which the RUN's shell cuts to `5.4`.
   */
  cut?: number;
}

/**
 * The fix: an ARG holding `version` before the instruction that carries
 * `target` (an ONBUILD gets an ONBUILD ARG), and the ARG in place of each use.
 * Null where a variable would not expand: the exec form, single quotes, a
 * quoted heredoc delimiter.
 */
export function moveVersionToArg(model: DockerfileModel, target: InstructionNode, arg: VersionArg, version: string, uses: VersionUse[], title: string): Fix | null {
  if (!/^[A-Za-z0-9.+~:_*-]+$/.test(version)) return null;
  const run = target.run;
  if (run?.form === 'exec') return null;
  if (run?.form === 'heredoc' && /<<-?\s*['"\\]/.test(model.text.slice(run.script.start, run.script.end))) return null;
  if (target.keyword === 'ADD' && target.args.some((a) => a.value.startsWith('['))) return null;
  const { name } = arg;
  const edits: TextEdit[] = [];
  for (const { word, at, cut } of uses) {
    // Only a shell cuts a variable's value (`${NAME%.*}`): Docker's own expansion, in ADD and the rest, may not.
    if (cut && run?.form !== 'shell') return null;
    const length = cut ? version.split('.').slice(0, -cut).join('.').length : version.length;
    for (const index of at) {
      const start = documentOffset(model, word, index);
      if (start === null) return null;
      // `astropy==$ASTRO_VERSION` as the lesson writes it; braces where text follows.
      const ref = cut ? `\${${name}%${'.*'.repeat(cut)}}` : index + version.length === word.value.length ? `$${name}` : `\${${name}}`;
      edits.push({ start, end: start + length, newText: ref });
    }
  }
  if (arg.reused) return { title: formatMessage(title, { name }), safety: 'safe', edits, instructionsAdded: 0 };
  const carrier = target.onbuild ?? target;
  const keyword = target.onbuild ? 'ONBUILD ARG' : 'ARG';
  const at = lineInsertionPoint(model, insertionOffset(model, carrier));
  edits.push(arg.declaredBy ?? { start: at, end: at, newText: `${indentOf(carrier)}${keyword} ${name}="${version}"${eol(model)}` });
  return { title: formatMessage(title, { name }), safety: 'safe', edits, instructionsAdded: 1 };
}
