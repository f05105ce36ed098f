// Reading the packages that pip, apt and conda are asked to install: which
// operand names which package, and which version, if any, pins it. Shared by
// the pinning rules and the rule that moves written versions into ARGs.
import { APT, callsIn, CONDA, hasOption, PIP, PIPX, type ToolCall } from '../../engine/commands';
import type { RuleContext } from '../../engine/rule';
import { Slot } from '../../model/slots';
import type { InstructionNode, Word } from '../../model/types';

export type Manager = 'pip' | 'apt' | 'conda';

export interface PackageOperand {
  word: Word;
  manager: Manager;
  /** The package name as written, without extras, channel or architecture. */
  name: string;
  /** The version operator (`==`, `=`, `>=` …); null when none is written. */
  operator: string | null;
  /** The text after the operator; null when no version is written. */
  version: string | null;
  /** Where the version starts within the word's value. */
  versionAt: number;
}

/** A path, an archive or a URL: not a package name that a version could pin. */
function isFileOrUrl(value: string): boolean {
  return /^[./~]/.test(value) || value.includes('/') || /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|deb|conda)$/i.test(value);
}

/** A VCS requirement (`git+https://…@v1.2`) is pinned when it names a ref after the repository path. */
export function vcsPinned(value: string): boolean {
  const url = value.replace(/#.*$/, '');
  const path = url.slice(url.indexOf('://') + 3);
  const slash = path.indexOf('/');
  return slash >= 0 && path.indexOf('@', slash) > 0;
}

const PIP_SPEC = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(===|==|~=|!=|>=|<=|<|>|@)?\s*(.*)$/s;

/** The packages of one `pip install`: exempt are requirement and constraint files, paths, archives and VCS URLs with a ref. */
export function pipPackages(call: ToolCall): { packages: PackageOperand[]; unpinnedVcs: Word[] } {
  return pipSpecs(call.operands);
}

/** The packages among words that each hold one pip requirement. */
function pipSpecs(words: readonly Word[]): { packages: PackageOperand[]; unpinnedVcs: Word[] } {
  const packages: PackageOperand[] = [];
  const unpinnedVcs: Word[] = [];
  for (const word of words) {
    const v = word.value;
    // `git+https://…` and the direct reference `name @ git+https://…` are pinned by a ref.
    const vcs = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*@\s*)?((git|hg|svn|bzr)\+.*)$/s.exec(v);
    if (vcs) {
      if (!vcsPinned(vcs[1])) unpinnedVcs.push(word);
      continue;
    }
    if (isFileOrUrl(v) || v.includes('://')) continue;
    const m = PIP_SPEC.exec(v);
    if (!m) continue;
    const [, name, , operator = null, rest] = m;
    if (operator === null && (rest !== '' || word.expands)) continue;
    packages.push({ word, manager: 'pip', name, operator, version: operator ? rest : null, versionAt: v.length - rest.length });
  }
  return { packages, unpinnedVcs };
}

/** What a pip or pipx install asks for, read as the tool reads it. */
export interface PipRequirements {
  packages: PackageOperand[];
  unpinnedVcs: Word[];
  /**
   * A file decides the versions: a constraints file pins whatever the command names, and with a requirements
   * file pip's command is left alone, as hadolint leaves it. pipx passes `--pip-args` on to pip, and its
   * `--lock` installs what a lock file says.
   */
  fromFile: boolean;
}

/** The value of a pipx option given as `--opt value` or `--opt=value`; the first when repeated. */
function pipxOption(call: ToolCall, name: string): string | null {
  for (let k = 0; k < call.args.length; k++) {
    const v = call.args[k].value;
    if (v === name) return call.args[k + 1]?.value ?? null;
    if (v.startsWith(`${name}=`)) return v.slice(name.length + 1);
  }
  return null;
}

/**
 * The values of a pipx option, each time it is given: the word after `--opt`, or the part of `--opt=value`
 * after the `=`, as a word of its own where it stands (so that a pin lands inside it). A joined form whose
 * option is quoted (`"--spec=x"`) has no such place in the source and is left out.
 */
function pipxValues(call: ToolCall, name: string): Word[] {
  const joined = `${name}=`;
  return call.args.flatMap((w, k) => {
    if (w.value === name) return call.args[k + 1] ? [call.args[k + 1]] : [];
    if (!w.value.startsWith(joined) || !w.raw.startsWith(joined) || w.end - w.start !== w.raw.length) return [];
    return [{ value: w.value.slice(joined.length), raw: w.raw.slice(joined.length), expands: w.expands, start: w.start + joined.length, end: w.end }];
  });
}

/**
 * The requirements of a `pip install`, `pipx install` or `pipx inject` (pipx
 * reads each spec as pip does: https://pipx.pypa.io/stable/docs/). For pipx:
 * inject's first operand names the environment, not a package; install's
 * `--spec` (older pipx) holds the requirement, the operand only the app's
 * name; `--preinstall` adds packages; a constraints or requirements file
 * passed in `--pip-args` decides the versions, as it does for pip.
 */
export function pipRequirements(call: ToolCall): PipRequirements {
  if (call.name !== 'pipx') {
    return { ...pipPackages(call), fromFile: hasOption([...call.globalOptions, ...call.args], ['--constraint', '--requirement'], ['c', 'r']) };
  }
  const pipArgs = (pipxOption(call, '--pip-args') ?? '').split(/\s+/).filter((a) => a !== '');
  const fromFile = pipArgs.some((a) => /^(-[cr]|--constraint|--requirement)(=|$)|^-[cr]./.test(a)) || pipxOption(call, '--lock') !== null;
  const inject = call.subcommand?.value === 'inject';
  const spec = inject ? [] : pipxValues(call, '--spec');
  const named = spec.length > 0 ? spec : inject ? call.operands.slice(1) : call.operands;
  return { ...pipSpecs([...pipxValues(call, '--preinstall'), ...named]), fromFile };
}

/** The packages of one `apt-get install`: `.deb` files and paths are exempt. */
export function aptPackages(call: ToolCall): PackageOperand[] {
  const packages: PackageOperand[] = [];
  for (const word of call.operands) {
    const v = word.value;
    if (/^[./~]/.test(v) || /\.deb$/.test(v)) continue;
    const eq = v.indexOf('=');
    if (eq < 0 && word.expands) continue;
    // `pkg/bookworm-backports` names a release and `pkg:amd64` an architecture; neither pins a version.
    const name = (eq < 0 ? v : v.slice(0, eq)).replace(/\/.*$/, '').replace(/:[a-z0-9]+$/, '');
    if (!/^[a-z0-9][a-z0-9+.-]*$/i.test(name)) continue;
    packages.push({ word, manager: 'apt', name, operator: eq < 0 ? null : '=', version: eq < 0 ? null : v.slice(eq + 1), versionAt: eq + 1 });
  }
  return packages;
}

/** Options of conda, mamba and micromamba that take a value but that the shared spec does not list. */
const CONDA_VALUED = new Set(['--clone', '--revision', '--platform', '--subdir']);

const CONDA_SPEC = /^(?:[^\s:]+::)?([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(==|=|>=|<=|!=|~=|<|>)?\s*(.*)$/s;

/** The packages of one `conda install` or `create`: `--file` lists, paths and archives are exempt. */
export function condaPackages(call: ToolCall): PackageOperand[] {
  const packages: PackageOperand[] = [];
  const micromamba = call.name === 'micromamba';
  for (let k = 0; k < call.args.length; k++) {
    const word = call.args[k];
    const v = word.value;
    if (v.startsWith('-')) {
      // micromamba's `-f` reads a file, as conda's `--file` does.
      if (CONDA.valued!.has(v) || CONDA_VALUED.has(v) || (micromamba && v === '-f')) k++;
      continue;
    }
    if (isFileOrUrl(v) && !v.includes('::')) continue;
    const m = CONDA_SPEC.exec(v);
    if (!m) continue;
    const [, name, operator = null, rest] = m;
    if (operator === null && (rest !== '' || word.expands)) continue;
    packages.push({ word, manager: 'conda', name, operator, version: operator ? rest : null, versionAt: v.length - rest.length });
  }
  return packages;
}

export interface InstallCall {
  call: ToolCall;
  manager: Manager;
  packages: PackageOperand[];
}

// Keyed by the node: what it caches holds the node's own words, so it stays true as long as the node does.
const memo = new Slot<InstructionNode, InstallCall[]>();

/** Every pip (and pipx), apt and conda install in a RUN (or an ONBUILD RUN), with its packages; read once for all the rules. */
export function installsIn(node: InstructionNode): InstallCall[] {
  const cached = memo.get(node);
  if (cached) return cached;
  const found: InstallCall[] = [];
  memo.set(node, found);
  for (const call of callsIn(node, PIP)) {
    if (call.subcommand?.value !== 'install') continue;
    found.push({ call, manager: 'pip', packages: pipPackages(call).packages });
  }
  // pipx takes the same requirements as pip (hadolint's DL3013 reads `pipx install` as a pip too).
  for (const call of callsIn(node, PIPX)) {
    if (call.subcommand?.value !== 'install' && call.subcommand?.value !== 'inject') continue;
    found.push({ call, manager: 'pip', packages: pipRequirements(call).packages });
  }
  for (const call of callsIn(node, APT)) {
    if (call.subcommand?.value !== 'install') continue;
    found.push({ call, manager: 'apt', packages: aptPackages(call) });
  }
  for (const call of callsIn(node, CONDA)) {
    if (!['install', 'create'].includes(call.subcommand?.value ?? '')) continue;
    found.push({ call, manager: 'conda', packages: condaPackages(call) });
  }
  found.sort((a, b) => a.call.command.start - b.call.command.start);
  return found;
}

/** How many names a message lists before it says how many more there are. */
const LISTED = 4;

/**
 * Reports each install's unpinned packages as one finding over them, naming them: a long package list is one
 * decision, as for apt. For the rules whose collect keeps, per install, its unpinned operands.
 */
export function reportUnpinnedInstalls({ report, collected }: RuleContext<Word[][]>): void {
  for (const { fact } of collected) {
    for (const unpinned of fact) {
      report({ span: { start: unpinned[0].start, end: unpinned[unpinned.length - 1].end }, messageId: 'unpinned', data: { names: listedNames(unpinned.map((w) => ({ name: w.value }))) } });
    }
  }
}

/** The packages' names for a message: `'a', 'b', 'c', 'd' and 3 more`. */
export function listedNames(packages: ReadonlyArray<{ name: string }>): string {
  // A package named twice in one command (`gdb … gdb`) is one package.
  const unique = [...new Set(packages.map((p) => p.name))];
  const names = unique.slice(0, LISTED).map((n) => `'${n}'`).join(', ');
  return unique.length > LISTED ? `${names} and ${unique.length - LISTED} more` : names;
}

/** pip's `-U`/`--upgrade`. */
export function pipUpgrades(call: ToolCall): boolean {
  return hasOption(call.args, ['--upgrade'], ['U']);
}
