// One entry point: what kind of lockfile a text is, told by its content (the
// lesson's conda list is named requirements-3sep.yaml), and its versions.
import { readCondaEnvironment, readCondaExplicit, readCondaList } from './conda';
import { readRequirements } from './requirements';
import { readTomlLock } from './toml';
import type { Lockfile, LockfileFormat } from './types';

/** Past this, a file is not a lockfile a Dockerfile copies; reading it would only cost. */
export const MAX_LOCKFILE_BYTES = 4 * 1024 * 1024;

export function detectLockfileFormat(text: string): LockfileFormat | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) return null;
  if (lines.includes('@EXPLICIT')) return 'conda-explicit';
  if (/^\s*\[\[packages\]\]|^\s*lock-version\s*=/m.test(text)) return 'pylock';
  if (/^\s*\[\[package\]\]/m.test(text)) return 'uv-lock';
  if (/^dependencies\s*:/m.test(text)) return 'conda-environment';
  // conda's `name=1.2=build` has single `=`; pip's pins have `==` or an operator.
  const condaLike = lines.filter((l) => /^[A-Za-z0-9_][A-Za-z0-9_.-]*=[^=]/.test(l)).length;
  return condaLike > 0 && condaLike >= lines.length / 2 ? 'conda-list' : 'requirements';
}

export function readLockfile(text: string): Lockfile {
  if (text.length > MAX_LOCKFILE_BYTES) return { format: null, packages: [], problems: [{ line: null, message: `larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MiB, so not read` }] };
  if (text.includes('\u0000')) return { format: null, packages: [], problems: [{ line: null, message: 'a binary file, not a lockfile' }] };
  const format = detectLockfileFormat(text);
  switch (format) {
    case null:
      return { format, packages: [], problems: [{ line: null, message: 'empty: it names no package' }] };
    case 'conda-explicit':
      return { format, ...readCondaExplicit(text) };
    case 'pylock':
    case 'uv-lock': {
      const read = readTomlLock(text);
      return { ...read, format: read.format ?? format };
    }
    case 'conda-environment':
      return { format, ...readCondaEnvironment(text) };
    case 'conda-list':
      return { format, ...readCondaList(text) };
    case 'requirements':
      return { format, ...readRequirements(text) };
  }
}

/** How a format is called in a message. */
export const FORMAT_NAMES: Record<LockfileFormat, string> = {
  requirements: 'pip requirements',
  pylock: 'pylock.toml',
  'uv-lock': 'uv.lock',
  'conda-environment': 'conda environment',
  'conda-list': 'conda package list',
  'conda-explicit': 'conda explicit list',
};
