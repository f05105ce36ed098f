// Generate lockfile: the lesson's prepare4.sh / prepare3.sh as one call. The
// requirements are resolved inside the Dockerfile's base image (or a stage of
// it, built first), with the folder mounted read-only, so that the pins fit the
// image's Python and platform rather than the host's. The CLI and the VS Code
// command both call generateLock, then writeLockfile.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../model/build';
import { condaRequirements, condaRequirementsText } from './condaExport';
import { EngineError, type ContainerEngine } from './engine';
import { findLockInput } from './lockInput';
import { checkLabel, dateLabel, lockHeader, lockfileName, pinsFromCompiled, pinsFromFreeze, pinsFromReport, requirementsBody, withArchiveHashes, type LockStrategy } from './lockfile';
import { MOUNT, NO_CONDA, defaultStrategy, pipAtLeast, probeCommand, strategyCommand, toolVersions, type ImageTools, type LockInput } from './lockTools';
import { buildStage, removeImage } from './stageImage';

/** The lock could not be made for a reason the user's files or image give (not a usage error): the message says which. */
export class LockError extends Error {}

/** The lockfile exists and the caller did not allow overwriting it. */
export class LockfileExists extends Error {}

export interface LockOptions {
  engine: ContainerEngine;
  dockerfile: string;
  strategy?: LockStrategy;
  label?: string;
  platform?: string;
  hashes: boolean;
  indexUrl: string | null;
  /** Passed as they are to `docker run` (the user's `docker.runArgs` and `--docker-arg`s). */
  runArgs: readonly string[];
  /** Passed as they are to `docker build` when the base is a stage that must be built first. */
  buildArgs: readonly string[];
  signal?: AbortSignal;
  now?: Date;
  /** Asked once the lockfile's name is known, before anything is resolved: may it be written? */
  mayWrite?: (file: string) => boolean | Promise<boolean>;
  onProgress?: (message: string) => void;
  /** The tools' own output (pip's progress and errors), as it comes. */
  onOutput?: (chunk: string) => void;
}

export interface LockResult {
  /** The lockfile's path, beside the Dockerfile. */
  file: string;
  text: string;
  strategy: LockStrategy;
  input: LockInput;
  image: string;
  /** The names pinned, for the Dockerfile rewrite. */
  names: string[];
  notes: string[];
}

const NOT_FOUND = /executable file not found|not found in \$PATH|no such file or directory|executable file `[^`]*` not found/i;

/** The image the lock runs in: the final stage's FROM, or the earlier stage it names (which must be built). */
export function lockBase(text: string): { image: string } | { stage: string } {
  const model = buildModel(text);
  const stage = model.stages[model.stages.length - 1];
  if (!stage) throw new LockError('the Dockerfile has no FROM: there is no base image to lock in');
  if (stage.baseStage !== null) return { stage: model.stages[stage.baseStage].name ?? String(stage.baseStage) };
  if (!stage.resolvedImage) throw new LockError(`the final stage's FROM ${stage.image} uses an ARG with no default: give it one, so the lock knows which image to run`);
  return { image: stage.resolvedImage };
}

/** The tool's own error: from pip's first `ERROR:` line (or uv's `error:`, conda's message) on, with the warning before it; else its last lines. */
function toolErrors(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trimEnd());
  const first = lines.findIndex((l) => /^(ERROR|error|CondaError|PackagesNotFoundError)\b/.test(l) || /^\s*×/.test(l));
  // pip's last warning before its error says why an index gave nothing (a refused connection, a certificate).
  const warning = first > 0 ? lines.slice(0, first).filter((l) => /^WARNING:/.test(l) && !/running pip as the 'root' user/i.test(l)).pop() : undefined;
  const pick = first >= 0 ? [...(warning ? [warning] : []), ...lines.slice(first)] : lines.filter((l) => l.trim()).slice(-8);
  return pick.filter((l) => l.trim()).slice(0, 20).join('\n');
}

async function probe(o: LockOptions, image: string): Promise<{ python: string; tools: ImageTools }> {
  for (const python of ['python3', 'python']) {
    const command = probeCommand(python);
    try {
      const { stdout } = await o.engine.runContainer(image, command.args, {
        entrypoint: command.entrypoint,
        runArgs: o.runArgs,
        platform: o.platform,
        signal: o.signal,
        timeoutMs: 10 * 60_000,
      });
      return { python, tools: JSON.parse(stdout.trim().split('\n').pop() ?? '') as ImageTools };
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'failed' && NOT_FOUND.test(e.stderr)) continue;
      if (e instanceof SyntaxError) throw new LockError(`the image's Python did not answer the probe as expected: ${e.message}`);
      throw e;
    }
  }
  throw new LockError(`the image ${image} has no Python (neither python3 nor python is on its PATH): a lock is made with the Python the image runs, so install Python in it first`);
}

async function digestOf(o: LockOptions, image: string): Promise<{ digest: string; platform: string }> {
  const { stdout } = await o.engine.run(['image', 'inspect', '--format', '{{json .RepoDigests}}|{{.Id}}|{{.Os}}/{{.Architecture}}', image], { signal: o.signal, timeoutMs: 60_000 });
  const [digests, id, platform] = stdout.trim().split('|');
  let repoDigests: string[] = [];
  try {
    repoDigests = (JSON.parse(digests) as string[] | null) ?? [];
  } catch {
    // No digests: the image ID stands in.
  }
  return { digest: repoDigests[0] ?? `image ID ${id}`, platform };
}

function checkStrategy(strategy: LockStrategy, tools: ImageTools, image: string, hashes: boolean): void {
  const needPip = strategy === 'report' || strategy === 'freeze' || strategy === 'pip-compile';
  if (needPip && !tools.pip) throw new LockError(`the image ${image} has Python ${tools.python} but no pip: install pip in the image (python3-pip, or python3 -m ensurepip), or use --strategy conda in a conda image`);
  if (strategy === 'report' && !pipAtLeast(tools.pip!, 22, 2)) throw new LockError(`pip ${tools.pip} in ${image} has no --report (pip 22.2 and later): use --strategy freeze`);
  if (strategy === 'freeze' && !pipAtLeast(tools.pip!, 19, 2)) throw new LockError(`pip ${tools.pip} in ${image} cannot list a folder's packages (pip freeze --path, pip 19.2 and later)`);
  if (strategy === 'pip-compile' && !tools.pipCompile) throw new LockError(`the image ${image} has no pip-compile on its PATH: use --strategy report, or install pip-tools in the image first`);
  if (strategy === 'uv' && !tools.uv) throw new LockError(`the image ${image} has no uv on its PATH: use --strategy report, or install uv in the image first`);
  if (strategy === 'conda' && !tools.conda) throw new LockError(`the image ${image} has no conda: use --strategy report for pip`);
  if (hashes && strategy === 'conda') throw new LockError('--generate-hashes needs a pip strategy: conda lockfiles carry builds, not hashes');
}

export async function generateLock(o: LockOptions): Promise<LockResult> {
  const dockerfile = path.resolve(o.dockerfile);
  let text: string;
  try {
    text = fs.readFileSync(dockerfile, 'utf8');
  } catch (e) {
    throw new LockError(`cannot read ${o.dockerfile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const label = checkLabel(o.label ?? dateLabel(o.now ?? new Date()));
  if (o.strategy === 'conda' && o.hashes) throw new LockError('--generate-hashes needs a pip strategy: conda lockfiles carry builds, not hashes');
  // Read the input before anything runs: a missing requirements.in costs no container.
  let input = await findLockInput(dockerfile, o.strategy === 'conda' ? 'conda' : 'pip').catch(async (e) => {
    if (o.strategy) throw e;
    // No pip input, but an environment.yml: the conda strategy is the one that fits.
    return findLockInput(dockerfile, 'conda').catch(() => Promise.reject(e));
  });
  const base = lockBase(text);
  let image: string;
  let built: string | null = null;
  if ('stage' in base) {
    o.onProgress?.(`building stage ${base.stage}`);
    built = await buildStage(o.engine, { dockerfile, target: base.stage, buildArgs: o.buildArgs, platform: o.platform, signal: o.signal, onOutput: o.onOutput });
    image = built;
  } else {
    image = base.image;
  }
  try {
    o.onProgress?.(`looking at the Python in ${image}`);
    const { python, tools } = await probe(o, image);
    const strategy = o.strategy ?? defaultStrategy(input, tools);
    if (strategy === 'conda' && input.kind === 'pyproject') input = await findLockInput(dockerfile, 'conda');
    if (strategy !== 'conda' && input.kind === 'environment') throw new LockError(`${input.file} is conda's input: use --strategy conda, or write the pip packages to requirements.in`);
    checkStrategy(strategy, tools, image, o.hashes);
    const name = lockfileName(strategy, label);
    const file = path.join(path.dirname(dockerfile), name);
    if (o.mayWrite && !(await o.mayWrite(file))) throw new LockfileExists(`${name} exists already beside ${o.dockerfile}`);
    o.onProgress?.(`resolving ${input.file} with ${strategy}`);
    const command = strategyCommand(strategy, { python, executable: tools.executable, input, indexUrl: o.indexUrl, hashes: o.hashes });
    let stdout: string;
    try {
      ({ stdout } = await o.engine.runContainer(image, command.args, {
        entrypoint: command.entrypoint,
        mounts: [{ source: path.dirname(dockerfile), target: MOUNT, readOnly: true }],
        workdir: MOUNT,
        runArgs: o.runArgs,
        platform: o.platform,
        signal: o.signal,
        onStderr: o.onOutput,
      }));
    } catch (e) {
      // The engine answered the probe: a failure now is the tool's, whose own error the user needs.
      if (e instanceof EngineError && (e.kind === 'failed' || e.kind === 'down')) {
        const tool = strategy === 'conda' ? 'conda' : strategy === 'uv' ? 'uv' : strategy === 'pip-compile' ? 'pip-compile' : 'pip';
        if (strategy === 'conda' && e.code === NO_CONDA) throw new LockError(`the image ${image} has no conda`);
        throw new LockError(`${tool} could not resolve ${input.file} in ${image}:\n${toolErrors(e.stderr)}`);
      }
      throw e;
    }
    const { digest, platform } = await digestOf(o, image);
    const notes: string[] = [];
    let body: string;
    let names: string[];
    if (strategy === 'conda') {
      const conda = condaRequirements(stdout);
      if (conda.pipPackages.length) notes.push(`the environment also has pip packages, which conda install --file cannot take and which are not in ${name}: ${conda.pipPackages.join(', ')}`);
      body = condaRequirementsText(conda);
      names = conda.packages.map((p) => p.split('=')[0]);
    } else {
      const pins = strategy === 'report' ? pinsFromReport(stdout) : strategy === 'freeze' ? withArchiveHashes(pinsFromFreeze(stdout), stdout) : pinsFromCompiled(stdout);
      body = requirementsBody(pins, o.hashes);
      names = pins.map((p) => p.name);
    }
    if (names.length === 0) throw new LockError(`${input.file} resolved to nothing to install: name the packages to lock in it`);
    if (built) notes.push(`resolved in stage ${(base as { stage: string }).stage}, built for the lock and removed after`);
    const header = lockHeader({
      file: name,
      image: built ? `stage ${(base as { stage: string }).stage} of ${path.basename(dockerfile)}` : image,
      imageDigest: digest,
      platform: o.platform ?? platform,
      strategy,
      tools: toolVersions(strategy, tools),
      date: o.now ?? new Date(),
      indexUrl: o.indexUrl,
      input: input.file,
      hashes: o.hashes,
    });
    return { file, text: header + body, strategy, input, image, names, notes };
  } finally {
    if (built) await removeImage(o.engine, built);
  }
}

/**
 * Writes a file (a lockfile, a rewritten Dockerfile) through a temporary file in the same folder, so that a
 * reader never sees half of it. Without `overwrite`, an existing file is kept:
 * link() fails rather than replace it, even when one appeared meanwhile.
 */
export function writeAtomically(file: string, text: string, overwrite: boolean): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(temp, text);
  try {
    if (overwrite) {
      fs.renameSync(temp, file);
      return;
    }
    try {
      fs.linkSync(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new LockfileExists(`${path.basename(file)} exists already`);
      throw e;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
