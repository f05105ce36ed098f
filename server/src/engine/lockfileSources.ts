// Which lockfiles a Dockerfile's pin fixes read, and their versions as pin
// sources: the files it COPYs or ADDs (ARG defaults expanded, resolved in the
// build context, the Dockerfile's folder by default), else the nearest
// lockfiles in its folder and up to the workspace root. Shared by the CLI and
// the language server; rules only ever see the result, as facts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMAT_NAMES, MAX_LOCKFILE_BYTES, normalizeName, readLockfile, type Lockfile } from '../lockfiles';
import { argsInScope } from '../model/scope';
import type { DockerfileModel } from '../model/types';
import type { LockfileTrouble, PinSource } from './rule';

/** Names worth reading when the Dockerfile copies none: requirements lists, pylock, uv.lock, conda exports and locks. */
const LOCKFILE_NAME = /^(?:requirements.*\.(?:txt|ya?ml)|pylock(?:\..+)?\.toml|uv\.lock|environment.*\.ya?ml|.*conda.*\.lock|.*\.lock\.ya?ml)$/i;
/** A copied file is read when its name could hold a lockfile; a script or an archive is not one. */
const COPIED_NAME = /\.(?:txt|lock|toml|ya?ml)$/i;

export interface LockfileFacts {
  sources: PinSource[];
  trouble: LockfileTrouble[];
  /** Every file read or looked for, absolute: an edit of one changes the facts. */
  files: string[];
  /** Changes whenever a file read changes (path, size, time): the language server keeps facts while it stays. */
  signature: string;
}

export interface LockfileSearch {
  /** The build context; the Dockerfile's folder when not given. */
  context?: string;
  /** Where the search for the nearest lockfile stops (the workspace folder); the Dockerfile's folder when not given. */
  root?: string;
}

interface Read {
  file: string;
  /** The COPY or ADD source word as written, when the Dockerfile copies the file. */
  written?: string;
  lock: Lockfile;
  stamp: string;
}

const cache = new Map<string, { stamp: string; lock: Lockfile }>();

export function lockfileFacts(dockerfile: string, model: DockerfileModel, search: LockfileSearch = {}): LockfileFacts {
  const folder = path.dirname(path.resolve(dockerfile));
  const context = path.resolve(search.context ?? folder);
  const reads: Read[] = [];
  const seen = new Set<string>();
  for (const { file, written } of copiedFiles(model, context)) {
    if (seen.has(file) || !COPIED_NAME.test(file)) continue;
    seen.add(file);
    const read = readOne(file);
    if (read && isLockfile(read.lock)) reads.push({ ...read, written });
  }
  if (reads.length === 0) reads.push(...nearest(folder, path.resolve(search.root ?? folder)));
  const sources: PinSource[] = [];
  const trouble: LockfileTrouble[] = [];
  const labels = labelsFor(reads.map((r) => r.file), folder);
  reads.forEach((r, i) => {
    const label = labels[i];
    if (r.lock.problems.length > 0) {
      const p = r.lock.problems[0];
      const more = r.lock.problems.length > 1 ? ` (and ${r.lock.problems.length - 1} more)` : '';
      const kind = r.lock.format ? `${FORMAT_NAMES[r.lock.format]}, ` : '';
      trouble.push({ label, written: r.written, message: `${kind}${p.line !== null ? `line ${p.line}: ` : ''}${p.message}${more}` });
    }
    const pip = new Map<string, string>();
    const conda = new Map<string, string>();
    for (const p of r.lock.packages) (p.manager === 'pip' ? pip : conda).set(normalizeName(p.manager, p.name), p.version);
    if (pip.size + conda.size > 0) sources.push({ label, ...(pip.size ? { pip } : {}), ...(conda.size ? { conda } : {}) });
  });
  return { sources, trouble, files: reads.map((r) => r.file), signature: reads.map((r) => `${r.file}@${r.stamp}`).join('|') };
}

/** A file read as a lockfile: one with a version, or one of the unmistakable formats that could not be read. */
function isLockfile(lock: Lockfile): boolean {
  if (lock.packages.length > 0) return true;
  return lock.format !== null && lock.format !== 'requirements' && lock.format !== 'conda-list' && lock.problems.length > 0;
}

function readOne(file: string): { file: string; lock: Lockfile; stamp: string } | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const kept = cache.get(file);
  if (kept && kept.stamp === stamp) return { file, lock: kept.lock, stamp };
  let lock: Lockfile;
  if (stat.size > MAX_LOCKFILE_BYTES) lock = readLockfile('x'.repeat(MAX_LOCKFILE_BYTES + 1));
  else {
    try {
      lock = readLockfile(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      lock = { format: null, packages: [], problems: [{ line: null, message: `cannot be read: ${(e as Error).message}` }] };
    }
  }
  if (cache.size > 256) cache.clear();
  cache.set(file, { stamp, lock });
  return { file, lock, stamp };
}

/** The sources of each COPY and ADD of the build context (not --from, not URLs), ARG defaults expanded. */
function copiedFiles(model: DockerfileModel, context: string): Array<{ file: string; written: string }> {
  const found: Array<{ file: string; written: string }> = [];
  for (const node of model.instructions) {
    if (node.keyword !== 'COPY' && node.keyword !== 'ADD') continue;
    const words = node.args.filter((a) => !a.value.startsWith('--'));
    if (node.args.some((a) => a.value.startsWith('--from'))) continue;
    if (words.length < 2 || words[0].value.startsWith('[')) continue;
    const scope = node.stage >= 0 ? argsInScope(model, node) : new Map();
    for (const word of words.slice(0, -1)) {
      const value = expand(word.value, scope);
      if (value === null || value.includes('://') || /[*?[]/.test(value)) continue;
      found.push({ file: path.resolve(context, value), written: word.value });
    }
  }
  return found;
}

function expand(value: string, scope: ReadonlyMap<string, { value: string | null }>): string | null {
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, alt, bare) => {
    const v = scope.get(braced ?? bare)?.value;
    if (v !== undefined && v !== null) return v;
    if (alt !== undefined) return alt;
    unknown = true;
    return '';
  });
  return unknown ? null : out;
}

/** The lockfiles of the nearest folder that has any, from the Dockerfile's up to the root. */
function nearest(folder: string, root: string): Read[] {
  const within = !path.relative(root, folder).startsWith('..');
  for (let dir = folder; ; dir = path.dirname(dir)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => LOCKFILE_NAME.test(n)).sort();
    } catch {
      // An unreadable folder has no lockfile for us.
    }
    const reads = names.map((n) => readOne(path.join(dir, n))).filter((r): r is NonNullable<typeof r> => r !== null && isLockfile(r.lock));
    if (reads.length > 0) return reads;
    if (!within || dir === root || path.dirname(dir) === dir) return [];
  }
}

/** Each file's base name, or its path from the Dockerfile's folder where two share a name. */
function labelsFor(files: readonly string[], folder: string): string[] {
  return files.map((f) => {
    const base = path.basename(f);
    return files.filter((g) => path.basename(g) === base).length > 1 ? path.relative(folder, f) : base;
  });
}
