// What counts as cleaning up, and which earlier RUN made what is cleaned:
// shared by the rules on apt lists and on cleanup in a separate layer.
import { APT, baseName, CONDA, PIP, readCall, removedPaths, unwrap, ZYPPER, type ToolCall } from '../../engine/commands';
import { Slot } from '../../model/slots';
import type { DockerfileModel, InstructionNode, ShellCommand } from '../../model/types';
import { madePaths } from './madePaths';
import { memoizeByObject } from './memo';

/** What a cleanup command cleans: a package manager's caches, or a folder. */
export type Resource = { kind: 'apt' | 'conda' | 'pip' | 'yum' | 'apk' | 'zypper' } | { kind: 'path'; path: string };

const APT_PATHS = /^\/var\/(lib\/apt\/lists|cache\/apt)(\/\*?)?$/;
// conda's package cache wherever the install put it: /opt/conda, ~/miniconda3, /opt/miniforge3, $CONDA_DIR, $MAMBA_ROOT_PREFIX…
const CONDA_PATHS = /^(\/opt\/conda|.*(conda|forge|mamba)[^/]*|\$\{?(CONDA_DIR|CONDA_PREFIX|MAMBA_ROOT_PREFIX)\}?)\/pkgs(\/\*?)?$/i;
const PIP_PATHS = /^(\/root|~|\$HOME)\/\.cache(\/pip)?(\/\*?)?$/;
const YUM_PATHS = /^\/var\/cache\/(yum|dnf)(\/\*?)?$/;
const ZYPPER_PATHS = /^\/var\/cache\/zypp(\/\*?)?$/;

/** A `zypper clean` (or `cc`) in the command, if any. */
export function zypperClean(command: ShellCommand): ToolCall | null {
  const call = readCall(command, ZYPPER);
  return call && ['clean', 'cc'].includes(call.subcommand?.value ?? '') ? call : null;
}

export function isAptListsPath(path: string): boolean {
  return /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(path);
}

/** Removing `/tmp/x/*` or `/tmp/x/` removes what was made at `/tmp/x`. */
export function normalisePath(path: string): string {
  return path.replace(/\/\*$/, '').replace(/\/+$/, '') || '/';
}

/** The resources one command cleans, or null when it does something else. */
export const cleanedBy: (command: ShellCommand) => Resource[] | null = memoizeByObject(readCleanup);

function readCleanup(command: ShellCommand): Resource[] | null {
  const words = unwrap(command);
  if (words.length === 0) return null;
  const name = baseName(words[0].value);
  if (name === 'cd' && words.length <= 2) return [];
  // A test guards the cleanup (`[ -e /tmp/build ] && rm -rf /tmp/build`) and changes nothing.
  if (name === '[' || name === '[[' || name === 'test') return [];
  const apt = readCall(command, APT);
  // `apt-get dist-clean` (apt 2.7) removes the lists along with the archives.
  if (apt && ['clean', 'autoclean', 'distclean', 'dist-clean'].includes(apt.subcommand?.value ?? '')) return [{ kind: 'apt' }];
  if (apt && apt.subcommand?.value === 'purge' && apt.operands.length === 0) return [{ kind: 'apt' }];
  const conda = readCall(command, CONDA);
  if (conda && conda.subcommand?.value === 'clean') return [{ kind: 'conda' }];
  const pip = readCall(command, PIP);
  if (pip && pip.subcommand?.value === 'cache' && ['purge', 'remove'].includes(pip.operands[0]?.value ?? '')) return [{ kind: 'pip' }];
  if ((name === 'yum' || name === 'dnf') && words[1]?.value === 'clean') return [{ kind: 'yum' }];
  if (name === 'apk' && words[1]?.value === 'cache' && words[2]?.value === 'clean') return [{ kind: 'apk' }];
  // Any `zypper clean`: whether it cleans all of the cache (`--all`) is the cache rule's question.
  if (zypperClean(command)) return [{ kind: 'zypper' }];
  // `rm -rf DIR`, and `rm FILE` too: a file removed in a RUN of its own is waste all the same.
  const removed = removedPaths(command) ?? (name === 'rm' ? words.slice(1).filter((w) => !w.value.startsWith('-')).map((w) => w.value) : null);
  if (!removed || removed.length === 0) return null;
  return removed.map((p): Resource => {
    if (APT_PATHS.test(p)) return { kind: 'apt' };
    if (CONDA_PATHS.test(p)) return { kind: 'conda' };
    if (PIP_PATHS.test(p)) return { kind: 'pip' };
    if (YUM_PATHS.test(p)) return { kind: 'yum' };
    if (ZYPPER_PATHS.test(p)) return { kind: 'zypper' };
    return { kind: 'path', path: normalisePath(p) };
  });
}

/**
 * A script of the project's own whose name says it cleans (`yum_clean_all`, `/usr/local/bin/apt-cleanup.sh`):
 * the package manager its name gives, `any` where it names none, or null for any other command.
 */
export function cleanupScriptOf(command: ShellCommand): Resource['kind'] | 'any' | null {
  const words = unwrap(command);
  const name = words[0] ? baseName(words[0].value) : '';
  if (!/clean/i.test(name) || readCall(command, APT) || readCall(command, CONDA) || readCall(command, PIP) || /^(yum|dnf|microdnf|apk|zypper)$/.test(name)) return null;
  if (/yum|dnf/i.test(name)) return 'yum';
  if (/zypp/i.test(name)) return 'zypper';
  if (/apt/i.test(name)) return 'apt';
  if (/conda|mamba/i.test(name)) return 'conda';
  if (/pip/i.test(name)) return 'pip';
  if (/apk/i.test(name)) return 'apk';
  return 'any';
}

const touched = new Slot<InstructionNode, Map<string, boolean>>();

/** Whether a RUN uses or makes what the resource names; kept per node, as it depends only on the RUN's words. */
export function touches(node: InstructionNode, resource: Resource): boolean {
  let known = touched.get(node);
  if (!known) touched.set(node, (known = new Map()));
  const key = resource.kind === 'path' ? `path:${resource.path}` : resource.kind;
  let answer = known.get(key);
  if (answer === undefined) known.set(key, (answer = readTouches(node, resource)));
  return answer;
}

function readTouches(node: InstructionNode, resource: Resource): boolean {
  const run = node.run;
  if (!run) return false;
  for (const command of run.commands) {
    const words = unwrap(command);
    const name = words[0] ? baseName(words[0].value) : '';
    switch (resource.kind) {
      case 'apt':
        if (readCall(command, APT) || name === 'dpkg' || name === 'add-apt-repository') return true;
        break;
      case 'conda':
        if (readCall(command, CONDA)) return true;
        break;
      case 'pip':
        if (readCall(command, PIP)) return true;
        break;
      case 'yum':
        if (name === 'yum' || name === 'dnf' || name === 'microdnf') return true;
        break;
      case 'apk':
        if (name === 'apk') return true;
        break;
      case 'zypper':
        if (name === 'zypper') return true;
        break;
      case 'path':
        // Made there, not only read from there: a RUN that copies out of /tmp/x did not leave /tmp/x behind. A
        // path below a folder the RUN made counts only where the RUN names it (`mkdir build`, `-B build`): what a
        // clone or an archive holds is not known (a fresh clone of qiskit-aer has no _skbuild).
        return madePaths(node).some((made) => made === resource.path || made.startsWith(resource.path + '/') || (resource.path.startsWith(made + '/') && namesBelow(node, made, resource.path)));
    }
  }
  return false;
}

/** Whether the RUN names the part of `path` right below the folder `made` (`build` of /opt/src/build) in a word. */
function namesBelow(node: InstructionNode, made: string, path: string): boolean {
  const below = path.slice(made.length + 1).split('/')[0];
  return (node.run?.commands ?? []).some((c) => c.words.some((w) => w.value.split(/[/=]/).includes(below)));
}

/** Whether the RUN made a folder that holds the path, without naming the path: it may or may not have made it. */
function madeAbove(node: InstructionNode, resource: Resource): boolean {
  return resource.kind === 'path' && node.run !== null && madePaths(node).some((made) => resource.path.startsWith(made + '/'));
}

/**
 * Whether a COPY or ADD writes into the folder: its destination is the path or below it (`COPY --from=builder
 * /tmp/ /tmp/`, then `RUN rm -rf /tmp/*`). What it wrote stays in its layer, as a RUN's files do.
 */
function copiesInto(node: InstructionNode, resource: Resource): boolean {
  if (resource.kind !== 'path' || (node.keyword !== 'COPY' && node.keyword !== 'ADD')) return false;
  const destination = node.args.filter((a) => !a.value.startsWith('--')).at(-1);
  if (!destination || destination.expands || !destination.value.startsWith('/')) return false;
  const path = normalisePath(destination.value);
  return path === resource.path || path.startsWith(resource.path + '/');
}

/** Whether a non-RUN instruction writes into or moves into the folder. */
function mentionsPath(node: InstructionNode, path: string): boolean {
  return node.args.some((a) => a.value === path || a.value.startsWith(path + '/'));
}

export interface CleanupRun {
  /** The cleanup RUN (an ONBUILD's trigger, for ONBUILD RUN). */
  node: InstructionNode;
  /** The cleanup commands, with the resource each cleans. */
  commands: Array<{ command: ShellCommand; resources: Resource[] }>;
  /** The earlier RUN (or COPY or ADD) that made what is cleaned, when all commands share one. */
  maker: InstructionNode | null;
  /** Every earlier RUN, COPY or ADD that made some of it; none when only a folder holding it is known to be made (a clone). */
  makers: InstructionNode[];
  /** Whether the cleanup can move into the maker without changing what other instructions see. */
  movable: boolean;
}

/** The commands of a RUN that only cleans up, with what each cleans (commands that clean nothing, such as `cd`, left out). */
export type CleanupCommands = CleanupRun['commands'];

/**
 * A RUN's cleanup commands when it does nothing but clean up, else null: a pure function of the instruction's
 * own text, which a rule's `collect` may keep (it holds only the node's own commands).
 */
export const cleanupCommands: (node: InstructionNode) => CleanupCommands | null = memoizeByObject(readCleanupCommands);

function readCleanupCommands(node: InstructionNode): CleanupCommands | null {
  // An ONBUILD RUN is read as the RUN it becomes in the child image's build.
  const run = node.run ?? node.trigger?.run;
  if (!run || run.form === 'exec' || run.commands.length === 0) return null;
  const commands: CleanupCommands = [];
  for (const command of run.commands) {
    const resources = cleanedBy(command);
    if (resources === null) return null;
    if (resources.length > 0) commands.push({ command, resources });
  }
  return commands.length > 0 ? commands : null;
}

/** The cleanup RUN at `position` of its stage, with the earlier RUNs that made what it cleans; null when one has no maker. */
function cleanupRunAt(instructions: InstructionNode[], position: number, commands: CleanupCommands): CleanupRun | null {
  const node = instructions[position];
  const makers: InstructionNode[] = [];
  let movable = true;
  for (const { resources } of commands) {
    for (const resource of resources) {
      let maker: InstructionNode | null = null;
      for (let k = position - 1; k >= 0 && !maker; k--) {
        const earlier = instructions[k];
        if (resource.kind === 'path' && !earlier.run && mentionsPath(earlier, resource.path)) movable = false;
        if (earlier.run ? touches(earlier, resource) : copiesInto(earlier, resource)) maker = earlier;
      }
      if (maker) {
        if (!makers.includes(maker)) makers.push(maker);
        continue;
      }
      // Below a folder an earlier RUN made (a clone), which may or may not hold it: the RUN still saves nothing,
      // but which layer holds the files, if any, is not known, so nothing is moved.
      if (!instructions.slice(0, position).some((earlier) => madeAbove(earlier, resource))) return null;
      movable = false;
    }
  }
  const maker = makers.length === 1 ? makers[0] : null;
  // A relative path names the file only in the folder the maker ends in, which a `cd` in it may have changed.
  const relative = commands.some(({ resources }) => resources.some((r) => r.kind === 'path' && !r.path.startsWith('/') && !r.path.startsWith('$') && !r.path.startsWith('~')));
  if (maker && relative && maker.run?.commands.some((c) => ['cd', 'pushd', 'popd'].includes(c.words[0]?.value ?? ''))) movable = false;
  if (maker) {
    // A USER, WORKDIR or SHELL in between changes how the moved commands would run.
    const between = instructions.slice(instructions.indexOf(maker) + 1, position);
    if (between.some((i) => ['USER', 'WORKDIR', 'SHELL'].includes(i.keyword)) || maker.run?.form === 'exec') movable = false;
  }
  // A cleanup moves into a RUN only: none can be appended to a COPY.
  return { node, commands, maker, makers, movable: movable && maker !== null && maker.run !== null };
}

/** Where a node stands in its stage's instructions, which are in document order. */
function positionInStage(instructions: InstructionNode[], node: InstructionNode): number {
  let lo = 0;
  let hi = instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (instructions[mid].start < node.start) lo = mid + 1;
    else if (instructions[mid].start > node.start) hi = mid - 1;
    else return instructions[mid] === node ? mid : -1;
  }
  return -1;
}

const resolved = new WeakMap<DockerfileModel, Map<InstructionNode, CleanupRun | null>>();

/**
 * What a RUN that only cleans up (given its `cleanupCommands`) cleans up after: for rules that collect those and
 * so read back through the stage only from the cleanup RUNs (rare), not from every instruction.
 */
export function cleanupRunOf(model: DockerfileModel, node: InstructionNode, commands: CleanupCommands): CleanupRun | null {
  let known = resolved.get(model);
  if (!known) resolved.set(model, (known = new Map()));
  let found = known.get(node);
  if (found === undefined) {
    const instructions = model.stages[node.stage]?.instructions ?? [];
    const position = positionInStage(instructions, node);
    if (position < 0) found = null;
    else if (node.trigger) {
      // The triggers run one after the other in the child image's build, each a layer, after nothing else of
      // this stage: an ONBUILD RUN cleans up only after an earlier ONBUILD RUN.
      const triggers = instructions.slice(0, position + 1).flatMap((i) => (i.trigger ? [i.trigger] : []));
      found = cleanupRunAt(triggers, triggers.length - 1, commands);
    } else found = cleanupRunAt(instructions, position, commands);
    known.set(node, found);
  }
  return found;
}

/** A RUN's cleanup commands when it only cleans up and cleans `kind`'s files among them, else null: what a rule's collect keeps. */
export function cleanupOf(node: InstructionNode, kind: Resource['kind']): CleanupCommands | null {
  const commands = cleanupCommands(node);
  return commands?.some((k) => k.resources.some((r) => r.kind === kind)) ? commands : null;
}

/**
 * Whether a RUN is the one that a later cleanup-only RUN of its stage cleans up after: that RUN's
 * cleanup-in-separate-layer finding moves the cleanup into it, so it needs no fix of its own. Read back through
 * the stage only from the `cleanups` a rule collected, and only once a finding asks.
 */
export function cleanedUpLater(model: DockerfileModel, cleanups: ReadonlyArray<{ node: InstructionNode; commands: CleanupCommands }>): (run: InstructionNode) => boolean {
  let makers: Set<InstructionNode> | null = null;
  return (run) => {
    makers ??= new Set(cleanups.flatMap(({ node, commands }) => cleanupRunOf(model, node, commands)?.maker ?? []));
    return makers.has(run);
  };
}
