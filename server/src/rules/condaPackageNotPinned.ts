import type { Rule } from '../engine/rule';
import { installsIn } from './support/packages';

export const condaPackageNotPinned: Rule = {
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
  check({ model, report }) {
    for (const node of model.instructions) {
      for (const { manager, packages } of installsIn(node)) {
        if (manager !== 'conda') continue;
        for (const p of packages) {
          if (p.operator === null) report({ span: { start: p.word.start, end: p.word.end }, messageId: 'unpinned', data: { name: p.name } });
        }
      }
    }
  },
};
