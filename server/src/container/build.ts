// Build image: `docker build` (or `podman build`) with the user's tag,
// target, build args and extra CLI arguments, its output streamed and its
// current step told as it goes. Cancelling stops the CLI; the engine then
// stops the build and `--force-rm` removes its intermediate container.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainerEngine, EngineError } from './engine';

export interface BuildOptions {
  dockerfile: string;
  /** The context folder; the Dockerfile's folder by default. */
  context?: string;
  tag: string;
  target?: string;
  /** Build args to pass (`--build-arg K=V`): only those the user set. */
  buildArgs?: Record<string, string>;
  /** Extra arguments as they are (`layerwise.docker.buildArgs`, `--docker-arg`). */
  extraArgs?: readonly string[];
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
  /** "Step 2/3 : RUN apt-get update" as each step starts. */
  onStep?: (step: string) => void;
}

export interface BuildResult {
  tag: string;
  /** Wall time of the docker process, and of the whole call. */
  dockerMs: number;
  totalMs: number;
}

/** A step line in the classic builder's, BuildKit's and buildah's output. */
const STEP = /^(?:Step \d+\/\d+ : .*|#\d+ \[[^\]]*\d+\/\d+\] .*|STEP \d+(?:\/\d+)?: .*)$/;

export function buildArguments(options: BuildOptions): string[] {
  const args = ['build', '--force-rm', '-f', path.resolve(options.dockerfile), '-t', options.tag];
  if (options.target) args.push('--target', options.target);
  for (const [k, v] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push(...(options.extraArgs ?? []), path.resolve(options.context ?? path.dirname(options.dockerfile)));
  return args;
}

export async function buildImage(engine: ContainerEngine, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const context = path.resolve(options.context ?? path.dirname(options.dockerfile));
  if (!fs.existsSync(options.dockerfile)) throw new EngineError('failed', `no Dockerfile at ${options.dockerfile}`);
  if (!fs.statSync(context, { throwIfNoEntry: false })?.isDirectory()) throw new EngineError('failed', `the context folder ${context} does not exist`);
  let lastStep = '';
  let partial = '';
  const onChunk = (chunk: string) => {
    options.onOutput?.(chunk);
    const lines = (partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (STEP.test(line.trim())) {
        lastStep = line.trim();
        options.onStep?.(lastStep);
      }
    }
  };
  const args = buildArguments(options);
  const dockerStart = performance.now();
  try {
    // A build may take long: no timeout of ours, the user cancels.
    await engine.run(args, { signal: options.signal, onStdout: onChunk, onStderr: onChunk, maxOutput: 1024 * 1024 });
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed' && lastStep) {
      throw new EngineError('failed', `the build failed at ${lastStep}\n${e.message}`, e.stderr, e.code);
    }
    throw e;
  }
  const dockerMs = performance.now() - dockerStart;
  return { tag: options.tag, dockerMs, totalMs: performance.now() - started };
}
