import { hasOption } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Redirect, Word } from '../model/types';
import { installsIn, pipPackages, pipUpgrades } from './support/packages';

/** A package a `pip install` names without a version, or (with no name) a VCS URL without a ref. */
interface Unpinned {
  word: Word;
  name: string | null;
  /** The `>…` the shell took as a redirection, when the version was written unquoted. */
  redirect: Redirect | null;
}

/** How many names a message lists before it says how many more there are. */
const LISTED = 4;

/** The names of several packages for one message: `'a', 'b', 'c', 'd' and 2 more`. */
export function listedNames(names: readonly string[]): string {
  const listed = names.slice(0, LISTED).map((n) => `'${n}'`).join(', ');
  return names.length > LISTED ? `${listed} and ${names.length - LISTED} more` : listed;
}

export const pipPackageNotPinned: Rule<Unpinned[][]> = {
  meta: {
    id: 'pip-package-not-pinned',
    title: 'pip install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3013'],
    fix: null,
    messages: {
      unpinned: "'{name}' has no version: write {name}==<version>, or install from a requirements file, so that a rebuild installs the same one.",
      unpinnedMany: '{names} have no version: write each as name==<version>, or install from a requirements file, so that a rebuild installs the same ones.',
      redirect: "'{text}' is not quoted, so the shell reads '>' as a redirection to a file and pip installs '{name}' with no version: quote it, as \"{text}\".",
      vcs: "'{text}' names no ref: add @<tag or commit> so that a rebuild installs the same code.",
    },
  },
  collect(node) {
    // Grouped by install command: one finding names all the packages of one command.
    const groups: Unpinned[][] = [];
    for (const { call, manager } of installsIn(node)) {
      const found: Unpinned[] = [];
      groups.push(found);
      if (manager !== 'pip') continue;
      // A constraints file pins whatever the command names; with a requirements file, hadolint leaves the
      // whole command alone, and so does Layerwise, to agree with it.
      if (hasOption([...call.globalOptions, ...call.args], ['--constraint', '--requirement'], ['c', 'r'])) continue;
      const upgrade = pipUpgrades(call);
      const { packages, unpinnedVcs } = pipPackages(call);
      for (const p of packages) {
        if (p.operator !== null) continue;
        // Upgrading pip itself is left to generic-upgrade, which reports it mildly.
        if (upgrade && p.name.toLowerCase() === 'pip') continue;
        // `pkg>=1.0` unquoted: the shell takes `>=1.0` as a redirection, and pip never sees the version.
        const redirect = call.command.redirects.find((r) => r.start === p.word.end && r.op.startsWith('>')) ?? null;
        found.push({ word: p.word, name: p.name, redirect });
      }
      for (const word of unpinnedVcs) found.push({ word, name: null, redirect: null });
    }
    const unpinned = groups.filter((g) => g.length > 0);
    return unpinned.length > 0 ? unpinned : null;
  },
  local: true,
  check({ model, report, collected }) {
    for (const { fact } of collected) {
      for (const group of fact) {
        const plain: Array<{ word: Word; name: string }> = [];
        for (const { word, name, redirect } of group) {
          if (name === null) report({ span: { start: word.start, end: word.end }, messageId: 'vcs', data: { text: word.value } });
          else if (redirect) {
            const written = model.text.slice(word.start, redirect.end);
            report({ span: { start: word.start, end: redirect.end }, messageId: 'redirect', data: { name, text: written } });
          } else plain.push({ word, name });
        }
        // One finding per command, as hadolint gives one per RUN: a list of packages is one decision.
        if (plain.length === 1) report({ span: { start: plain[0].word.start, end: plain[0].word.end }, messageId: 'unpinned', data: { name: plain[0].name } });
        else if (plain.length > 1) {
          report({ span: { start: plain[0].word.start, end: plain[plain.length - 1].word.end }, messageId: 'unpinnedMany', data: { names: listedNames(plain.map((p) => p.name)) } });
        }
      }
    }
  },
};
