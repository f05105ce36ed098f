import { baseName, runNode, unwrap } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import { formatMessage, type Rule } from '../engine/rule';
import { shellText } from '../model/shell';
import type { DockerfileModel, InstructionNode, ShellCommand, Word } from '../model/types';
import { inFinalImage } from './support/collected';
import { optionWord, urlName } from './support/madePaths';
import { changeDir, resolvedIn, workdirOf } from './support/workdir';

/** Installers and archives: once run or unpacked, the file itself is waste. A binary saved where it runs is not. */
const INSTALLER = /\.(sh|run|bin|tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|zip|deb|rpm|whl|exe|msi)$/i;

/** A file a RUN downloads: the URL, and where it is saved. */
interface Download {
  url: Word;
  path: string;
  /** The path as shell text, for the fix's `rm`; null where the RUN's text of it cannot be told (no fix then). */
  written: string | null;
  /** After the download, the RUN changes folder: a relative path then no longer names the file. */
  movesOn: boolean;
  /**
   * A relative file saved before any `cd`: the commands after it (from `next` on) may remove it by its full path in
   * the WORKDIR (`WORKDIR /opt/` … `rm /opt/x.tar.xz`), which only the check can read.
   */
  inWorkdir: boolean;
  /** The index of the first command after the download. */
  next: number;
  /** The file's full path where the RUN tells it (an absolute path, or one saved after a `cd` to one). */
  full: string | null;
}

/** The folder a RUN starts in, when no `cd` has told it: its WORKDIR, which only the check can read. */
const START = '/.layerwise-start';

/** `cd`, `pushd` or `popd`: after it, a relative path names a file of another folder. */
function changesFolder(word: Word | undefined): boolean {
  return ['cd', 'pushd', 'popd'].includes(baseName(word?.value ?? ''));
}

/**
 * Where `wget` or `curl` saves a URL (null for standard output: `curl` alone, `-O-`, `-o -`), and that path as
 * shell text that gives it (`"/tmp/my file.tgz"` as written, a URL's file name quoted where it must be), or null
 * where that cannot be told.
 */
function savedAs(command: ShellCommand): Array<{ url: Word; path: string; written: string | null }> {
  const words = unwrap(command);
  const name = words[0] ? baseName(words[0].value) : '';
  const args = words.slice(1);
  const urls = args.filter((w) => /^(https?|ftp):\/\//i.test(w.value));
  if (urls.length !== 1) return [];
  const url = urls[0];
  const file = urlName(url.value);
  const fileWritten = file === null ? null : shellText(file, url.expands);
  if (name === 'wget') {
    const out = optionWord(args, 'O', '--output-document');
    // `-O -`, `-qO-`, `--output-document=-`: to standard output.
    if (out?.value === '-' || args.some((w) => /^-[A-Za-z]*O-$/.test(w.value))) return [];
    if (out) return [{ url, path: out.value, written: out.written }];
    if (!file) return [];
    const dir = optionWord(args, 'P', '--directory-prefix');
    if (!dir) return [{ url, path: file, written: fileWritten }];
    const written = dir.written === null || fileWritten === null ? null : `${dir.written.replace(/\/+$/, '')}/${fileWritten}`;
    return [{ url, path: `${dir.value.replace(/\/+$/, '')}/${file}`, written }];
  }
  if (name === 'curl') {
    const out = optionWord(args, 'o', '--output');
    if (out) return out.value === '-' ? [] : [{ url, path: out.value, written: out.written }];
    const remote = args.some((w) => w.value === '--remote-name' || /^-[A-Za-z]*O[A-Za-z]*$/.test(w.value));
    return remote && file ? [{ url, path: file, written: fileWritten }] : [];
  }
  return [];
}

/**
 * Whether a command removes the path: `rm` of it, of its folder, or of a glob in its folder. Read in `dir` when
 * the RUN's folder is known there (then `path` is a full one): `rm cmake.tar.gz` after `cd cmake-3.31.7` removes
 * nothing (the corpus's OpenFOAM v2012). Otherwise the words are compared as written.
 */
function removes(command: ShellCommand, path: string, dir: string | null): boolean {
  const words = unwrap(command);
  if (!words[0] || baseName(words[0].value) !== 'rm') return false;
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null;
  return words.slice(1).some((w) => {
    if (w.value.startsWith('-')) return false;
    const v = (dir === null || w.value.startsWith('/') ? w.value : resolvedIn(dir, w.value)).replace(/\/+$/, '');
    return v === path || (folder !== null && (v === folder || v === `${folder}/*` || path.startsWith(`${v}/`))) || (v.endsWith('*') && path.startsWith(v.slice(0, -1)));
  });
}

/**
 * Where `cd cmake-${VERSION}` leads: a folder below this one whose name is not known, but whose `..` is this one
 * again. Null for any other target that cannot be read (`cd $HOME`, `cd -`).
 */
function intoSubfolder(at: string, target: Word, where: number): string | null {
  const value = target.value;
  if (value.startsWith('/') || value.startsWith('~') || value.startsWith('$') || value === '-' || value.includes('..')) return null;
  return resolvedIn(at, `.layerwise-folder-${where}`);
}

/**
 * Whether the commands after a download remove it, following the RUN's `cd`s from the folder it was saved in
 * (`dir`; START when not known). Where a folder change cannot be read (`cd $DIR`, `pushd`), an `rm` of the name
 * counts, as it may well be the file.
 */
function removedAfter(commands: readonly ShellCommand[], path: string, dir: string): boolean {
  const file = path.startsWith('/') ? path : resolvedIn(dir, path);
  let at: string | null = dir;
  for (const command of commands) {
    const words = unwrap(command);
    const name = baseName(words[0]?.value ?? '');
    if (name === 'cd') at = at !== null && words.length === 2 ? (changeDir(at, words[1]) ?? intoSubfolder(at, words[1], command.start)) : null;
    else if (name === 'pushd' || name === 'popd') at = null;
    else if (at !== null ? removes(command, file, at) : removes(command, path, null) || removes(command, file, null)) return true;
  }
  return false;
}

function readDownloads(node: InstructionNode): { run: InstructionNode; downloads: Download[] } | null {
  const run = runNode(node);
  if (!run?.run || run.run.form === 'exec') return null;
  const commands = run.run.commands;
  const downloads: Download[] = [];
  // The folder the RUN is in, where a `cd` to an absolute path tells it: a relative file is also known by its full path.
  let cwd: string | null = null;
  let changedFolder = false;
  commands.forEach((command, i) => {
    const words = unwrap(command);
    if (changesFolder(words[0])) changedFolder = true;
    if (words[0]?.value === 'cd') {
      cwd = words.length === 2 ? changeDir(cwd, words[1]) : null;
      return;
    }
    for (const { url, path, written } of savedAs(command)) {
      if (!INSTALLER.test(path)) continue;
      const later = commands.slice(i + 1);
      const full = path.startsWith('/') ? path : cwd !== null ? resolvedIn(cwd, path) : null;
      if (removedAfter(later, path, cwd ?? START)) continue;
      // Moved or copied elsewhere, the file is kept on purpose.
      if (later.some((c) => ['mv', 'cp', 'install'].includes(baseName(unwrap(c)[0]?.value ?? '')) && c.words.some((w) => w.value === path))) continue;
      const movesOn = later.some((c) => changesFolder(c.words[0]));
      downloads.push({ url, path, written, movesOn, inWorkdir: !path.startsWith('/') && !changedFolder, next: i + 1, full });
    }
  });
  return downloads.length > 0 ? { run, downloads } : null;
}

export const downloadNotRemoved: Rule<{ run: InstructionNode; downloads: Download[] }> = {
  meta: {
    id: 'download-not-removed',
    title: 'An installer or archive downloaded in a RUN and never deleted',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      kept: "'{path}' is downloaded and never deleted, so it stays in this layer after it has been installed or unpacked: remove it before the RUN ends.",
      removedLater:
        "'{path}' is downloaded here and deleted only by a later RUN, so it stays in this layer (a later layer only hides it): remove it before this RUN ends.",
      fix: 'Append && rm -f {path} (a later instruction can no longer use it)',
    },
  },
  collect: readDownloads,
  check({ model, report, collected }) {
    for (const { node, fact } of inFinalImage(model, collected)) {
      const workdir = fact.downloads.some((d) => d.inWorkdir) ? workdirOf(model, node) : null;
      const commands = fact.run.run!.commands;
      for (const d of fact.downloads) {
        if (workdir && d.inWorkdir && removedAfter(commands.slice(d.next), d.path, workdir.folder)) continue;
        const file = d.full ?? (workdir && d.inWorkdir ? resolvedIn(workdir.folder, d.path) : null);
        // A relative path names the file only while the RUN stays in the folder it was saved in; one that starts
        // with `-` would be read by rm as an option.
        const written = d.written !== null && !d.path.startsWith('-') && (d.path.startsWith('/') || !d.movesOn) ? d.written : null;
        const edit = written !== null ? appendToRun(model, fact.run, [`rm -f ${written}`]) : null;
        report({
          span: { start: d.url.start, end: d.url.end },
          messageId: file !== null && removedByLaterRun(model, node, file) ? 'removedLater' : 'kept',
          data: { path: d.path },
          fixes: edit ? [{ title: formatMessage(downloadNotRemoved.meta.messages.fix, { path: written ?? '' }), safety: 'unsafe', edits: [edit] }] : [],
        });
      }
    }
  },
};

/** Whether a later RUN of the stage removes the file (a full path), read in its WORKDIR where the stage sets one. */
function removedByLaterRun(model: DockerfileModel, node: InstructionNode, file: string): boolean {
  const stage = model.stages[node.stage]?.instructions ?? [];
  return stage.some((later) => {
    if (later.start <= node.start || !later.run || later.run.form === 'exec') return false;
    return removedAfter(later.run.commands, file, workdirOf(model, later)?.folder ?? START);
  });
}
