import { posix } from 'node:path';
import { baseName, removedPaths, runNode, spanOf, unwrap } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import { formatMessage, type Rule } from '../engine/rule';
import { lineOf } from '../model/lines';
import { shellText, shellWord } from '../model/shell';
import { stagesInFinalImage } from '../model/scope';
import type { DockerfileModel, InstructionNode, ShellCommand, Word } from '../model/types';
import { normalisePath } from './support/cleanup';
import { mountCovers } from './support/packageTools';
import { archiveStem, unpackedArchive } from './support/madePaths';
import { changeDir, folderOf, nextFolder, resolvedIn, startFolder, workdirOf } from './support/workdir';

/** Folders that exist before any build and hold more than it: never a temporary build folder. */
const SHARED_FOLDERS = new Set(['/', '/tmp', '/var/tmp', '/usr', '/usr/local', '/usr/local/src', '/usr/src', '/opt', '/root', '/home', '/srv', '/var', '/etc', '/build', '/src', '/app']);

/** Options that install into a folder: a prefix inside the build folder means it is kept on purpose. */
const PREFIX = /^(?:--prefix|--root|--exec-prefix|PREFIX|DESTDIR|-DCMAKE_INSTALL_PREFIX(?::PATH)?)=(.*)$/;

/** `make install`, `make -j4 install-strip`, `ninja install`, `cmake --install`, `python setup.py install`. */
function installs(command: ShellCommand): boolean {
  const words = unwrap(command);
  const name = words[0] ? baseName(words[0].value) : '';
  const rest = words.slice(1).map((w) => w.value);
  if (/^(g?make|ninja)$/.test(name)) return rest.some((v) => /^install([-_]\w+)?$/.test(v));
  if (name === 'cmake') return rest.includes('--install') || rest.some((v, i) => v === '--target' && rest[i + 1] === 'install');
  if (/^python[\d.]*$/.test(name)) return rest.some((v, i) => baseName(v) === 'setup.py' && rest[i + 1] === 'install');
  return false;
}

/** Whether a command after the build removes the folder or one holding it, reading relative paths from the folder `cd` left it in. */
function removesFolder(commands: readonly ShellCommand[], folder: string, cwdAtStart: string): boolean {
  let cwd: string | null = cwdAtStart;
  for (const command of commands) {
    const words = unwrap(command);
    if (words[0] && baseName(words[0].value) === 'cd') {
      cwd = changeDir(cwd, words[1]);
      continue;
    }
    for (const path of removedPaths(command) ?? []) {
      const absolute = path.startsWith('/') ? path : cwd === null ? null : `${cwd === '/' ? '' : cwd}/${path}`;
      if (absolute === null) continue;
      if (removes(normalisePath(absolute), folder)) return true;
    }
  }
  return false;
}

function under(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + '/');
}

/** Whether removing a path (maybe with a glob: `/tmp/hdf5-*`) removes `folder` or a folder that holds it. */
function removes(removed: string, folder: string): boolean {
  if (removed === '/') return false;
  return /[*?]/.test(removed) ? globPattern(removed, '(/|$)').test(folder) : under(folder, removed);
}

/** A shell glob's `*` and `?` as a regular expression over paths, followed by `tail`. */
function globPattern(glob: string, tail: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}${tail}`);
}

/**
 * Whether an instruction after `run` names the folder, so it is used after the RUN. With `removals` false, a
 * RUN's command that only removes it is no use: for a folder WORKDIR made, no later RUN's removal saves anything.
 */
function usedLater(model: DockerfileModel, run: InstructionNode, folder: string, removals = true): boolean {
  const mentions = (value: string) => {
    let at = value.indexOf(folder);
    while (at >= 0) {
      const next = value[at + folder.length];
      if (next === undefined || next === '/' || next === ':' || next === '"' || next === "'") return true;
      at = value.indexOf(folder, at + 1);
    }
    return false;
  };
  // A trigger has the index of its ONBUILD.
  for (let k = run.index + 1; k < model.instructions.length; k++) {
    const node = model.instructions[k];
    if (!removals && node.run) {
      const removes = (c: ShellCommand) => (removedPaths(c) ?? []).some((p) => under(folder, normalisePath(p)));
      if (node.run.commands.some((c) => !removes(c) && c.words.concat(c.assignments).some((w) => mentions(w.value)))) return true;
    } else if (node.args.some((a) => mentions(a.value))) return true;
  }
  return false;
}

/**
 * Whether a build in `folder` leaves it behind: no command `after` it removes it (reading relative paths from
 * `cwd`), no mount covers it, and none of the `building` commands installs into it on purpose.
 */
function leftBehind(after: readonly ShellCommand[], building: readonly ShellCommand[], folder: string, cwd: string, flags: NonNullable<InstructionNode['run']>['flags']): boolean {
  if (removesFolder(after, folder, cwd) || mountCovers(flags, new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))) return false;
  return !building.some((c) =>
    c.words.concat(c.assignments).some((w) => {
      const prefix = PREFIX.exec(w.value)?.[1];
      return prefix !== undefined && (!prefix.startsWith('/') || under(normalisePath(prefix), folder));
    }),
  );
}

/**
 * The install command of a RUN that starts in the folder its WORKDIR made and builds there (no `cd` led out of
 * it first), when the RUN leaves the folder behind; else null.
 */
function workdirBuild(run: InstructionNode, workdir: string): ShellCommand | null {
  const { commands, flags } = run.run!;
  let cwd: string | null = workdir;
  for (let k = 0; k < commands.length; k++) {
    const words = unwrap(commands[k]);
    if (words[0] && baseName(words[0].value) === 'cd') {
      cwd = words.length === 2 ? changeDir(cwd, words[1]) : null;
      continue;
    }
    if (cwd === null || !under(cwd, workdir) || !installs(commands[k])) continue;
    // The whole RUN builds in the WORKDIR, so a prefix anywhere in it counts.
    return leftBehind(commands.slice(k + 1), commands, workdir, cwd, flags) ? commands[k] : null;
  }
  return null;
}

/**
 * Whether the stage goes on in the WORKDIR's folder after the RUN: a RUN, COPY or ADD there before a WORKDIR
 * leads elsewhere, or the stage ends in it, so the image starts its container there. After an ONBUILD's trigger,
 * the triggers after it are read so, and the build they run in goes on in the folder where they end.
 */
function workdirUsedAfter(model: DockerfileModel, at: InstructionNode, folder: string): boolean {
  const onbuild = at.trigger !== null;
  for (const node of model.stages[at.stage].instructions) {
    if (node.start <= at.start) continue;
    const i = onbuild ? node.trigger : node;
    if (!i) continue;
    if (i.keyword === 'WORKDIR') {
      const next = nextFolder(folder, i);
      return next === null || under(next, folder);
    }
    if (['RUN', 'COPY', 'ADD'].includes(i.keyword)) return true;
  }
  return true;
}

/** Removing a temporary build folder is safe; elsewhere (`/usr/local/src/tool`) the sources may be kept on purpose. */
function isTemporary(folder: string): boolean {
  return /^\/(var\/)?tmp\//.test(folder) || /build|tmp|temp/i.test(baseName(folder));
}

/** A folder a RUN makes or unpacks, builds and installs from, and then leaves: kept unless a later instruction uses it. */
interface KeptFolder {
  /** Its full path; where the RUN's folder is not known, the relative name it was unpacked as. */
  folder: string;
  /** Whether `folder` is a full path, so that a fix can remove it from `/`. */
  known: boolean;
  /** The word that names it: in mkdir, or in the `cd` into the tree an archive unpacked. */
  word: Word;
  /** How the message writes it: as mkdir did, or as a full path where mkdir wrote a relative one. */
  written: string;
  /** How the fix's rm writes it: as mkdir did, or that full path as shell text; null where that cannot be told. */
  removal: string | null;
  /** The archive it was unpacked from; null for a folder mkdir made. */
  archive: string | null;
}

/** The build folders a RUN keeps, with the RUN (an ONBUILD's trigger, for ONBUILD RUN). */
interface KeptFolders {
  run: InstructionNode;
  /** Read without knowing the folder the RUN starts in. */
  kept: KeptFolder[];
  /** Whether a (top-level) RUN installs a build, maybe in the folder its WORKDIR made. */
  builds: boolean;
}

/**
 * Where a relative path is read when the RUN's folder is not known: a name no image has, so that `cd ..` and
 * `rm -rf tree` after `cd tree` resolve as they would in the real folder.
 */
const UNKNOWN = '/.layerwise-unknown';

/** An archive a RUN unpacked: into which folder, and after how many of its `cd`s. */
interface Unpacked {
  archive: string;
  stem: string;
  /** The folder it was unpacked into, when known. */
  into: string | null;
  /** Unpacked where the RUN was (no `-C`). */
  here: boolean;
  cds: number;
}

/**
 * Whether `name` is the tree an archive unpacks: its name without the extension (`bison-2.7.1`), or that name
 * after a prefix, as a code host's archive of a tag writes it (`cgal-releases-CGAL-4.11` from `CGAL-4.11.tar.gz`,
 * `tool-1.2` from `v1.2.tar.gz`).
 */
function unpacks(stem: string, name: string): boolean {
  return name === stem || name.endsWith(`-${stem}`) || (/^v\d/.test(stem) && name.endsWith(`-${stem.slice(1)}`));
}

/** The build folders a RUN makes and keeps; `start` is the folder it starts in, when known (its WORKDIR). */
function keptFolders(run: InstructionNode, start: string | null): KeptFolder[] {
  const { commands, flags } = run.run!;
  const found: KeptFolder[] = [];
  const made = new Map<string, Word>();
  const unpacked: Unpacked[] = [];
  // Where `cd` has led so far, so that `cd /tmp && mkdir build && cd build` is read as /tmp/build.
  let cwd: string | null = start;
  let cds = 0;
  for (let k = 0; k < commands.length; k++) {
    const words = unwrap(commands[k]);
    const name = words[0] ? baseName(words[0].value) : '';
    if (name === 'mkdir') {
      for (const w of words.slice(1)) {
        const folder = w.value.startsWith('-') ? null : (folderOf(w) ?? (w.expands || /^[~$]/.test(w.value) ? null : changeDir(cwd, w)));
        if (folder && !SHARED_FOLDERS.has(folder)) made.set(folder, w);
      }
      continue;
    }
    const archive = unpackedArchive(commands[k]);
    if (archive) {
      const into = archive.into === null ? cwd : archive.into.startsWith('/') ? normalisePath(archive.into) : cwd === null ? undefined : resolvedIn(cwd, archive.into);
      if (into !== undefined) unpacked.push({ archive: archive.archive, stem: archiveStem(baseName(archive.archive)), into, here: archive.into === null, cds });
      continue;
    }
    if (name !== 'cd') continue;
    const before = cwd;
    const cdsBefore = cds++;
    cwd = words.length === 2 ? changeDir(cwd, words[1]) : null;
    if (words.length !== 2) continue;
    const target = words[1];
    const folder = folderOf(target) ?? changeDir(before, target);
    const mkdir = folder ? made.get(folder) : undefined;
    // The tree an archive unpacked: entered by its full path, or by its name with no other `cd` since the archive
    // was unpacked where the RUN was. Its full path is then read from that folder when it is known (a name with a
    // variable, `mpich-${V}`, as written), and the name stands alone when it is not.
    let tree: Unpacked | undefined;
    let path = folder;
    if (!mkdir && folder) tree = unpacked.find((u) => u.into !== null && posix.dirname(folder) === u.into && unpacks(u.stem, baseName(folder)));
    else if (!mkdir && !target.value.includes('/')) {
      tree = unpacked.find((u) => u.here && u.cds === cdsBefore && unpacks(u.stem, target.value));
      path = before === null ? null : `${before === '/' ? '' : before}/${target.value}`;
    }
    if (!mkdir && !tree) continue;
    if (mkdir && folder) made.delete(folder);
    const after = commands.slice(k + 1);
    if (!after.some(installs)) continue;
    const readAs = path ?? `${UNKNOWN}/${target.value}`;
    if (!leftBehind(after, after, readAs, readAs, flags) || (path === null && removesByName(after, target.value))) continue;
    const written = mkdir ? (folderOf(mkdir) ? mkdir.raw : readAs) : (path ?? target.value);
    // A path put together from the RUN's values is written again as shell text; a `$` in it is read as the
    // expansion the RUN wrote.
    const removal = mkdir && folderOf(mkdir) ? mkdir.raw : shellText(written, /[$`]/.test(written));
    found.push({ folder: path ?? target.value, known: path !== null, word: mkdir ?? target, written, removal, archive: tree ? tree.archive : null });
  }
  // A folder inside another kept one goes with it.
  return found.filter((f) => !found.some((other) => other !== f && f.folder.startsWith(other.folder + '/')));
}

/** Whether a command removes a path whose last part is `name`: read where the RUN's folder is not known. */
function removesByName(commands: readonly ShellCommand[], name: string): boolean {
  return commands.some((c) => (removedPaths(c) ?? []).some((p) => globPattern(baseName(normalisePath(p)), '$').test(name)));
}

export const buildFolderNotRemoved: Rule<KeptFolders> = {
  meta: {
    id: 'build-folder-not-removed',
    title: 'A build in a temporary folder that the RUN does not remove',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'safe',
    messages: {
      kept: "The build folder {folder} stays in this layer: end the RUN with 'cd / && rm -rf {folder}'.",
      unpacked: "The source tree {folder}, unpacked from {archive}, stays in this layer after its install: end the RUN with 'cd / && rm -rf {folder}'.",
      unpackedHere:
        "The source tree {folder}, unpacked from {archive}, stays in this layer after its install: remove it before the RUN ends, from the folder it was unpacked in ('rm -rf {folder}').",
      workdir:
        "The build tree in {folder}, the WORKDIR on line {line}, stays in this layer: end the RUN with 'cd / && rm -rf {folder}'. Removing it in a later RUN saves nothing, as the WORKDIR and this RUN each made their own layer.",
      fix: 'Append && cd / && rm -rf {folder}',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run) return null;
    const kept = keptFolders(run, null);
    // A RUN that installs may build in the folder its WORKDIR made (an ONBUILD WORKDIR for a trigger), which only
    // the check can tell.
    const builds = run.run!.commands.some(installs);
    return kept.length > 0 || builds ? { run, kept, builds } : null;
  },
  check({ model, catalogue, report, collected }) {
    // A stage only copied from leaves no build folder in the image.
    const inImage = stagesInFinalImage(model);
    for (const { node, fact } of collected) {
      if (!inImage.has(node.stage)) continue;
      const { run } = fact;
      const workdir = fact.builds ? workdirOf(model, node) : null;
      // Knowing the folder the RUN starts in (its WORKDIR, or the one the base image leaves), a relative
      // `mkdir build && cd build` is read as a folder inside it.
      const start = fact.builds ? startFolder(model, catalogue, node) : null;
      const kept = start !== null ? keptFolders(run, start) : fact.kept;
      // The tree in a folder of its own that WORKDIR made, not in a shared one such as /app.
      const tree = workdir && !SHARED_FOLDERS.has(workdir.folder) ? workdirBuild(run, workdir.folder) : null;
      const treeLeft = workdir && tree && !workdirUsedAfter(model, node, workdir.folder) && !usedLater(model, run, workdir.folder, false) ? workdir : null;
      if (treeLeft && tree) {
        const folder = treeLeft.folder;
        // The WORKDIR's path is a value, not shell text: quoted where the shell would read it otherwise.
        const edit = appendToRun(model, run, ['cd /', `rm -rf ${shellWord(folder)}`]);
        report({
          span: spanOf(unwrap(tree)),
          messageId: 'workdir',
          data: { folder, line: String(lineOf(model.lineStarts, treeLeft.node.start) + 1) },
          fixes: edit ? [{ title: formatMessage(buildFolderNotRemoved.meta.messages.fix, { folder: shellWord(folder) }), safety: isTemporary(folder) ? 'safe' : 'unsafe', edits: [edit] }] : [],
        });
      }
      for (const { folder, known, word, written, removal, archive } of kept) {
        // Inside the WORKDIR's build tree, which is reported whole.
        if (treeLeft && under(folder, treeLeft.folder)) continue;
        if (usedLater(model, run, folder)) continue;
        // Where the RUN's folder is not known, no fix can name the tree from `/`.
        const edit = known && removal !== null ? appendToRun(model, run, ['cd /', `rm -rf ${removal}`]) : null;
        const temporary = isTemporary(folder);
        report({
          span: { start: word.start, end: word.end },
          messageId: archive === null ? 'kept' : known ? 'unpacked' : 'unpackedHere',
          data: { folder: written, archive: archive ?? '' },
          fixes: edit ? [{ title: formatMessage(buildFolderNotRemoved.meta.messages.fix, { folder: removal ?? '' }), safety: temporary ? 'safe' : 'unsafe', edits: [edit] }] : [],
        });
      }
    }
  },
};
