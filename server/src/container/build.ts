// Build image: `docker build` (or `podman build`) with the user's tag,
// target, build args and extra CLI arguments, its output streamed and its
// current step told as it goes. Cancelling stops the CLI; the engine then
// stops the build and `--force-rm` removes its intermediate container.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainerEngine, EngineError } from './engine';
import { formatBytes } from './units';

export interface BuildOptions {
  dockerfile: string;
  /** The context folder; the Dockerfile's folder by default. */
  context?: string;
  tag: string;
  target?: string;
  /** The platform to build for (`--platform`), as `docker run --platform` takes it. */
  platform?: string;
  /** Build args to pass (`--build-arg K=V`): only those the user set. */
  buildArgs?: Record<string, string>;
  /** Extra arguments as they are (`layerwise.docker.buildArgs`, `--docker-arg`). */
  extraArgs?: readonly string[];
  /** A buildx builder to build with instead of the engine's own builder. */
  builder?: string;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
  /** "Step 2/3 : RUN apt-get update" as each step starts. */
  onStep?: (step: string) => void;
}

/** A build that failed at one of its steps: the step, and the engine's error for it. */
export class BuildStepError extends EngineError {
  constructor(
    /** "Step 3/3 : RUN false", as the builder named it. */
    readonly step: string,
    /** The engine's last word: "The command '/bin/sh -c false' returned a non-zero code: 1". */
    readonly error: string,
    cause: EngineError,
  ) {
    super('failed', `the build failed at ${step}: ${error}`, cause.stderr, cause.code);
  }
}

/**
 * The error of a failed build: the last line the CLI wrote to stderr, in the classic builder's words
 * ("The command … returned a non-zero code: 1"), BuildKit's ("ERROR: failed to solve: …") and buildah's
 * ("Error: building at STEP …"). The lines before it are the CLI's notices (the legacy builder's deprecation).
 */
function lastLine(stderr: string): string {
  return stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
}

export interface BuildResult {
  tag: string;
  /** Wall time of the docker process, and of the whole call. */
  dockerMs: number;
  totalMs: number;
}

/** A step line in the classic builder's, BuildKit's and buildah's output. */
const STEP = /^(?:Step \d+\/\d+ : .*|#\d+ \[[^\]]*\d+\/\d+\] .*|STEP \d+(?:\/\d+)?: .*)$/;
/** The classic builder's upload of the context, which takes long for a large one ("Sending build context to Docker daemon  1.2GB"). */
const SENDING = /^Sending build context to Docker daemon\s+(.+)$/;

/** A context from this size on is told before the build starts (its upload takes seconds). */
const LARGE_CONTEXT = 100_000_000;

/** The bytes in a context folder (files as they appear, links not followed); stops counting after 200,000 entries. */
export function contextSize(dir: string): number {
  let total = 0;
  let entries = 0;
  const stack = [dir];
  while (stack.length && entries < 200_000) {
    const at = stack.pop()!;
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(at, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of names) {
      entries++;
      const full = path.join(at, d.name);
      if (d.isDirectory()) stack.push(full);
      else if (d.isFile()) total += fs.statSync(full, { throwIfNoEntry: false })?.size ?? 0;
    }
  }
  return total;
}

export function buildArguments(options: BuildOptions): string[] {
  // A buildx builder (remote BuildKit, Kubernetes driver) per buildx's documented CLI; --load brings the image
  // back to the engine so that Measure can read it. Untested here: no buildx plugin on these machines.
  const head = options.builder ? ['buildx', 'build', '--builder', options.builder, '--load'] : ['build', '--force-rm'];
  const args = [...head, '-f', path.resolve(options.dockerfile), '-t', options.tag];
  if (options.target) args.push('--target', options.target);
  if (options.platform) args.push('--platform', options.platform);
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
    // The context's upload rewrites its line with \r as it goes.
    const lines = (partial + chunk).split(/\r\n|\r|\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const text = line.trim();
      if (STEP.test(text)) {
        lastStep = text;
        options.onStep?.(lastStep);
      } else if (SENDING.test(text)) {
        options.onStep?.(`Sending the build context: ${SENDING.exec(text)![1]}`);
      }
    }
  };
  const args = buildArguments(options);
  // The CLI tells the context's upload only once it is over; a large context is told before, so the wait has a reason.
  const contextBytes = contextSize(context);
  if (contextBytes >= LARGE_CONTEXT) options.onStep?.(`Sending the build context: about ${formatBytes(contextBytes)}`);
  const dockerStart = performance.now();
  try {
    // A build may take long: no timeout of ours, the user cancels.
    await engine.run(args, { signal: options.signal, onStdout: onChunk, onStderr: onChunk, maxOutput: 1024 * 1024 });
  } catch (e) {
    const error = e instanceof EngineError && e.kind === 'failed' ? lastLine(e.stderr) : '';
    if (lastStep && error) throw new BuildStepError(lastStep, error, e as EngineError);
    throw e;
  }
  const dockerMs = performance.now() - dockerStart;
  return { tag: options.tag, dockerMs, totalMs: performance.now() - started };
}
