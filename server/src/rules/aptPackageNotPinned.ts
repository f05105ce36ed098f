import type { Rule } from '../engine/rule';
import { installsIn, listedNames, type PackageOperand } from './support/packages';

export const aptPackageNotPinned: Rule<PackageOperand[][]> = {
  meta: {
    id: 'apt-package-not-pinned',
    title: 'apt-get install of packages without versions',
    severity: 'info',
    category: 'versions',
    hadolint: ['DL3008'],
    fix: null,
    messages: {
      unpinned:
        'apt installs whatever the archive holds on the day of the build for {names}: pin with name=<version> where a rebuild must get the same files.',
    },
  },
  /** The unpinned packages of each apt install in the instruction. */
  collect(node) {
    const installs = installsIn(node)
      .filter(({ manager }) => manager === 'apt')
      .map(({ packages }) => packages.filter((p) => p.operator === null))
      .filter((unpinned) => unpinned.length > 0);
    return installs.length > 0 ? installs : null;
  },
  local: true,
  check({ report, collected }) {
    for (const { fact: installs } of collected) {
      // One finding per install, as hadolint gives one per RUN: a long package list is one decision.
      for (const unpinned of installs) {
        report({ span: { start: unpinned[0].word.start, end: unpinned[unpinned.length - 1].word.end }, messageId: 'unpinned', data: { names: listedNames(unpinned) } });
      }
    }
  },
};
