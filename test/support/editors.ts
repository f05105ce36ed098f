// Editors and hook runners other than VS Code (Neovim, pre-commit), run as
// users run them. Like withDocker: the tests register only where the program
// is installed, say so in one line where it is not, and fail CI, which sets
// LAYERWISE_REQUIRE_EDITORS=1.
import { spawnSync } from 'node:child_process';

/** The program's version line, or why it cannot run. */
export function programStatus(command: string): { up: true; version: string } | { up: false; why: string } {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 20000 });
  if (r.status === 0) return { up: true, version: r.stdout.split('\n')[0].trim() };
  return { up: false, why: r.error ? String(r.error.message) : (r.stderr || `${command} --version exited ${r.status}`).trim().split('\n')[0] };
}

/** Registers the tests where `command` runs; `debianPackage` is what installs it. */
export function withEditor(command: string, debianPackage: string, register: (version: string) => void): void {
  const status = programStatus(command);
  if (status.up) {
    register(status.version);
    return;
  }
  if (process.env.LAYERWISE_REQUIRE_EDITORS === '1') throw new Error(`LAYERWISE_REQUIRE_EDITORS=1 but ${command} cannot run: ${status.why}`);
  console.log(`# ${command} tests not run: ${status.why} (apt-get install -y ${debianPackage})`);
}
