import type { Rule } from '../engine/rule';
import { listedNames } from './pipPackageNotPinned';
import { installsIn, type PackageOperand } from './support/packages';

export const condaPackageNotPinned: Rule<PackageOperand[][]> = {
  meta: {
    id: 'conda-package-not-pinned',
    title: 'conda or mamba install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      unpinned: "'{name}' has no version: write {name}=<version>, or install from an exported --file list, so that a rebuild solves to the same packages.",
      unpinnedMany: '{names} have no version: write each as name=<version>, or install from an exported --file list, so that a rebuild solves to the same packages.',
    },
  },
  /** The unpinned packages of each conda, mamba or micromamba install in the instruction. */
  collect(node) {
    const installs = installsIn(node)
      .filter(({ manager }) => manager === 'conda')
      .map(({ packages }) => packages.filter((p) => p.operator === null))
      .filter((unpinned) => unpinned.length > 0);
    return installs.length > 0 ? installs : null;
  },
  check({ report, collected }) {
    for (const { fact: installs } of collected) {
      // One finding per install command, naming its packages: a list of packages is one decision.
      for (const unpinned of installs) {
        const span = { start: unpinned[0].word.start, end: unpinned[unpinned.length - 1].word.end };
        if (unpinned.length === 1) report({ span, messageId: 'unpinned', data: { name: unpinned[0].name } });
        else report({ span, messageId: 'unpinnedMany', data: { names: listedNames(unpinned.map((p) => p.name)) } });
      }
    }
  },
};
