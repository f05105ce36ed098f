// What a lockfile says: which version of each package, for which installer.
// The readers are pure functions of a file's text (no I/O): the front ends
// read the file and hand the result to the rules as a fact.

import { normalizeOtherName, normalizePipName } from '../engine/packageNames';

export { normalizePipName };

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

export function normalizeName(manager: LockManager, name: string): string {
  return manager === 'pip' ? normalizePipName(name) : normalizeOtherName(name);
}
