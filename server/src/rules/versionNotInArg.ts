import { formatMessage, type Collected, type Fix, type Rule } from '../engine/rule';
import { instructionProperties } from '../model/properties';
import { ArgsWalk } from '../model/scope';
import type { InstructionNode, Word } from '../model/types';
import { callsIn, forEachWord } from '../engine/commands';
import { cloneBranch, GIT, repositoryName } from './support/git';
import { installsIn, type PackageOperand } from './support/packages';
import { downloadUrls, versionsInUrl } from './support/urls';
import { ShellWalk } from './support/shells';
import { moveVersionToArg, namesDeclared, PendingNames, takenNames, versionArg, type DeclaredNames, type TakenNames, type VersionArg, type VersionUse } from './support/versionArg';

/** Operators that name one exact version, per package manager. */
const EXACT: Record<PackageOperand['manager'], string[]> = { pip: ['==', '==='], conda: ['=', '=='], apt: ['='] };

/** The literal version a package operand pins, up to a build string or a second clause. */
function writtenVersion(p: PackageOperand): string | null {
  if (!p.operator || !EXACT[p.manager].includes(p.operator) || p.version === null) return null;
  const m = /^[A-Za-z0-9][A-Za-z0-9.+~:_*-]*/.exec(p.manager === 'apt' ? p.version : p.version.split('=')[0]);
  if (!m || p.word.value.slice(p.versionAt).startsWith('$')) return null;
  return m[0];
}

/**
 * Scripts a RUN sources only to set up its shell: a login profile, conda's or
 * a virtualenv's hook, rustup's env, the OS's release file. They hold no
 * version of what the RUN downloads or installs.
 */
const SHELL_SETUP = /(?:^|\/)(?:\.bashrc|\.profile|profile|environment|os-release|activate|conda\.sh|mamba\.sh|env)$|\/profile\.d\//;

/**
 * The scripts of the project's own that a RUN sources (`. etc/bashrc`): one
 * sourced before a version is written may set that version too (OpenFOAM's
 * etc/config/scotch.sh names ThirdParty's scotch), where a --build-arg does
 * not reach and the linter cannot read.
 */
function sourcedScripts(target: InstructionNode): Word[] {
  const scripts: Word[] = [];
  for (const command of target.run?.commands ?? []) {
    const [first, script] = command.words;
    if ((first?.value === '.' || first?.value === 'source') && script && !SHELL_SETUP.test(script.value)) scripts.push(script);
  }
  return scripts;
}

/**
 * Where a RUN writes the version of a download again: in other URLs of the
 * same file, and in the archive and folder names it unpacks (`tar xf
 * tool-2.0.tar.gz && cd tool-2.0`), so that a --build-arg changes them all.
 */
function sameVersionIn(target: InstructionNode, url: VersionUse, subject: string, version: string): VersionUse[] {
  const uses: VersionUse[] = [url];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`${escape(subject)}[-_.]?v?(${escape(version)})(?![\\d]|\\.\\d)`, 'g');
  for (const command of target.run?.commands ?? []) {
    for (const word of command.words) {
      if (word.start === url.word.start) continue;
      const other = word.value.includes('://') ? versionsInUrl(word.value).find((v) => v.name === subject && v.version === version) : undefined;
      if (other) {
        uses.push({ word, at: other.at });
        continue;
      }
      const at: number[] = [];
      for (let m = pattern.exec(word.value); m; m = pattern.exec(word.value)) at.push(m.index + m[0].length - version.length);
      if (at.length > 0) uses.push({ word, at });
    }
  }
  return uses;
}

interface WrittenVersion {
  word: Word;
  subject: string;
  version: string;
  /** Where the version stands within the word's value. */
  at: number[];
  messageId: 'package' | 'tag' | 'url';
  /** The tool that installs or fetches it (pip, apt, conda, git), which names its ARG where the plain name is taken. */
  tool: string | null;
}

/** The versions an instruction writes out: pinned packages, clone tags and versioned URLs. */
function versionsWritten(node: InstructionNode): WrittenVersion[] {
  const found: WrittenVersion[] = [];
  for (const install of installsIn(node)) {
    for (const p of install.packages) {
      const version = writtenVersion(p);
      if (version) found.push({ word: p.word, subject: p.name, version, at: [p.versionAt], messageId: 'package', tool: install.manager });
    }
  }
  // `git clone --branch v1.2.3 https://…/tool.git`: the tag is the tool's version.
  for (const clone of callsIn(node, GIT)) {
    const branch = cloneBranch(clone);
    const tag = branch && !branch.word.expands ? /^v?(\d+(?:\.\d+)+)$/.exec(branch.value) : null;
    const repository = clone.operands[0] ? repositoryName(clone.operands[0].value) : null;
    if (!branch || !tag || !repository) continue;
    found.push({ word: branch.word, subject: repository, version: tag[1], at: [branch.at + branch.value.length - tag[1].length], messageId: 'tag', tool: 'git' });
  }
  for (const { word } of downloadUrls(node)) {
    for (const v of versionsInUrl(word.value)) found.push({ word, subject: v.name, version: v.version, at: v.at, messageId: 'url', tool: null });
  }
  return found;
}

/** A version the instruction writes, with every place a --build-arg should change along with it. */
interface Written extends WrittenVersion {
  uses: VersionUse[];
  /** The version's cut forms that the RUN writes (`5.4` of `5.4.0`), which other instructions must not write. */
  shortened: string[];
}

/** What an instruction writes out, and the ARG and ENV names it declares, which a new ARG must not take. */
interface Found {
  written: Written[];
  names: DeclaredNames | null;
  /**
   * The versions the instruction writes anywhere but in a package pin of its own (`ENV PATH=/opt/cmake-3.31.7/bin`,
   * `cd ParaView-4.1.0`), by their dotted numbers: a version moved to an ARG elsewhere would leave these behind.
   */
  mentions: ReadonlySet<string> | null;
  /** A SHELL instruction, which decides whether `$NAME` expands in the RUNs after it. */
  shell: boolean;
  /** The scripts of the project's own that the RUN sources: one sourced before a version may set it too. */
  sourced: Word[];
}

/** The dotted number of a version (`3.31.7` of `1:3.31.7-2`), by which instructions that write it are found. */
function dottedCore(version: string): string | null {
  return /\d+(?:\.\d+)+/.exec(version)?.[0] ?? null;
}

const DOTTED = /(?<![\d.])\d+(?:\.\d+)+(?![\d])/g;
/** `name==1.2`, `name=1.2`: a package's own pin, which has a finding (and an ARG) of its own. */
const PIN = /[\w.+-]={1,3}[\w:~.+-]+/g;

function mentionsIn(node: InstructionNode): ReadonlySet<string> | null {
  const target = node.trigger ?? node;
  if (target.keyword === 'ARG') return null;
  let found: Set<string> | null = null;
  const read = (word: Word) => {
    if (!/\d\.\d/.test(word.value)) return;
    // ENV TOOL_VERSION=1.2 writes the version; in a RUN, `numpy==1.2` is numpy's pin.
    for (const m of (target.run ? word.value.replace(PIN, '') : word.value).matchAll(DOTTED)) (found ??= new Set()).add(m[0]);
  };
  // Word by word, with no list made of them: every instruction of a long file passes here.
  if (!target.run) target.args.forEach(read);
  else for (const c of target.run.commands) forEachWord(c, read);
  return found;
}

/**
 * Where else the RUN writes the version, outside the uses already found and other packages' pins (`cmake
 * -DCMAKE_INSTALL_PREFIX=/usr/local/cgal-4.10`): a --build-arg must change these too.
 */
function otherUsesIn(target: InstructionNode, version: string, uses: VersionUse[]): VersionUse[] {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<=(?:^|[^A-Za-z0-9.])v?)${escaped}(?![0-9]|\\.[0-9])`, 'g');
  const more: VersionUse[] = [];
  for (const command of target.run?.commands ?? []) {
    forEachWord(command, (word) => {
      // Most words do not hold the version at all: no pattern is run, and nothing made, for them.
      if (!word.value.includes(version)) return;
      const taken = new Set(uses.filter((u) => u.word === word).flatMap((u) => u.at));
      const at: number[] = [];
      for (const m of word.value.matchAll(pattern)) {
        if (taken.has(m.index!) || /[\w.+-]={1,3}v?$/.test(word.value.slice(0, m.index))) continue;
        at.push(m.index!);
      }
      if (at.length > 0) more.push({ word, at });
    });
  }
  return more;
}

/**
 * Where the RUN writes the version cut to its first components: ParaView's
 * `files/v5.4/ParaView-v5.4.0.tar.gz` holds 5.4.0 twice, once as `5.4`. A
 * --build-arg must change that too. Only a version of three or more numbers
 * is cut, and to two numbers at least: a lone `5` could be anything.
 */
function shortenedUsesIn(target: InstructionNode, version: string): { uses: VersionUse[]; forms: string[] } {
  const uses: VersionUse[] = [];
  const forms: string[] = [];
  if (!/^\d+(?:\.\d+){2,}$/.test(version)) return { uses, forms };
  const parts = version.split('.');
  for (let cut = 1; parts.length - cut >= 2; cut++) {
    const form = parts.slice(0, -cut).join('.');
    const found = otherUsesIn(target, form, []);
    if (found.length === 0) continue;
    forms.push(form);
    for (const use of found) uses.push({ ...use, cut });
  }
  return { uses, forms };
}

/** The names every collected instruction declares. A loop: flatMap over a long file's ARGs was half of this check. */
function namesOf(collected: ReadonlyArray<Collected<Found>>): DeclaredNames[] {
  const names: DeclaredNames[] = [];
  for (const { fact } of collected) if (fact.names) names.push(fact.names);
  return names;
}

export const versionNotInArg: Rule<Found> = {
  meta: {
    id: 'version-not-in-arg',
    title: 'A version written into an install command or URL rather than kept in an ARG',
    severity: 'hint',
    category: 'versions',
    hadolint: [],
    fix: 'safe',
    messages: {
      package: "'{text}' writes version {version} into the command: keep it in an ARG ({name}) so that --build-arg can change it.{sourced}",
      tag: "'{text}' writes version {version} of {subject} into the command: keep it in an ARG ({name}) so that --build-arg can change it.{sourced}",
      url: "This URL writes version {version} of {subject} into the command: keep it in an ARG ({name}) so that --build-arg can change it.{sourced}",
      sourced: ' The RUN sources {script}: if that sets the version too, change it there as well.',
      held: "'{text}' writes {core} into the command, which {keyword} {variable} above it holds already: write ${variable} in its place, so that the two cannot drift apart.",
      fix: 'Move the version into ARG {name}',
    },
  },
  collect(node) {
    const target = node.trigger ?? node;
    const written = versionsWritten(node).map((f) => {
      const uses = f.messageId === 'url' ? sameVersionIn(target, { word: f.word, at: f.at }, f.subject, f.version) : [{ word: f.word, at: f.at }];
      const shortened = shortenedUsesIn(target, f.version);
      return { ...f, uses: [...uses, ...otherUsesIn(target, f.version, uses), ...shortened.uses], shortened: shortened.forms };
    });
    const names = namesDeclared(node);
    const mentions = mentionsIn(node);
    const shell = node.keyword === 'SHELL';
    const sourced = written.length > 0 ? sourcedScripts(target) : [];
    return written.length > 0 || names || mentions || shell ? { written, names, mentions, shell, sourced } : null;
  },
  local: true,
  check({ model, catalogue, report, collected }) {
    const { messages } = versionNotInArg.meta;
    // Fixes of one pass are applied together, so two new ARGs must not share a name.
    const pending = new PendingNames();
    let stage = Number.NaN;
    // ARG lines that fixes earlier in the stage add, by subject and version.
    const declared = new Map<string, VersionArg>();
    let taken: TakenNames | null = null;
    // The ARGs each instruction sees, gathered along the walk (every ARG is collected, for its names).
    const walk = new ArgsWalk(model);
    // Which instructions write each dotted number, so that a version written again elsewhere is not moved halfway.
    let writers: Map<string, InstructionNode[]> | null = null;
    const writtenElsewhere = (node: InstructionNode, version: string): boolean => {
      if (!writers) {
        writers = new Map();
        for (const c of collected) for (const core of c.fact.mentions ?? []) writers.get(core)?.push(c.node) ?? writers.set(core, [c.node]);
      }
      const core = dottedCore(version);
      return core !== null && (writers.get(core) ?? []).some((other) => other !== node && other.stage >= node.stage);
    };
    // The ENV above the instruction, in its stage, that sets a variable to the version (or its dotted number),
    // which the RUN's shell sees: the message then says to write that variable. No fix: that the two name one
    // thing is for the user to say.
    const heldBy = (node: InstructionNode, version: string): { keyword: string; variable: string; core: string } | null => {
      const core = dottedCore(version);
      for (const other of (core !== null && writers?.get(core)) || []) {
        if (other.keyword !== 'ENV' || other.stage !== node.stage || other.index > node.index) continue;
        const held = instructionProperties(other).find((p) => p.value === version || p.value === core);
        if (held) return { keyword: other.keyword, variable: held.name, core: held.value! };
      }
      return null;
    };
    const shells = new ShellWalk(model, catalogue);
    for (const { node, fact } of collected) {
      walk.reach(node);
      if (fact.shell) shells.saw(node);
      const found = fact.written;
      if (node.stage < 0 || found.length === 0) {
        walk.passed(node);
        continue;
      }
      taken ??= takenNames(model, catalogue, namesOf(collected));
      if (node.stage !== stage) {
        stage = node.stage;
        declared.clear();
      }
      const scope = walk.args;
      const target = node.trigger ?? node;
      // Two URLs of one RUN with the same download's version share one ARG and one fix.
      const shared = new Map<string, { name: string; fix: Fix | null; held: { keyword: string; variable: string; core: string } | null }>();
      for (const f of found) {
        const key = `${f.messageId}|${f.subject}|${f.version}`;
        let move = f.messageId === 'url' ? shared.get(key) : undefined;
        if (!move) {
          const earlier = target.onbuild ? undefined : declared.get(`${f.subject}|${f.version}`);
          const arg = earlier ?? versionArg(target, f.subject, f.version, scope, pending, taken, [f.tool, model.stages[node.stage]?.name ?? null]);
          // A version that other instructions write too cannot move alone: a --build-arg would change only this one.
          // PowerShell and cmd (a Windows image's shell) would keep `$NAME` as it is written.
          const elsewhere = writtenElsewhere(node, f.version) || f.shortened.some((form) => writtenElsewhere(node, form));
          const fix = elsewhere || !shells.posix(node.stage) ? null : moveVersionToArg(model, target, arg, f.version, f.uses, messages.fix);
          move = { name: arg.name, fix, held: fix || !elsewhere ? null : heldBy(node, f.version) };
          shared.set(key, move);
          const declaration = move.fix?.edits[move.fix.edits.length - 1];
          if (!earlier && !arg.reused && !target.onbuild && declaration) declared.set(`${f.subject}|${f.version}`, { name: arg.name, reused: false, declaredBy: declaration });
        }
        const script = fact.sourced.find((w) => w.end <= f.word.start);
        report({
          span: { start: f.word.start, end: f.word.end },
          messageId: move.held ? 'held' : f.messageId,
          data: { text: f.word.value, version: f.version, subject: f.subject, name: move.name, sourced: script ? formatMessage(messages.sourced, { script: script.value }) : '', ...move.held },
          fixes: move.fix ? [move.fix] : [],
        });
      }
      walk.passed(node);
    }
  },
};
