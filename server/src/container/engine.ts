// The one module that runs the container CLI (docker, or podman for build and
// save). Every call is `spawn` with an argument array, never a shell string;
// every call can be cancelled; DOCKER_HOST, DOCKER_CONTEXT and `docker context`
// are honoured because the CLI itself reads them, and a context named here is
// passed as `--context`. The client's commands, the language server (outside
// the lint path, in a trusted workspace only) and the `layerwise` CLI all use
// it; rules never import it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ContainerCommand } from '../engine/toolSettings';

export type EngineErrorKind =
  /** The CLI is not installed (not on PATH). */
  | 'missing'
  /** The CLI answered, but no engine behind it (daemon stopped, socket gone). */
  | 'down'
  /** The command ran and failed; its stderr says why. */
  | 'failed'
  /** Cancelled by the user or the caller. */
  | 'cancelled'
  /** It took longer than the caller allowed. */
  | 'timeout';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly stderr = '',
    readonly code: number | null = null,
  ) {
    super(message);
  }
}

export interface EngineOptions {
  command?: ContainerCommand;
  /** A docker context to use instead of the current one (`--context NAME`). */
  context?: string;
  /** The environment the CLI sees; the process's own by default (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG). */
  env?: NodeJS.ProcessEnv;
}

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Written to the CLI's standard input, then closed. */
  input?: string | Buffer;
  /** Each chunk as it comes, for output channels and progress. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Keep at most this many characters of stdout (the tail is dropped); 64 MiB by default. */
  maxOutput?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * What an engine that is not running says, in docker's and podman's own words. Only the CLI's words: a
 * container's output (pip's "connection refused" from an index) must not read as an engine that is down.
 */
const ENGINE_DOWN = /Cannot connect to the Docker daemon|Is the docker daemon running|^error during connect|unable to connect to Podman/im;

export class ContainerEngine {
  readonly command: ContainerCommand;
  readonly context: string | undefined;
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(options: EngineOptions = {}) {
    this.command = options.command ?? 'docker';
    this.context = options.context;
    this.env = options.env;
  }

  /** The full argument list for one call: the context flag first, as the CLI wants global flags. */
  argv(args: readonly string[]): string[] {
    return this.context && this.command === 'docker' ? ['--context', this.context, ...args] : [...args];
  }

  /** Starts the CLI with its output as streams, for `docker save` and builds that report as they go. */
  spawn(args: readonly string[]): ChildProcessWithoutNullStreams {
    return spawn(this.command, this.argv(args), { env: this.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Runs one command to its end; rejects with an EngineError that says what went wrong. */
  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const { signal, timeoutMs, input, onStdout, onStderr } = options;
    const maxOutput = options.maxOutput ?? 64 * 1024 * 1024;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new EngineError('cancelled', `${this.command} ${args[0] ?? ''} was cancelled`));
      const child = this.spawn(args);
      let stdout = '';
      let stderr = '';
      let ended: EngineErrorKind | null = null;
      const stop = (why: EngineErrorKind) => {
        if (ended) return;
        ended = why;
        child.kill('SIGTERM');
      };
      const onAbort = () => stop('cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = timeoutMs ? setTimeout(() => stop('timeout'), timeoutMs) : undefined;
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (stdout.length < maxOutput) stdout += chunk.slice(0, maxOutput - stdout.length);
        onStdout?.(chunk);
      });
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 1024 * 1024) stderr += chunk;
        onStderr?.(chunk);
      });
      // An engine that closes our stdin early (the command needs none) is not an error of ours.
      child.stdin.on('error', () => {});
      if (input !== undefined) child.stdin.end(input);
      else child.stdin.end();
      const finish = () => {
        signal?.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
      };
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish();
        reject(
          e.code === 'ENOENT'
            ? new EngineError('missing', `${this.command} is not installed or not on PATH (${this.command === 'docker' ? 'install Docker, or set layerwise.containerCommand to podman' : 'install podman'})`)
            : new EngineError('failed', `${this.command} could not be started: ${e.message}`),
        );
      });
      child.on('close', (code) => {
        finish();
        if (ended === 'cancelled') return reject(new EngineError('cancelled', `${this.command} ${args[0] ?? ''} was cancelled`, stderr, code));
        if (ended === 'timeout') return reject(new EngineError('timeout', `${this.command} ${args[0] ?? ''} did not answer within ${Math.round((timeoutMs ?? 0) / 1000)} s`, stderr, code));
        if (code === 0) return resolve({ stdout, stderr });
        reject(engineFailure(this.command, args, stderr, code));
      });
    });
  }

  /** Whether an engine answers, with its version; an EngineError ('missing' or 'down') when not. */
  async version(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    const format = this.command === 'docker' ? '{{.Server.Version}}' : '{{.Version.Version}}';
    const { stdout } = await this.run(['version', '--format', format], { timeoutMs: options.timeoutMs ?? 20_000, signal: options.signal });
    return stdout.trim();
  }

  /**
   * Runs a throwaway container with a name of our own, so that a cancel or a
   * timeout can remove it: killing the CLI alone leaves the container running.
   * `runArgs` (the user's `docker.runArgs`) go before the image, as they are.
   */
  async runContainer(
    image: string,
    command: readonly string[],
    options: RunOptions & { runArgs?: readonly string[]; mounts?: ReadonlyArray<{ source: string; target: string; readOnly?: boolean }>; entrypoint?: string; platform?: string; workdir?: string; env?: Record<string, string> } = {},
  ): Promise<RunResult> {
    const name = `layerwise-${randomBytes(6).toString('hex')}`;
    const args = ['run', '--rm', '--name', name];
    for (const m of options.mounts ?? []) args.push('--mount', `type=bind,source=${m.source},target=${m.target}${m.readOnly ? ',readonly' : ''}`);
    if (options.entrypoint !== undefined) args.push('--entrypoint', options.entrypoint);
    if (options.platform) args.push('--platform', options.platform);
    if (options.workdir) args.push('--workdir', options.workdir);
    for (const [k, v] of Object.entries(options.env ?? {})) args.push('--env', `${k}=${v}`);
    args.push(...(options.runArgs ?? []), image, ...command);
    // The CLI passes SIGTERM on to the container, and a process that runs as PID 1 there (pip, python) ignores it:
    // the CLI would wait for ever. Removing the container at once ends both.
    const remove = () => void this.removeContainer(name);
    options.signal?.addEventListener('abort', remove, { once: true });
    const timer = options.timeoutMs ? setTimeout(remove, options.timeoutMs) : undefined;
    try {
      return await this.run(args, options);
    } catch (e) {
      if (e instanceof EngineError && (e.kind === 'cancelled' || e.kind === 'timeout')) await this.removeContainer(name);
      throw e;
    } finally {
      options.signal?.removeEventListener('abort', remove);
      if (timer) clearTimeout(timer);
    }
  }

  /** Removes a container, running or not; quiet when it is already gone. */
  async removeContainer(name: string): Promise<void> {
    try {
      await this.run(['rm', '-f', name], { timeoutMs: 30_000 });
    } catch {
      // Already removed by --rm, or the engine went away: nothing of ours is left to clean.
    }
  }
}

/** Turns a failed command's stderr into an EngineError whose message a user can act on. */
export function engineFailure(command: string, args: readonly string[], stderr: string, code: number | null): EngineError {
  const text = stderr.trim();
  if (ENGINE_DOWN.test(text)) {
    return new EngineError('down', `no ${command} engine answers (${firstLine(text)}): start it, or choose another context`, stderr, code);
  }
  return new EngineError('failed', `${command} ${args[0] ?? ''} failed${code === null ? '' : ` (exit ${code})`}: ${lastLines(text, 3) || 'no message'}`, stderr, code);
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

function lastLines(text: string, n: number): string {
  return text.split('\n').filter((l) => l.trim()).slice(-n).join('\n');
}
