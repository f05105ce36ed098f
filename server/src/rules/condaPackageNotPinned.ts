import type { Rule } from '../engine/rule';
import { installsIn, type PackageOperand } from './support/packages';
import { hasPinSources, PinNames, pinFixes } from './support/pins';

export const condaPackageNotPinned: Rule<PackageOperand[][]> = {
  meta: {
    id: 'conda-package-not-pinned',
    title: 'conda or mamba install of a package without a version',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      unpinned: "'{name}' has no version: write {name}=<version>, or install from an exported --file list, so that a rebuild solves to the same packages.",
    },
  },
  collect(node) {
    // One list per install command, so a pin fix can pin the whole command.
    const unpinned = installsIn(node).flatMap(({ manager, packages }) => {
      const command = manager === 'conda' ? packages.filter((p) => p.operator === null) : [];
      return command.length > 0 ? [command] : [];
    });
    return unpinned.length > 0 ? unpinned : null;
  },
  check({ model, catalogue, facts, report, collected }) {
    const names = hasPinSources(facts, 'conda') ? new PinNames(model, catalogue) : null;
    for (const { node, fact } of collected) {
      for (const command of fact) {
        for (const p of command) {
          const fixes = names ? pinFixes(model, facts, names, 'conda', node, command, p) : undefined;
          report({ span: { start: p.word.start, end: p.word.end }, messageId: 'unpinned', data: { name: p.name }, fixes });
        }
      }
    }
  },
};
