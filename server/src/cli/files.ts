// Which files the CLI lints: files named on the command line, and Dockerfiles
// found by walking the folders named there.
import * as fs from 'node:fs';
import * as path from 'node:path';

// `s`: a name may hold a line break and is still a Dockerfile.* to lint.
const DOCKERFILE_NAME = /^(dockerfile|containerfile)(\..+)?$|\.(dockerfile|containerfile)$/is;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

export interface Expanded {
  files: string[];
  /** Arguments that could not be read, as one-line messages. */
  errors: string[];
}

/** Files as named, and each folder searched recursively; sorted so output is stable. */
export function expandPaths(args: readonly string[]): Expanded {
  const files: string[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      errors.push(`cannot read ${arg}: ${describeError(e)}`);
      continue;
    }
    if (stat.isDirectory()) files.push(...walk(arg));
    else files.push(arg);
  }
  return { files, errors };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Folders reached through links are not followed, so a loop cannot form.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(full));
    } else if (isDockerfileName(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(full)))) {
      out.push(full);
    }
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ?? (e as Error).message;
  }
}
