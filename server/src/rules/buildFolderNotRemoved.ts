import { baseName, removedPaths, runNode, unwrap } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { stagesInFinalImage } from '../model/scope';
import type { DockerfileModel, InstructionNode, ShellCommand, Word } from '../model/types';
import { normalisePath } from './support/cleanup';
import { mountCovers } from './support/packageTools';

/** Folders that exist before any build and hold more than it: never a temporary build folder. */
const SHARED_FOLDERS = new Set(['/', '/tmp', '/var/tmp', '/usr', '/usr/local', '/usr/local/src', '/usr/src', '/opt', '/root', '/home', '/srv', '/var', '/etc', '/build', '/src', '/app']);

/** Options that install into a folder: a prefix inside the build folder means it is kept on purpose. */
const PREFIX = /^(?:--prefix|--root|--exec-prefix|PREFIX|DESTDIR|-DCMAKE_INSTALL_PREFIX(?::PATH)?)=(.*)$/;

/** The folder a word names, when it is absolute and can be compared as written. */
function folderOf(word: Word): string | null {
  const path = word.expands ? word.raw.replace(/^"|"$/g, '') : word.value;
  return path.startsWith('/') ? normalisePath(path) : null;
}

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

/** Where `cd` leads from `cwd`, when both are known: `..` and relative folders resolved. */
function changeDir(cwd: string | null, target: Word | undefined): string | null {
  if (!target) return null;
  const to = folderOf(target);
  if (to) return to;
  if (cwd === null || target.expands) return null;
  let out = cwd;
  for (const part of target.value.split('/')) {
    if (part === '' || part === '.') continue;
    out = part === '..' ? out.slice(0, Math.max(out.lastIndexOf('/'), 0)) || '/' : `${out === '/' ? '' : out}/${part}`;
  }
  return out;
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
      const removed = normalisePath(absolute);
      if (removed !== '/' && under(folder, removed)) return true;
    }
  }
  return false;
}

function under(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + '/');
}

/** Whether an instruction after `run` names the folder, so it is used after the RUN. */
function usedLater(model: DockerfileModel, run: InstructionNode, folder: string): boolean {
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
  for (let k = run.index + 1; k < model.instructions.length; k++) if (model.instructions[k].args.some((a) => mentions(a.value))) return true;
  return false;
}

/** A folder a RUN makes, builds and installs from, and then leaves: kept unless a later instruction uses it. */
interface KeptFolder {
  folder: string;
  /** The word that names it in mkdir. */
  mkdir: Word;
  /** How the fix and the message write it: as mkdir did, or as a full path where mkdir wrote a relative one. */
  written: string;
}

/** The build folders a RUN keeps, with the RUN (an ONBUILD's trigger, for ONBUILD RUN). */
interface KeptFolders {
  run: InstructionNode;
  kept: KeptFolder[];
}

function keptFolders(run: InstructionNode): KeptFolder[] {
  const { commands, flags } = run.run!;
  const found: KeptFolder[] = [];
  const made = new Map<string, Word>();
  // Where `cd` has led so far, so that `cd /tmp && mkdir build && cd build` is read as /tmp/build.
  let cwd: string | null = null;
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
    if (name !== 'cd') continue;
    const before = cwd;
    cwd = words.length === 2 ? changeDir(cwd, words[1]) : null;
    if (words.length !== 2) continue;
    const folder = folderOf(words[1]) ?? changeDir(before, words[1]);
    const mkdir = folder ? made.get(folder) : undefined;
    if (!folder || !mkdir) continue;
    made.delete(folder);
    const after = commands.slice(k + 1);
    if (!after.some(installs)) continue;
    if (removesFolder(after, folder, folder) || mountCovers(flags, new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))) continue;
    const keptOnPurpose = after.some((c) =>
      c.words.concat(c.assignments).some((w) => {
        const prefix = PREFIX.exec(w.value)?.[1];
        return prefix !== undefined && (!prefix.startsWith('/') || under(normalisePath(prefix), folder));
      }),
    );
    if (!keptOnPurpose) found.push({ folder, mkdir, written: folderOf(mkdir) ? mkdir.raw : folder });
  }
  // A folder inside another kept one goes with it.
  return found.filter((f) => !found.some((other) => other !== f && f.folder.startsWith(other.folder + '/')));
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
      fix: 'Append && cd / && rm -rf {folder}',
    },
  },
  collect(node) {
    const run = runNode(node);
    const kept = run ? keptFolders(run) : [];
    return kept.length > 0 ? { run: run!, kept } : null;
  },
  check({ model, report, collected }) {
    // A stage only copied from leaves no build folder in the image.
    const inImage = stagesInFinalImage(model);
    for (const { node, fact } of collected) {
      if (!inImage.has(node.stage)) continue;
      const { run } = fact;
      for (const { folder, mkdir, written } of fact.kept) {
        if (usedLater(model, run, folder)) continue;
        const edit = appendToRun(model, run, ['cd /', `rm -rf ${written}`]);
        // Removing a temporary build folder is safe; elsewhere (`/usr/local/src/tool`) the sources may be kept on purpose.
        const temporary = /^\/(var\/)?tmp\//.test(folder) || /build|tmp|temp/i.test(baseName(folder));
        report({
          span: { start: mkdir.start, end: mkdir.end },
          messageId: 'kept',
          data: { folder: written },
          fixes: edit ? [{ title: buildFolderNotRemoved.meta.messages.fix.replace('{folder}', written), safety: temporary ? 'safe' : 'unsafe', edits: [edit] }] : [],
        });
      }
    }
  },
};
