// Talking to the real Docker engine from tests: every call an argument array,
// never a shell string. DOCKER_HOST and the docker context are honoured by the
// docker CLI itself.
import { spawn, spawnSync } from 'node:child_process';

export interface DockerResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function docker(args: string[], options: { input?: string; timeoutMs?: number } = {}): DockerResult {
  const r = spawnSync('docker', args, { encoding: 'utf8', input: options.input, timeout: options.timeoutMs ?? 10 * 60 * 1000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

/**
 * The same, without blocking the event loop: a test that serves something from its own process (a package
 * index, a registry's token server) must use this, or the server cannot answer while docker waits on it.
 */
export function dockerAsync(args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60 * 1000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Whether an engine answers, and why not when it does not. */
export function engineStatus(): { up: true } | { up: false; why: string } {
  const r = docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20000 });
  if (r.code === 0 && r.stdout.trim()) return { up: true };
  return { up: false, why: (r.stderr || 'docker did not answer').trim().split('\n')[0] };
}

/** Registers the tests only where an engine answers; says so in one line where none does, and fails CI that requires one. */
export function withDocker(register: () => void): void {
  const status = engineStatus();
  if (status.up) {
    register();
    return;
  }
  if (process.env.LAYERWISE_REQUIRE_DOCKER === '1') throw new Error(`LAYERWISE_REQUIRE_DOCKER=1 but no Docker engine answers: ${status.why}`);
  console.log(`# docker tests not run: no Docker engine answers (${status.why}); bash ../shared/env/docker-up.sh starts one`);
}
