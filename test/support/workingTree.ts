// A copy of this checkout as it stands (tracked files and new ones git does
// not ignore), for tests that pack or install the project the way a user's
// tools do, without writing into the checkout other tests are reading.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** The checkout's files as git sees them: committed, changed or new, never ignored ones (dist/, node_modules/). */
export function workingTreeFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  // node_modules is a symbolic link in a worktree, which the `node_modules/` pattern (folders only) lets through.
  return r.stdout.split('\0').filter((f) => f !== '' && f !== 'node_modules' && fs.existsSync(path.join(ROOT, f)));
}

/** Copies the working tree into `dest`; `linkNodeModules` gives the copy this checkout's installed packages. */
export function copyWorkingTree(dest: string, options: { linkNodeModules?: boolean } = {}): void {
  for (const file of workingTreeFiles()) {
    const to = path.join(dest, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), to);
  }
  if (options.linkNodeModules) fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dest, 'node_modules'));
}

/** The environment without what `npm test` sets for its scripts (npm_config_*, npm_lifecycle_*), so a child npm reads only its own flags. */
export function envWithoutNpm(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  // The node running the tests is the one the packed commands' `#!/usr/bin/env node` must find.
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}
