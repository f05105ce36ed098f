import type { Collected, Fix, Rule } from '../engine/rule';
import { ArgsWalk } from '../model/scope';
import type { InstructionNode, Word } from '../model/types';
import { callsIn } from '../engine/commands';
import { cloneBranch, GIT, repositoryName } from './support/git';
import { installsIn, type PackageOperand } from './support/packages';
import { downloadUrls, versionInUrl } from './support/urls';
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
      const other = word.value.includes('://') ? versionInUrl(word.value) : null;
      if (other && other.name === subject && other.version === version) {
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
}

/** The versions an instruction writes out: pinned packages, clone tags and versioned URLs. */
function versionsWritten(node: InstructionNode): WrittenVersion[] {
  const found: WrittenVersion[] = [];
  for (const install of installsIn(node)) {
    for (const p of install.packages) {
      const version = writtenVersion(p);
      if (version) found.push({ word: p.word, subject: p.name, version, at: [p.versionAt], messageId: 'package' });
    }
  }
  // `git clone --branch v1.2.3 https://…/tool.git`: the tag is the tool's version.
  for (const clone of callsIn(node, GIT)) {
    const branch = cloneBranch(clone);
    const tag = branch && !branch.word.expands ? /^v?(\d+(?:\.\d+)+)$/.exec(branch.value) : null;
    const repository = clone.operands[0] ? repositoryName(clone.operands[0].value) : null;
    if (!branch || !tag || !repository) continue;
    found.push({ word: branch.word, subject: repository, version: tag[1], at: [branch.at + branch.value.length - tag[1].length], messageId: 'tag' });
  }
  for (const { word } of downloadUrls(node)) {
    const v = versionInUrl(word.value);
    if (v) found.push({ word, subject: v.name, version: v.version, at: v.at, messageId: 'url' });
  }
  return found;
}

/** A version the instruction writes, with every place a --build-arg should change along with it. */
interface Written extends WrittenVersion {
  uses: VersionUse[];
}

/** What an instruction writes out, and the ARG and ENV names it declares, which a new ARG must not take. */
interface Found {
  written: Written[];
  names: DeclaredNames | null;
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
      package: "'{text}' writes version {version} into the command: keep it in an ARG ({name}) so that --build-arg can change it.",
      tag: "'{text}' writes version {version} of {subject} into the command: keep it in an ARG ({name}) so that --build-arg can change it.",
      url: "This URL writes version {version} of {subject} into the command: keep it in an ARG ({name}) so that --build-arg can change it.",
      fix: 'Move the version into ARG {name}',
    },
  },
  collect(node) {
    const target = node.trigger ?? node;
    const written = versionsWritten(node).map((f) => ({
      ...f,
      uses: f.messageId === 'url' ? sameVersionIn(target, { word: f.word, at: f.at }, f.subject, f.version) : [{ word: f.word, at: f.at }],
    }));
    const names = namesDeclared(node);
    return written.length > 0 || names ? { written, names } : null;
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
    for (const { node, fact } of collected) {
      walk.reach(node);
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
      const shared = new Map<string, { name: string; fix: Fix | null }>();
      for (const f of found) {
        const key = `${f.messageId}|${f.subject}|${f.version}`;
        let move = f.messageId === 'url' ? shared.get(key) : undefined;
        if (!move) {
          const earlier = target.onbuild ? undefined : declared.get(`${f.subject}|${f.version}`);
          const arg = earlier ?? versionArg(target, f.subject, f.version, scope, pending, taken);
          move = { name: arg.name, fix: moveVersionToArg(model, target, arg, f.version, f.uses, messages.fix) };
          shared.set(key, move);
          const declaration = move.fix?.edits[move.fix.edits.length - 1];
          if (!earlier && !arg.reused && !target.onbuild && declaration) declared.set(`${f.subject}|${f.version}`, { name: arg.name, reused: false, declaredBy: declaration });
        }
        report({
          span: { start: f.word.start, end: f.word.end },
          messageId: f.messageId,
          data: { text: f.word.value, version: f.version, subject: f.subject, name: move.name },
          fixes: move.fix ? [move.fix] : [],
        });
      }
      walk.passed(node);
    }
  },
};
