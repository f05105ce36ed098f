// Builds a Dockerfile, or one stage of it (`--target`), under a tag of our own,
// for the commands that run something inside it (lock, env-diff), and removes
// that image afterwards. The classic builder's intermediate images are not a
// contract, so a stage boundary is always a build of its own.
import { randomBytes } from 'node:crypto';
import { buildImage } from './build';
import type { ContainerEngine } from './engine';

export interface StageBuild {
  dockerfile: string;
  /** The stage's name; the whole Dockerfile when absent. */
  target?: string;
  /** The user's extra build arguments (`docker.buildArgs`, `--docker-arg`), passed as they are. */
  buildArgs: readonly string[];
  platform?: string;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

/** Builds and returns the image's unique tag; the caller removes it with removeImage. */
export async function buildStage(engine: ContainerEngine, b: StageBuild): Promise<string> {
  const tag = `layerwise-tmp/${b.target ? b.target.toLowerCase().replace(/[^a-z0-9._-]+/g, '-') : 'image'}:${randomBytes(6).toString('hex')}`;
  try {
    // Build image's own build: the same arguments, and a failure names the step that failed.
    await buildImage(engine, { dockerfile: b.dockerfile, tag, target: b.target, platform: b.platform, extraArgs: b.buildArgs, signal: b.signal, onOutput: b.onOutput });
  } catch (e) {
    // A build cancelled after its last step may have tagged the image already.
    await removeImage(engine, tag);
    throw e;
  }
  return tag;
}

export async function removeImage(engine: ContainerEngine, tag: string): Promise<void> {
  try {
    await engine.run(['image', 'rm', '-f', tag], { timeoutMs: 60_000 });
  } catch {
    // Never built, or already gone.
  }
}
