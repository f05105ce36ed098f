import type { Rule } from '../engine/rule';
import { installsIn } from './support/packages';

/** How many names a message lists before it says how many more there are. */
const LISTED = 4;

export const aptPackageNotPinned: Rule = {
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
  check({ model, report }) {
    for (const node of model.instructions) {
      for (const { manager, packages } of installsIn(node)) {
        if (manager !== 'apt') continue;
        // One finding per install, as hadolint gives one per RUN: a long package list is one decision.
        const unpinned = packages.filter((p) => p.operator === null);
        if (unpinned.length === 0) continue;
        const names = unpinned.slice(0, LISTED).map((p) => `'${p.name}'`).join(', ');
        const more = unpinned.length > LISTED ? ` and ${unpinned.length - LISTED} more` : '';
        report({ span: { start: unpinned[0].word.start, end: unpinned[unpinned.length - 1].word.end }, messageId: 'unpinned', data: { names: names + more } });
      }
    }
  },
};
