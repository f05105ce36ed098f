// What a RUN fetches or builds, by path: the folders it makes, the files it
// downloads, the repositories it clones, where it extracts, copies and
// installs. Read by the rule on consecutive RUNs of the same component.
import { baseName, unwrap } from '../../engine/commands';
import type { InstructionNode, ShellCommand, Word } from '../../model/types';
import { normalisePath } from './cleanup';
import { GIT } from './git';

/** Folders every image has: naming one says nothing about a component. */
const SHARED = new Set([
  '/', '.', '..', '-', '/tmp', '/var/tmp', '/usr', '/usr/local', '/usr/local/bin', '/usr/local/lib', '/usr/local/src', '/usr/local/include',
  '/usr/local/share', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/include', '/usr/share', '/usr/src', '/opt', '/etc', '/root', '/home', '/var', '/bin',
  '/lib', '/lib64', '/sbin', '/srv', '/dev/null', '/dev/stdout', '/dev/stderr', '~', '$HOME',
]);

/** The last part of a URL's path, without a query: what wget and `curl -O` save it as. */
export function urlName(url: string): string | null {
  const m = /^[a-z]+:\/\/[^/]+\/(?:.*\/)?([^/?#]+)(?:[?#].*)?$/i.exec(url);
  return m ? m[1] : null;
}

/** The value of an option given as `-O x`, `-qO x`, `--output-document=x` or `--output-document x`. */
export function optionValue(words: readonly Word[], short: string, long: string): string | null {
  return optionWord(words, short, long)?.value ?? null;
}

/**
 * An option's value, as optionValue reads it, and the shell text that gives that value as the RUN wrote it
 * (`"/tmp/my file.tgz"`, quotes and all), for a fix to write again; null where that text cannot be told apart
 * (`"--output=/tmp/a b"`).
 */
export function optionWord(words: readonly Word[], short: string, long: string): { value: string; written: string | null } | null {
  for (let i = 0; i < words.length; i++) {
    const { value, raw } = words[i];
    if (value.startsWith(`${long}=`)) return { value: value.slice(long.length + 1), written: raw.startsWith(`${long}=`) ? raw.slice(long.length + 1) : null };
    if (value === long || (/^-[A-Za-z]+$/.test(value) && value.endsWith(short))) {
      const next = words[i + 1];
      return next ? { value: next.value, written: next.raw } : null;
    }
  }
  return null;
}

/** An archive's path without its archive extension: `/tmp/bison-2.7.1.tar.gz` → `/tmp/bison-2.7.1`. */
export function archiveStem(archive: string): string {
  return archive.replace(/\.(tar(\.\w+)?|tgz|tbz2?|txz|zip)$/, '');
}

/**
 * What a `tar` extraction or an `unzip` unpacks: the archive as written, and the folder it unpacks into (`-C`,
 * `--directory`, unzip's `-d`) when one is given. Null for a command that unpacks no named file (`tar c…`, or
 * `tar x` reading a pipe).
 */
export function unpackedArchive(command: ShellCommand): { archive: string; into: string | null } | null {
  const words = unwrap(command);
  const name = words[0] ? baseName(words[0].value) : '';
  const args = words.slice(1);
  if (name === 'unzip') {
    const archive = args.find((w, i) => !w.value.startsWith('-') && args[i - 1]?.value !== '-d');
    return archive ? { archive: archive.value, into: optionValue(args, 'd', '-d') } : null;
  }
  if (name !== 'tar') return null;
  // `tar xvzf x.tar.gz`, the old style whose first word is all letters, or `tar -xzf x.tar.gz`, `tar --extract`.
  const first = args[0]?.value ?? '';
  const oldStyle = /^[A-Za-z]+$/.test(first);
  const extracts = oldStyle ? first.includes('x') : args.some((w) => w.value === '--extract' || w.value === '--get' || /^-[A-Za-z]*x[A-Za-z]*$/.test(w.value));
  if (!extracts) return null;
  const archive = oldStyle && first.includes('f') ? (args[1]?.value ?? null) : optionValue(args, 'f', '--file');
  if (!archive || archive === '-') return null;
  return { archive, into: optionValue(args, 'C', '--directory') };
}

function pathsOf(command: ShellCommand): string[] {
  const words = unwrap(command);
  const name = words[0] ? baseName(words[0].value) : '';
  const args = words.slice(1);
  const operands = args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
  const urls = operands.filter((v) => /^[a-z]+:\/\//i.test(v));
  // `> file` and `&> file` write a file; `2>&1` only points one stream at another.
  const out: string[] = command.redirects.filter((r) => r.op.includes('>') && !r.op.endsWith('&') && r.target && !/^\d+$/.test(r.target.value)).map((r) => r.target!.value);
  switch (name) {
    case 'mkdir':
      // `-m 755` gives a mode, not a folder.
      out.push(...args.filter((w, i) => !w.value.startsWith('-') && !['-m', '--mode'].includes(args[i - 1]?.value ?? '')).map((w) => w.value));
      break;
    case 'wget': {
      const file = optionValue(args, 'O', '--output-document');
      const dir = optionValue(args, 'P', '--directory-prefix');
      if (file) out.push(file);
      else out.push(...urls.map((u) => (dir ? `${dir}/` : '') + (urlName(u) ?? '')).filter((p) => p && !p.endsWith('/')));
      if (dir) out.push(dir);
      break;
    }
    case 'curl': {
      const file = optionValue(args, 'o', '--output');
      if (file) out.push(file);
      else if (args.some((w) => w.value === '--remote-name' || /^-[A-Za-z]*O[A-Za-z]*$/.test(w.value))) out.push(...urls.map(urlName).filter((p): p is string => p !== null));
      break;
    }
    case 'git': {
      // The operands after `clone`, without the values of its options (`-b v1.2`, `--depth 1`): a branch is no
      // repository, and no folder.
      const gitOperands = args.filter((w, i) => !w.value.startsWith('-') && !GIT.valued?.has(args[i - 1]?.value ?? '')).map((w) => w.value);
      const clone = gitOperands.indexOf('clone');
      const rest = clone >= 0 ? gitOperands.slice(clone + 1) : [];
      if (rest[1]) out.push(rest[1]);
      else if (rest[0]) out.push(baseName(rest[0].replace(/\/+$/, '')).replace(/\.git$/, ''));
      break;
    }
    case 'tar': {
      const dir = optionValue(args, 'C', '--directory');
      if (dir) out.push(dir);
      // `tar xvzf x.tar.gz`, the old style without a dash, or `tar -xzf x.tar.gz`.
      const archive = args[0] && /^[A-Za-z]*f[A-Za-z]*$/.test(args[0].value) ? (args[1]?.value ?? null) : optionValue(args, 'f', '--file');
      if (archive) out.push(archive, archiveStem(archive));
      break;
    }
    case 'unzip': {
      const dir = optionValue(args, 'd', '-d');
      if (dir) out.push(dir);
      break;
    }
    case 'cp':
    case 'mv':
    case 'ln':
      if (operands.length >= 2) out.push(operands[operands.length - 1]);
      break;
  }
  for (const w of words) {
    const prefix = /^(?:--prefix|--install-dir|-DCMAKE_INSTALL_PREFIX(?::PATH)?)=(.+)$/.exec(w.value)?.[1];
    if (prefix) out.push(prefix);
  }
  return out;
}

/** The paths a RUN makes, normalised, shared system folders left out. */
export function madePaths(node: InstructionNode): string[] {
  const paths = new Set<string>();
  for (const command of node.run?.commands ?? []) {
    for (const p of pathsOf(command)) {
      const path = normalisePath(p);
      if (path && !SHARED.has(path)) paths.add(path);
    }
  }
  return [...paths];
}

/** Every word and redirection target of a RUN, as the shell sees them. */
export function namedValues(node: InstructionNode): string[] {
  return (node.run?.commands ?? []).flatMap((c) => [...c.words, ...c.assignments].map((w) => w.value).concat(c.redirects.map((r) => r.target?.value ?? '')));
}

/** The first of `paths` that a RUN names among its `namedValues`, itself or something inside it. */
export function pathUsed(values: readonly string[], paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  for (const path of paths) {
    for (const v of values) {
      if (v === path || v.startsWith(path + '/')) return path;
      if (path.startsWith('/')) {
        const at = v.indexOf(path);
        const next = at >= 0 ? v[at + path.length] : undefined;
        if (at > 0 && (next === undefined || next === '/' || next === ':') && /[=:]$/.test(v.slice(0, at))) return path;
      }
    }
  }
  return null;
}
