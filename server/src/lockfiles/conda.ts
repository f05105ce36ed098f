// conda's three ways of writing an environment down: `conda env export`'s
// YAML (dependencies, with a pip: list inside), the plain `--file` list of
// `conda list --export` (`astropy=3.2.3=py37h7b6447c_0`), and the explicit
// URL list of `conda list --explicit` and conda-lock (`@EXPLICIT`).
import { parseDocument } from 'yaml';
import { readRequirements } from './requirements';
import type { LockedPackage, LockfileProblem } from './types';

/** `channel::name=1.2=build`, `name==1.2`, `name 1.2 build`: the name and an exact version, when the spec gives one. */
const CONDA_SPEC = /^(?:[\w.-]+(?:\/[\w.-]+)*::)?([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\s*(==?|\s)\s*([^=\s,|<>!*]+)(?:[=\s]+(\S+))?)?$/;

/** One conda match spec's name and version; version null when it names none, or a range. */
export function readCondaSpec(spec: string): { name: string; version: string | null } | null {
  const m = CONDA_SPEC.exec(spec.trim());
  if (!m) return null;
  return { name: m[1], version: m[3] ?? null };
}

export function readCondaList(text: string): { packages: LockedPackage[]; problems: LockfileProblem[] } {
  const packages: LockedPackage[] = [];
  const problems: LockfileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const spec = readCondaSpec(line);
    if (!spec) problems.push({ line: i + 1, message: `'${line.slice(0, 60)}' is not a conda package spec` });
    else if (spec.version) packages.push({ manager: 'conda', name: spec.name, version: spec.version });
  });
  return { packages, problems };
}

/** `https://…/linux-64/astropy-3.2.3-py37h7b6447c_0.tar.bz2#md5`: name, version and build from the archive's name. */
export function readCondaExplicit(text: string): { packages: LockedPackage[]; problems: LockfileProblem[] } {
  const packages: LockedPackage[] = [];
  const problems: LockfileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line === '@EXPLICIT') return;
    const file = /^[a-z][a-z0-9+.-]*:\/\/\S*\/([^/#\s]+?)(?:\.tar\.bz2|\.conda)(?:#\S*)?$/i.exec(line);
    const parts = file?.[1].split('-');
    if (!parts || parts.length < 3) {
      problems.push({ line: i + 1, message: `'${line.slice(0, 60)}' is not a conda package URL (…/name-version-build.conda)` });
      return;
    }
    packages.push({ manager: 'conda', name: parts.slice(0, -2).join('-'), version: parts[parts.length - 2] });
  });
  return { packages, problems };
}

export function readCondaEnvironment(text: string): { packages: LockedPackage[]; problems: LockfileProblem[] } {
  const packages: LockedPackage[] = [];
  const problems: LockfileProblem[] = [];
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { packages, problems: [{ line: e.linePos?.[0].line ?? null, message: `not valid YAML: ${e.message.split('\n')[0]}` }] };
  }
  const root: unknown = doc.toJS();
  const deps = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).dependencies : undefined;
  if (!Array.isArray(deps)) return { packages, problems: [{ line: null, message: "'dependencies' is not a list" }] };
  for (const dep of deps) {
    if (typeof dep === 'string') {
      const spec = readCondaSpec(dep);
      if (!spec) problems.push({ line: null, message: `'${dep.slice(0, 60)}' is not a conda package spec` });
      else if (spec.version) packages.push({ manager: 'conda', name: spec.name, version: spec.version });
    } else if (typeof dep === 'object' && dep !== null && Array.isArray((dep as Record<string, unknown>).pip)) {
      const pip = ((dep as Record<string, unknown>).pip as unknown[]).filter((p): p is string => typeof p === 'string');
      const read = readRequirements(pip.join('\n'));
      packages.push(...read.packages);
      problems.push(...read.problems.map((p) => ({ line: null, message: `in the pip list: ${p.message}` })));
    } else problems.push({ line: null, message: `a dependency that is neither a spec nor a pip: list (${JSON.stringify(dep).slice(0, 60)})` });
  }
  return { packages, problems };
}
