// What a lock resolves: the requirements.in beside the Dockerfile (the lesson's
// input), else pyproject.toml's [project] dependencies; for conda, an
// environment.yml, else requirements.in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LockInput } from './lockTools';

export class NoLockInput extends Error {}

function exists(dir: string, name: string): boolean {
  try {
    return fs.statSync(path.join(dir, name)).isFile();
  } catch {
    return false;
  }
}

async function pyprojectDependencies(file: string): Promise<string[] | null> {
  // smol-toml is an ES module only; the bundle inlines it all the same.
  const { parse } = await import('smol-toml');
  let doc: Record<string, unknown>;
  try {
    doc = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new NoLockInput(`cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const project = doc.project as Record<string, unknown> | undefined;
  const deps = project?.dependencies;
  if (!Array.isArray(deps) || deps.length === 0) return null;
  if (!deps.every((d) => typeof d === 'string')) throw new NoLockInput(`${file}: [project] dependencies should be a list of strings`);
  // A PEP 508 requirement starts with a name; anything else would reach pip as an option.
  const bad = (deps as string[]).find((d) => !/^[A-Za-z0-9]/.test(d.trim()));
  if (bad !== undefined) throw new NoLockInput(`${file}: '${bad}' in [project] dependencies is not a requirement`);
  return (deps as string[]).map((d) => d.trim());
}

/** The input beside `dockerfile` for a pip or a conda lock; a NoLockInput error that names what was looked for when there is none. */
export async function findLockInput(dockerfile: string, kind: 'pip' | 'conda'): Promise<LockInput> {
  const dir = path.dirname(dockerfile);
  if (kind === 'conda') {
    for (const name of ['environment.yml', 'environment.yaml']) if (exists(dir, name)) return { kind: 'environment', file: name };
    if (exists(dir, 'requirements.in')) return { kind: 'requirements', file: 'requirements.in' };
    throw new NoLockInput(`no environment.yml or requirements.in beside ${dockerfile}: write the packages to lock in one of them`);
  }
  if (exists(dir, 'requirements.in')) return { kind: 'requirements', file: 'requirements.in' };
  if (exists(dir, 'pyproject.toml')) {
    const dependencies = await pyprojectDependencies(path.join(dir, 'pyproject.toml'));
    if (dependencies) return { kind: 'pyproject', file: 'pyproject.toml', dependencies };
  }
  throw new NoLockInput(`no requirements.in (or pyproject.toml with [project] dependencies) beside ${dockerfile}: write the packages to lock in requirements.in, one per line`);
}
