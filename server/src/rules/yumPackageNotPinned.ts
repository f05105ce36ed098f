import { callsIn, type ToolCall } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { YUM } from './support/packageTools';
import { listedNames } from './support/packages';

/** Subcommands that install packages by name; dnf's `in` is `install` (https://dnf.readthedocs.io/en/latest/command_ref.html). */
const INSTALLS = new Set(['install', 'in']);

/**
 * A package spec that names a version as yum and dnf read one: `name-version`, `name-version-release`, with an
 * epoch (`name-2:1.0`) or an architecture after it, so a `-` followed by a digit. `python3-devel` and `gcc-c++`
 * are names alone. hadolint (DL3033, DL3041) takes any `-` for a version, which leaves most unpinned names
 * unreported; dnf itself matches the spec against its NEVRA forms (https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label).
 */
const VERSIONED = /-(\d+:)?\d[^/]*$/;

/** Operands that name no package a version could pin: an .rpm file, a path or URL, a group (`@core`), a variable. */
function exempt(word: Word): boolean {
  const v = word.value;
  return word.expands || v.startsWith('@') || /\.rpm$/i.test(v) || v.includes('/') || v.includes('://');
}

/** The unpinned packages of an install, or of `dnf module install` the module streams without one (`nodejs` for `nodejs:20`). */
function unpinned(call: ToolCall): Word[] {
  const sub = call.subcommand?.value ?? '';
  if (sub === 'module') {
    const [action, ...modules] = call.operands;
    return action?.value === 'install' ? modules.filter((w) => !exempt(w) && !w.value.includes(':')) : [];
  }
  if (!INSTALLS.has(sub)) return [];
  return call.operands.filter((w) => !exempt(w) && !VERSIONED.test(w.value));
}

export const yumPackageNotPinned: Rule<Array<{ call: ToolCall; packages: Word[] }>> = {
  meta: {
    id: 'yum-package-not-pinned',
    title: 'yum, dnf or microdnf install of packages without versions',
    severity: 'info',
    category: 'versions',
    hadolint: ['DL3033', 'DL3041'],
    fix: null,
    messages: {
      unpinned:
        '{tool} installs whatever the repositories hold on the day of the build for {names}: pin with name-<version> where a rebuild must get the same files.',
      module: "{tool} installs the module's default stream on the day of the build for {names}: name the stream, as name:<stream>.",
    },
  },
  collect(node) {
    const installs = callsIn(node, YUM)
      .map((call) => ({ call, packages: unpinned(call) }))
      .filter((i) => i.packages.length > 0);
    return installs.length > 0 ? installs : null;
  },
  local: true,
  check({ report, collected }) {
    for (const { fact } of collected) {
      // One finding per install, as for apt: a long package list is one decision.
      for (const { call, packages } of fact) {
        report({
          span: { start: packages[0].start, end: packages[packages.length - 1].end },
          messageId: call.subcommand?.value === 'module' ? 'module' : 'unpinned',
          data: { tool: call.name, names: listedNames(packages.map((w) => ({ name: w.value }))) },
          hadolint: call.name === 'yum' ? 'DL3033' : 'DL3041',
        });
      }
    }
  },
};
