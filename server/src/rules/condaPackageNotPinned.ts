import type { Rule } from '../engine/rule';
import { installsIn, type PackageOperand } from './support/packages';

export const condaPackageNotPinned: Rule<PackageOperand[]> = {
  meta: {
    id: 'conda-package-not-pinned',
    title: 'conda or mamba install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      unpinned: "'{name}' has no version: write {name}=<version>, or install from an exported --file list, so that a rebuild solves to the same packages.",
    },
  },
  collect(node) {
    const unpinned = installsIn(node).flatMap(({ manager, packages }) => (manager === 'conda' ? packages.filter((p) => p.operator === null) : []));
    return unpinned.length > 0 ? unpinned : null;
  },
  check({ report, collected }) {
    for (const { fact } of collected) {
      for (const p of fact) report({ span: { start: p.word.start, end: p.word.end }, messageId: 'unpinned', data: { name: p.name } });
    }
  },
};
