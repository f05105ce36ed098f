import { callsIn } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { APK } from './support/packageTools';
import { reportUnpinnedInstalls } from './support/packages';

/**
 * A version constraint as apk reads one in `apk add`: `name=1.2.3-r0`, `name~1.2` (fuzzy), `name>1.2`,
 * `name<2` (https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage), or a repository tag,
 * `name@edge`, which pins no version and is not one.
 */
const CONSTRAINT = /[=~<>]/;

/** Operands that name no package a version could pin: a local .apk, a path, a variable. */
function exempt(word: Word): boolean {
  return word.expands || /\.apk$/i.test(word.value) || word.value.includes('/');
}

export const apkPackageNotPinned: Rule<Word[][]> = {
  meta: {
    id: 'apk-package-not-pinned',
    title: 'apk add of packages without versions',
    severity: 'info',
    category: 'versions',
    hadolint: ['DL3018'],
    fix: null,
    messages: {
      unpinned:
        'apk installs whatever the repositories hold on the day of the build for {names}: pin with name=<version> (or name~<version> for a series) where a rebuild must get the same files.',
    },
  },
  /** The unpinned packages of each `apk add` (`--virtual NAME` names a group, not a package). */
  collect(node) {
    const installs = callsIn(node, APK)
      .filter((call) => call.subcommand?.value === 'add')
      .map((call) => call.operands.filter((w) => !exempt(w) && !CONSTRAINT.test(w.value)))
      .filter((unpinned) => unpinned.length > 0);
    return installs.length > 0 ? installs : null;
  },
  local: true,
  check: reportUnpinnedInstalls,
};
