// The user's git e-mail, for the maintainer label the server's fix writes.
// Read from git's config files, never by running `git`: an untrusted
// workspace must start no process, and reading a file runs no code.
// `[include]` and `[includeIf]` files are not followed.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The last `email` of the `[user]` section in a git config text, as git
 * reads it: names are case-insensitive, `#` and `;` start comments outside
 * quotes, quotes are removed, `\"`, `\\`, `\n` and `\t` are escapes, and a
 * line ending in `\` continues on the next.
 */
export function userEmailIn(text: string): string | undefined {
  let section = '';
  let email: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trimStart();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"(?:[^"\\]|\\.)*")?\s*\]/.exec(line);
    if (header) {
      // `[user "x"]` is another section than `[user]`; the legacy `[user.x]` too.
      section = header[0].includes('"') ? `${header[1]}."` : header[1];
      section = section.toLowerCase();
      line = line.slice(header[0].length).trimStart();
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(=?)/.exec(line);
    if (!entry) continue;
    let rest = line.slice(entry[0].length);
    // A value continues while a line ends in a backslash that is not itself escaped.
    while (/(^|[^\\])(\\\\)*\\$/.test(rest) && i + 1 < lines.length) rest = rest.slice(0, -1) + lines[++i];
    if (section === 'user' && entry[1].toLowerCase() === 'email' && entry[2] === '=') email = configValue(rest);
  }
  return email === '' ? undefined : email;
}

/** A value with its quotes, escapes and trailing comment resolved. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  const text = raw.trim();
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') {
      const next = text[++k] ?? '';
      out += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      pendingSpace = '';
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      // White space inside a value is kept; before a comment or the end it is dropped.
      pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = '';
    }
  }
  return out;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The repository's config file for a folder: found by walking up to a `.git` folder, or a `.git` file of a worktree. */
export function repositoryConfig(folder: string): string | undefined {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    let gitDir: string | undefined;
    try {
      if (fs.statSync(dotGit).isDirectory()) gitDir = dotGit;
      else {
        const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '');
        if (pointer) gitDir = path.resolve(dir, pointer[1]);
      }
    } catch {
      // No .git here: look further up.
    }
    if (gitDir) {
      // A linked worktree keeps its config in the main repository's git folder.
      const common = readText(path.join(gitDir, 'commondir'))?.trim();
      return path.join(common ? path.resolve(gitDir, common) : gitDir, 'config');
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The global config files, most specific first, as git ranks them. */
export function globalConfigs(home: string, env: NodeJS.ProcessEnv): string[] {
  if (env.GIT_CONFIG_GLOBAL) return [env.GIT_CONFIG_GLOBAL];
  const xdg = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'git', 'config') : path.join(home, '.config', 'git', 'config');
  return [path.join(home, '.gitconfig'), xdg];
}

/** The e-mail git would put on a commit made in the first of the folders: the repository's config, then the global ones. */
export function gitAuthorEmail(folders: readonly string[], home: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.GIT_AUTHOR_EMAIL?.trim();
  if (fromEnv) return fromEnv;
  const files = [...folders.slice(0, 1).map(repositoryConfig), ...globalConfigs(home, env)];
  for (const file of files) {
    if (!file) continue;
    const text = readText(file);
    const email = text === undefined ? undefined : userEmailIn(text)?.trim();
    if (email) return email;
  }
  return undefined;
}
