import { hasOption } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Redirect, Word } from '../model/types';
import { installsIn, pipPackages, pipUpgrades } from './support/packages';
import { hasPinSources, PinNames, pinFixes } from './support/pins';

/** A package a `pip install` names without a version, or (with no name) a VCS URL without a ref. */
interface Unpinned {
  word: Word;
  name: string | null;
  /** The `>…` the shell took as a redirection, when the version was written unquoted. */
  redirect: Redirect | null;
  /** Which install command of the instruction names it, so a pin fix can pin the whole command. */
  call: number;
}

export const pipPackageNotPinned: Rule<Unpinned[]> = {
  meta: {
    id: 'pip-package-not-pinned',
    title: 'pip install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3013'],
    fix: 'unsafe',
    messages: {
      unpinned: "'{name}' has no version: write {name}==<version>, or install from a requirements file, so that a rebuild installs the same one.",
      redirect: "'{text}' is not quoted, so the shell reads '>' as a redirection to a file and pip installs '{name}' with no version: quote it, as \"{text}\".",
      vcs: "'{text}' names no ref: add @<tag or commit> so that a rebuild installs the same code.",
    },
  },
  collect(node) {
    const found: Unpinned[] = [];
    for (const [index, { call, manager }] of installsIn(node).entries()) {
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
        found.push({ word: p.word, name: p.name, redirect, call: index });
      }
      for (const word of unpinnedVcs) found.push({ word, name: null, redirect: null, call: index });
    }
    return found.length > 0 ? found : null;
  },
  local: true,
  check({ model, catalogue, facts, report, collected }) {
    const names = hasPinSources(facts, 'pip') ? new PinNames(model, catalogue) : null;
    for (const { node, fact } of collected) {
      for (const { word, name, redirect, call } of fact) {
        if (name === null) report({ span: { start: word.start, end: word.end }, messageId: 'vcs', data: { text: word.value } });
        else if (redirect) {
          const written = model.text.slice(word.start, redirect.end);
          report({ span: { start: word.start, end: redirect.end }, messageId: 'redirect', data: { name, text: written } });
        } else {
          const command = names ? fact.filter((u): u is typeof u & { name: string } => u.call === call && u.name !== null && !u.redirect) : [];
          const fixes = names ? pinFixes(model, facts, names, 'pip', node, command, { word, name }) : undefined;
          report({ span: { start: word.start, end: word.end }, messageId: 'unpinned', data: { name }, fixes });
        }
      }
    }
  },
};
