// Streams an image out of the engine: `docker save` (or `podman save`) read
// as it comes, and the flattened file system (`docker create` + `docker
// export`) through mksquashfs for the size a Singularity/Apptainer SIF would
// have. Both stop the CLI and remove what they made when cancelled.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContainerEngine, EngineError, engineFailure } from './engine';
import { readSaveStream, SaveStreamError, type SavedImage } from './saveStream';

/** Reads `save IMAGE` as a stream; rejects with an EngineError ('cancelled', 'down', 'failed') or a SaveStreamError. */
export function saveAndRead(engine: ContainerEngine, image: string, options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {}): Promise<SavedImage> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new EngineError('cancelled', `${engine.command} save was cancelled`));
  const args = engine.command === 'podman' ? ['save', '--format', 'docker-archive', image] : ['save', image];
  const child = engine.spawn(args);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c.slice(0, 65536)));
  child.stdin.end();
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new EngineError('missing', `${engine.command} is not installed or not on PATH`) : e));
    child.on('close', (code) => resolve(code));
  });
  const onAbort = () => child.kill('SIGTERM');
  signal?.addEventListener('abort', onAbort, { once: true });
  const reading = readSaveStream(child.stdout, { onProgress: options.onProgress });
  return (async () => {
    try {
      const [result, code] = await Promise.allSettled([reading, exited]);
      if (signal?.aborted) throw new EngineError('cancelled', `${engine.command} save was cancelled`);
      if (code.status === 'rejected') throw code.reason;
      if (code.value !== 0) throw engineFailure(engine.command, args, stderr, code.value);
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  })();
}

export { SaveStreamError };

/**
 * The size of the image as a SIF's squashfs: the flattened file system, as
 * `docker export` streams it, through `mksquashfs - OUT -tar` (squashfs-tools
 * 4.5 or later), never unpacked on disk. Apptainer builds its SIF the same way
 * from the image's layers squashed into one file system.
 */
export async function squashfsSize(engine: ContainerEngine, image: string, options: { signal?: AbortSignal } = {}): Promise<number> {
  const name = `layerwise-${randomBytes(6).toString('hex')}`;
  // Created, never started: only its file system is read.
  await engine.run(['create', '--name', name, image, '/bin/true'], { signal: options.signal, timeoutMs: 120_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-sif-'));
  try {
    const out = path.join(dir, 'image.squashfs');
    const exporter = engine.spawn(['export', name]);
    exporter.stdin.end();
    const squash = spawn('mksquashfs', ['-', out, '-tar', '-noappend', '-quiet', '-no-progress'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let squashErr = '';
    let exportErr = '';
    squash.stderr.setEncoding('utf8').on('data', (c: string) => (squashErr += c.slice(0, 8192)));
    exporter.stderr.setEncoding('utf8').on('data', (c: string) => (exportErr += c.slice(0, 8192)));
    exporter.stdout.pipe(squash.stdin);
    squash.stdin.on('error', () => {});
    const onAbort = () => {
      exporter.kill('SIGTERM');
      squash.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (child: ReturnType<typeof spawn>) =>
      new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
      });
    try {
      const [exportCode, squashCode] = await Promise.all([done(exporter), done(squash).catch((e: NodeJS.ErrnoException) => {
        exporter.kill('SIGTERM');
        throw e.code === 'ENOENT' ? new Error('mksquashfs is not installed (Debian: apt-get install squashfs-tools)') : e;
      })]);
      if (options.signal?.aborted) throw new EngineError('cancelled', 'measuring the SIF size was cancelled');
      if (exportCode !== 0) throw engineFailure(engine.command, ['export'], exportErr, exportCode);
      if (squashCode !== 0) throw new Error(`mksquashfs failed: ${squashErr.trim().split('\n').slice(-2).join(' ') || `exit ${squashCode}`}`);
      return fs.statSync(out).size;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await engine.removeContainer(name);
  }
}
