// The folder an instruction runs in, as its stage's WORKDIRs and a RUN's `cd`s tell it: read by the rules that
// compare a relative path in a RUN with an absolute one.
import type { Catalogue } from '../../catalogue/catalogue';
import { stageChain } from '../../model/scope';
import type { DockerfileModel, InstructionNode, Word } from '../../model/types';
import { stageBase } from './baseImage';
import { normalisePath } from './cleanup';

/** The folder a word names, when it is absolute and can be compared as written. */
export function folderOf(word: Word): string | null {
  const path = word.expands ? word.raw.replace(/^"|"$/g, '') : word.value;
  return path.startsWith('/') ? normalisePath(path) : null;
}

/** Where `cd` leads from `cwd`, when both are known: `..` and relative folders resolved. */
export function changeDir(cwd: string | null, target: Word | undefined): string | null {
  if (!target) return null;
  const to = folderOf(target);
  if (to) return to;
  if (cwd === null || target.expands) return null;
  return resolvedIn(cwd, target.value);
}

/** The full path of a relative one read in `folder` (absolute): `.` and `..` resolved. */
export function resolvedIn(folder: string, relative: string): string {
  let out = folder;
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    out = part === '..' ? out.slice(0, Math.max(out.lastIndexOf('/'), 0)) || '/' : `${out === '/' ? '' : out}/${part}`;
  }
  return out;
}

/** The folder a WORKDIR leads to from `folder`, or null where it cannot be read (a variable, or relative to an unknown one). */
export function nextFolder(folder: string | null, workdir: InstructionNode): string | null {
  const path = workdirPath(workdir);
  if (path === null) return null;
  // A relative WORKDIR goes on from the one before; before any, from the base image's, which is not known here.
  return path.startsWith('/') ? normalisePath(path) : folder === null ? null : resolvedIn(folder, path);
}

/**
 * The path a WORKDIR names, as the builder reads it: its whole argument, out of the quotes around it
 * (`WORKDIR "/app"` is /app). Null for what is not read here: a variable, a path with a space (one argument to the
 * builder, two words here), a quote or an escape inside it.
 */
function workdirPath(workdir: InstructionNode): string | null {
  if (workdir.args.length !== 1 || workdir.args[0].expands) return null;
  const written = workdir.args[0].value;
  const path = /^(["'])(.*)\1$/.exec(written)?.[2] ?? written;
  return /["'\\]/.test(path) ? null : path;
}

/**
 * The WORKDIR an instruction of a stage runs in, when the stage sets one that can be read as written. An ONBUILD's
 * trigger runs in the image built FROM this stage, before any of that build's own instructions: it starts where
 * this stage ends (its last WORKDIR, wherever it stands) and follows the ONBUILD WORKDIRs before it.
 */
export function workdirOf(model: DockerfileModel, node: InstructionNode): { folder: string; node: InstructionNode } | null {
  let folder: string | null = null;
  let workdir: InstructionNode | null = null;
  const stage = model.stages[node.stage]?.instructions ?? [];
  for (const i of stage) {
    if (!node.trigger && i.start >= node.start) break;
    if (i.keyword !== 'WORKDIR') continue;
    folder = nextFolder(folder, i);
    workdir = i;
  }
  if (node.trigger) {
    for (const i of stage) {
      if (i.start >= node.start) break;
      if (i.trigger?.keyword !== 'WORKDIR') continue;
      folder = nextFolder(folder, i.trigger);
      workdir = i;
    }
  }
  return folder !== null && workdir ? { folder, node: workdir } : null;
}

/**
 * The folder an instruction starts in: the WORKDIRs of its stage and of the stages it is built FROM, read from
 * the one the base image leaves (the catalogue's `workdir`: `/` for an OS image, which sets none). Null when
 * a WORKDIR cannot be read, when the catalogue does not know the image, or when an ONBUILD WORKDIR of an
 * earlier stage may run first. An ONBUILD's trigger starts where workdirOf says.
 */
export function startFolder(model: DockerfileModel, catalogue: Catalogue, node: InstructionNode): string | null {
  if (node.trigger) return workdirOf(model, node)?.folder ?? null;
  const stage = model.stages[node.stage];
  if (!stage) return null;
  const base = stageBase(model, catalogue, stage);
  let folder: string | null = base.known?.workdir ?? null;
  for (const s of stageChain(model, stage).reverse()) {
    for (const i of s.instructions) {
      if (s === stage && i.start >= node.start) break;
      if (i.trigger?.keyword === 'WORKDIR') return null;
      if (i.keyword === 'WORKDIR') folder = nextFolder(folder, i);
    }
  }
  return folder;
}
