// What a lockfile says: which version of each package, for which installer.
// The readers are pure functions of a file's text (no I/O): the front ends
// read the file and hand the result to the rules as a fact.

export type LockfileFormat =
  | 'requirements'
  | 'pylock'
  | 'uv-lock'
  | 'conda-environment'
  | 'conda-list'
  | 'conda-explicit';

/** Which installer a locked version is for: pip's names and conda's differ (`pyyaml` / `yaml`). */
export type LockManager = 'pip' | 'conda';

export interface LockedPackage {
  manager: LockManager;
  /** The name as the file writes it. */
  name: string;
  /** The exact version, as the file writes it (conda's build string left out). */
  version: string;
}

export interface LockfileProblem {
  /** 1-based line, when the problem sits on one. */
  line: number | null;
  message: string;
}

export interface Lockfile {
  /** What the content showed the file to be; null when nothing could be read. */
  format: LockfileFormat | null;
  packages: LockedPackage[];
  /** Lines or parts that could not be read; the rest of the file still counts. */
  problems: LockfileProblem[];
}

/** The name a package index and pip compare on (PEP 503): `Foo_Bar.baz` → `foo-bar-baz`. */
export function normalizePipName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Conda names are compared in lower case; `-` and `_` are different packages there. */
export function normalizeCondaName(name: string): string {
  return name.toLowerCase();
}

export function normalizeName(manager: LockManager, name: string): string {
  return manager === 'pip' ? normalizePipName(name) : normalizeCondaName(name);
}
