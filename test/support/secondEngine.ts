// A second Docker engine, as a remote one would be: its own dockerd (data-root,
// exec-root, pidfile, socket) beside the machine's, reached through a docker
// context of its own. The docker tests and the end-to-end suite share it; the
// main engine is never stopped or restarted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docker, type DockerResult } from './docker';

export interface SecondEngine {
  /** The docker context that reaches it. */
  context: string;
  /** The docker CLI against it. */
  docker(args: string[]): DockerResult;
  /** Starts its dockerd (again, after stop) and waits until it answers. */
  start(): Promise<void>;
  /** Stops its dockerd (SIGTERM, SIGKILL after 30 s); the context and data stay. */
  stop(): Promise<void>;
  /** Stops it and removes its context and folder. */
  remove(): Promise<void>;
}

/** Creates the context and folder, starts the engine, and loads `images` (from the default engine) into it. */
export async function startSecondEngine(name: string, images: readonly string[] = []): Promise<SecondEngine> {
  const context = `${name}-${process.pid}`;
  // A short path: a unix socket's path has a limit of about 100 characters.
  const root = fs.mkdtempSync('/tmp/lw-engine-');
  const sock = path.join(root, 'docker.sock');
  const log = path.join(root, 'dockerd.log');
  let daemon: ChildProcess | null = null;
  const on = (args: string[]) => docker(['--context', context, ...args]);

  const engine: SecondEngine = {
    context,
    docker: on,
    async start() {
      const out = fs.openSync(log, 'a');
      daemon = spawn('dockerd', ['--data-root', path.join(root, 'data'), '--exec-root', path.join(root, 'exec'), '--pidfile', path.join(root, 'pid'), '-H', `unix://${sock}`, '--bridge=none', '--iptables=false', '--ip-masq=false'], { stdio: ['ignore', out, out] });
      fs.closeSync(out);
      const started = Date.now();
      while (Date.now() - started < 60_000) {
        if (on(['version', '--format', '{{.Server.Version}}']).code === 0) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`the second dockerd did not start:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    },
    async stop() {
      const running = daemon;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const closed = new Promise((r) => running.once('close', r));
      running.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
      // A pending timer would keep the test process alive for its 30 s after dockerd has stopped.
      clearTimeout(timer);
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
    },
    async remove() {
      await engine.stop();
      docker(['context', 'rm', '-f', context]);
      // dockerd leaves its overlay mounts under the data-root when it is killed.
      spawnSync('umount', ['-R', path.join(root, 'data')]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };

  const created = docker(['context', 'create', context, '--docker', `host=unix://${sock}`]);
  if (created.code !== 0) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`docker context create ${context} failed: ${created.stderr}`);
  }
  try {
    await engine.start();
    for (const image of images) await copyImage(image, context);
  } catch (e) {
    await engine.remove();
    throw e;
  }
  return engine;
}

/** `docker save IMAGE | docker --context CONTEXT load`, piped here rather than through a shell. */
function copyImage(image: string, context: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'pipe'] });
    const load = spawn('docker', ['--context', context, 'load', '-q'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    save.stderr.on('data', (c) => (errors += c));
    load.stderr.on('data', (c) => (errors += c));
    save.stdout.pipe(load.stdin);
    const saved = new Promise<number | null>((r) => save.on('close', r));
    load.on('close', async (code) => {
      const savedCode = await saved;
      if (code === 0 && savedCode === 0) resolve();
      else reject(new Error(`loading ${image} into ${context} failed: ${errors}`));
    });
  });
}
