import { callsIn, optionValue, ZYPPER } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { reportUnpinnedInstalls } from './support/packages';

/** A version as zypper reads one in a capability: `name=1.2.3`, `name>=1.2`, `name<2` (hadolint's DL3037 reads these too). */
const CONSTRAINT = /[=<>]/;

/** Operands that name no package a version could pin: a local or remote .rpm, a path, a variable. */
function exempt(word: Word): boolean {
  return word.expands || /\.rpm$/i.test(word.value) || word.value.includes('/');
}

export const zypperPackageNotPinned: Rule<Word[][]> = {
  meta: {
    id: 'zypper-package-not-pinned',
    title: 'zypper install of packages without versions',
    severity: 'info',
    category: 'versions',
    hadolint: ['DL3037'],
    fix: null,
    messages: {
      unpinned: 'zypper installs whatever the repositories hold on the day of the build for {names}: pin with name=<version> where a rebuild must get the same files.',
    },
  },
  /** The unpinned packages of each `zypper install` of packages (`-t pattern` and the like install other things). */
  collect(node) {
    const installs = callsIn(node, ZYPPER)
      .filter((call) => ['install', 'in'].includes(call.subcommand?.value ?? '') && (optionValue(call, ['--type', '-t'])?.value ?? 'package') === 'package')
      .map((call) => call.operands.filter((w) => !exempt(w) && !CONSTRAINT.test(w.value)))
      .filter((unpinned) => unpinned.length > 0);
    return installs.length > 0 ? installs : null;
  },
  local: true,
  check: reportUnpinnedInstalls,
};
