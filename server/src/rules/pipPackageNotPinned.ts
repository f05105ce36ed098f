import type { Rule } from '../engine/rule';
import type { Redirect, Word } from '../model/types';
import { installsIn, listedNames, pipRequirements, pipUpgrades, type PackageOperand } from './support/packages';
import { hasPinSources, PinNames, pinFixes } from './support/pins';

/** What one pip or pipx install command leaves unpinned. */
interface UnpinnedCommand {
  /** The packages named without a version: one finding names them all. */
  packages: PackageOperand[];
  /** `pkg>=1.0` unquoted: the shell took `>…` as a redirection, so pip never saw the version. One finding each. */
  redirects: Array<{ word: Word; name: string; redirect: Redirect }>;
  /** VCS URLs without a ref: one finding each, since each needs its own ref. */
  vcs: Word[];
  /** `pipx inject`, which hadolint's DL3013 does not read. */
  inject: boolean;
}

export const pipPackageNotPinned: Rule<UnpinnedCommand[]> = {
  meta: {
    id: 'pip-package-not-pinned',
    title: 'pip install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3013'],
    fix: 'unsafe',
    messages: {
      unpinned: "'{name}' has no version: write {name}==<version>, or install from a requirements file, so that a rebuild installs the same one.",
      unpinnedMany: '{count} packages have no version: {names}. Write name==<version> for each, or install from a requirements file, so that a rebuild installs the same ones.',
      redirect: "'{text}' is not quoted, so the shell reads '>' as a redirection to a file and pip installs '{name}' with no version: quote it, as \"{text}\".",
      vcs: "'{text}' names no ref: add @<tag or commit> so that a rebuild installs the same code.",
    },
  },
  collect(node) {
    const found: UnpinnedCommand[] = [];
    for (const { call, manager } of installsIn(node)) {
      if (manager !== 'pip') continue;
      const { packages, unpinnedVcs, fromFile } = pipRequirements(call);
      // A constraints file pins whatever the command names; with a requirements file, hadolint leaves the
      // whole command alone, and so does Layerwise, to agree with it.
      if (fromFile) continue;
      const upgrade = pipUpgrades(call);
      const unpinned: UnpinnedCommand = { packages: [], redirects: [], vcs: unpinnedVcs, inject: call.subcommand?.value === 'inject' };
      for (const p of packages) {
        if (p.operator !== null) continue;
        // Upgrading pip itself is left to generic-upgrade, which reports it mildly.
        if (upgrade && p.name.toLowerCase() === 'pip') continue;
        const redirect = call.command.redirects.find((r) => r.start === p.word.end && r.op.startsWith('>'));
        if (redirect) unpinned.redirects.push({ word: p.word, name: p.name, redirect });
        else unpinned.packages.push(p);
      }
      if (unpinned.packages.length + unpinned.redirects.length + unpinned.vcs.length > 0) found.push(unpinned);
    }
    return found.length > 0 ? found : null;
  },
  local: true,
  check({ model, catalogue, facts, report, collected }) {
    const names = hasPinSources(facts, 'pip') ? new PinNames(model, catalogue) : null;
    for (const { node, fact } of collected) {
      for (const { packages, redirects, vcs, inject } of fact) {
        const hadolint = inject ? null : undefined;
        if (packages.length > 0) {
          // One finding per install command, over its packages: a long list is one decision, and the pin
          // fixes offer the whole command and, where the cursor is, the package under it.
          const span = { start: packages[0].word.start, end: packages[packages.length - 1].word.end };
          const fixes = names ? pinFixes(model, facts, names, 'pip', node, packages) : undefined;
          const count = new Set(packages.map((p) => p.name)).size;
          if (count === 1) report({ span, messageId: 'unpinned', data: { name: packages[0].name }, fixes, hadolint });
          else report({ span, messageId: 'unpinnedMany', data: { count: `${count}`, names: listedNames(packages) }, fixes, hadolint });
        }
        for (const { word, name, redirect } of redirects) {
          const written = model.text.slice(word.start, redirect.end);
          report({ span: { start: word.start, end: redirect.end }, messageId: 'redirect', data: { name, text: written }, hadolint });
        }
        for (const word of vcs) report({ span: { start: word.start, end: word.end }, messageId: 'vcs', data: { text: word.value }, hadolint });
      }
    }
  },
};
