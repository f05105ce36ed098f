// Capture environment changes: builds the Dockerfile (or one stage, with
// --target: the classic builder's intermediate images are not a contract),
// runs `env` in the stage's base image and in the built one with
// `--entrypoint env` so that no entrypoint script gets in the way, and, where
// bash exists, `bash -lc env` to see what profile files add. The image built
// for it is removed afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../model/build';
import { EngineError, type ContainerEngine } from './engine';
import { diffEnv, envLines, parseEnv, profileOnly, type Env, type EnvChange } from './envDiff';
import { buildStage, removeImage } from './stageImage';

export interface CaptureOptions {
  engine: ContainerEngine;
  dockerfile: string;
  /** The stage to capture (`--stage`); the final one when absent. */
  stage?: string;
  buildArgs: readonly string[];
  runArgs: readonly string[];
  platform?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  onOutput?: (chunk: string) => void;
}

export interface EnvCapture {
  /** The base image as written (or `stage NAME`). */
  base: string;
  /** The stage captured, by name, or null for the final unnamed one. */
  stage: string | null;
  /** What `docker run IMAGE` sees that the base did not set: the ENV instructions' work. */
  changes: EnvChange[];
  /** What only a login shell sees in the built image (profile files); null when the image has no bash. */
  profile: EnvChange[] | null;
  /** Where conda lives in the built image, when it does and CONDA_PREFIX is not set for `docker run`. */
  condaPrefix: string | null;
  /** The ENV lines that give `docker run` what only a login shell adds, CONDA_PREFIX included. */
  suggested: string[];
}

const NOT_FOUND = /executable file not found|not found in \$PATH|no such file or directory|executable file `[^`]*` not found/i;

async function envOf(o: CaptureOptions, image: string, login: boolean): Promise<Env | null> {
  try {
    const { stdout } = await o.engine.runContainer(image, login ? ['-lc', 'env'] : [], {
      entrypoint: login ? 'bash' : 'env',
      runArgs: o.runArgs,
      platform: o.platform,
      signal: o.signal,
      timeoutMs: 5 * 60_000,
    });
    return parseEnv(stdout);
  } catch (e) {
    // No bash (alpine, distroless) or no env at all (scratch): nothing to compare there.
    if (e instanceof EngineError && e.kind === 'failed' && NOT_FOUND.test(e.stderr)) return null;
    throw e;
  }
}

/** conda's prefix in the image, from the conda on its PATH (`/opt/conda/bin/conda` -> /opt/conda). */
async function condaPrefixOf(o: CaptureOptions, image: string): Promise<string | null> {
  try {
    const { stdout } = await o.engine.runContainer(image, ['-c', 'command -v conda || true'], { entrypoint: 'sh', runArgs: o.runArgs, platform: o.platform, signal: o.signal, timeoutMs: 5 * 60_000 });
    const conda = stdout.trim();
    return conda.startsWith('/') ? path.posix.dirname(path.posix.dirname(conda)) : null;
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed' && NOT_FOUND.test(e.stderr)) return null;
    throw e;
  }
}

export async function captureEnv(o: CaptureOptions): Promise<EnvCapture> {
  const dockerfile = path.resolve(o.dockerfile);
  const model = buildModel(fs.readFileSync(dockerfile, 'utf8'));
  const stage = o.stage ? model.stages.find((s) => s.name === o.stage!.toLowerCase()) : model.stages[model.stages.length - 1];
  if (!stage) {
    const names = model.stages.map((s) => s.name).filter(Boolean);
    throw new Error(o.stage ? `the Dockerfile has no stage named ${o.stage}${names.length ? ` (its stages: ${names.join(', ')})` : ''}` : 'the Dockerfile has no FROM');
  }
  const baseStage = stage.baseStage !== null ? model.stages[stage.baseStage] : null;
  if (!baseStage && !stage.resolvedImage) throw new Error(`FROM ${stage.image} uses an ARG with no default: give it one, so the base image is known`);
  const built: string[] = [];
  try {
    let base: string;
    if (baseStage) {
      o.onProgress?.(`building stage ${baseStage.name}, the base of the stage`);
      base = await buildStage(o.engine, { dockerfile, target: baseStage.name!, buildArgs: o.buildArgs, platform: o.platform, signal: o.signal, onOutput: o.onOutput });
      built.push(base);
    } else {
      base = stage.resolvedImage!;
    }
    o.onProgress?.(o.stage ? `building stage ${o.stage}` : `building ${path.basename(dockerfile)}`);
    const image = await buildStage(o.engine, { dockerfile, target: o.stage, buildArgs: o.buildArgs, platform: o.platform, signal: o.signal, onOutput: o.onOutput });
    built.push(image);
    o.onProgress?.('reading the environments');
    const basePlain = await envOf(o, base, false);
    const plain = await envOf(o, image, false);
    if (!basePlain || !plain) throw new Error(`the image has no env command to print its environment`);
    const login = await envOf(o, image, true);
    const baseLogin = login ? await envOf(o, base, true) : null;
    const profile = login ? profileOnly(plain, login, basePlain, baseLogin) : null;
    const prefix = plain.has('CONDA_PREFIX') ? null : (login?.get('CONDA_PREFIX') ?? (await condaPrefixOf(o, image)));
    // A login shell's value is worth an ENV where it adds to what docker run has (conda's PATH first), never where
    // it replaces it: Debian's /etc/profile resets PATH, and an ENV of that would lose the image's own entries.
    const vars = (profile ?? []).filter((c) => c.before === null || c.after!.includes(c.before)).map((c) => ({ name: c.name, value: c.after! }));
    if (prefix && !vars.some((v) => v.name === 'CONDA_PREFIX')) vars.push({ name: 'CONDA_PREFIX', value: prefix });
    return {
      base: baseStage ? `stage ${baseStage.name}` : base,
      stage: stage.name,
      changes: diffEnv(basePlain, plain),
      profile,
      condaPrefix: prefix,
      suggested: envLines(vars),
    };
  } finally {
    for (const tag of built) await removeImage(o.engine, tag);
  }
}

function show(c: EnvChange): string {
  if (c.before === null) return `  + ${c.name}=${c.after}`;
  if (c.after === null) return `  - ${c.name} (was ${c.before})`;
  return `  ~ ${c.name}=${c.after} (was ${c.before})`;
}

/** The capture as `layerwise env-diff` prints it and the editor's output shows it; `where` names the stage or file. */
export function formatCapture(capture: EnvCapture, where: string): string {
  const lines = [`Variables ${where} sets beyond ${capture.base} (docker run sees them):`];
  lines.push(...(capture.changes.length ? capture.changes.map(show) : ['  none']));
  if (capture.profile === null) {
    lines.push('No bash in the image: no login shell, so no profile files are read.');
  } else {
    lines.push('Variables only a login shell sees (bash -lc reads profile files; docker run IMAGE python and Singularity do not):');
    lines.push(...(capture.profile.length ? capture.profile.map(show) : ['  none']));
  }
  if (capture.suggested.length === 0) lines.push('Nothing to add as ENV.');
  else lines.push(`As ENV lines for ${where}:`, ...capture.suggested.map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}
