import type { Rule } from '../engine/rule';
import { installsIn, listedNames, type PackageOperand } from './support/packages';
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
      unpinnedMany: '{count} packages have no version: {names}. Write name=<version> for each, or install from an exported --file list, so that a rebuild solves to the same packages.',
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
      // One finding per install command, over its packages, as pip-package-not-pinned does.
      for (const command of fact) {
        const span = { start: command[0].word.start, end: command[command.length - 1].word.end };
        const fixes = names ? pinFixes(model, facts, names, 'conda', node, command) : undefined;
        if (command.length === 1) report({ span, messageId: 'unpinned', data: { name: command[0].name }, fixes });
        else report({ span, messageId: 'unpinnedMany', data: { count: `${command.length}`, names: listedNames(command) }, fixes });
      }
    }
  },
};
