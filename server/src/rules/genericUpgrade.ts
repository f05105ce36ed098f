import { APT, callsIn, CONDA, hasOption, optionValue, PIP, spanOf, ZYPPER, type ToolSpec } from '../engine/commands';
import type { Rule, Severity } from '../engine/rule';
import type { Word } from '../model/types';
import { pipPackages, pipRequirements, pipUpgrades } from './support/packages';

/** The rule that asks for the pins of packages named with no version, hadolint's DL3013. */
const PIN_RULE = 'pip-package-not-pinned';

const RPM: ToolSpec = { names: /^(yum|dnf|microdnf|tdnf)$/, valued: new Set(['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo']) };
const APK: ToolSpec = { names: /^apk$/, valued: new Set(['-X', '--repository', '-p', '--root']) };

/** Subcommands that upgrade whatever is installed, per tool. */
const UPGRADES: Array<{ spec: ToolSpec; subcommands: string[] }> = [
  { spec: APT, subcommands: ['upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade'] },
  { spec: CONDA, subcommands: ['update', 'upgrade'] },
  // With dnf's aliases: `up`, `up-min` and `dsync` (https://dnf.readthedocs.io/en/latest/command_ref.html).
  { spec: RPM, subcommands: ['update', 'upgrade', 'up', 'distro-sync', 'dsync', 'update-minimal', 'upgrade-minimal', 'up-min'] },
  { spec: APK, subcommands: ['upgrade'] },
  { spec: ZYPPER, subcommands: ['update', 'up', 'dist-upgrade', 'dup', 'patch'] },
];

/**
 * A wheel or source archive, by path or URL: its version is the file's, so `--upgrade` has nothing newer to take
 * (its unpinned dependencies are resolved the same way with or without it, under pip's default only-if-needed strategy).
 */
const DIST_FILE = /\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/i;

/** A generic upgrade an instruction's RUN asks for, with the words to report. */
interface Upgrade {
  messageId: 'upgrade' | 'pipUpgrade' | 'pipSelf';
  /** The tool and its subcommand, or pip's upgrade option. */
  words: Word[];
  data: Record<string, string>;
  severity?: Severity;
  /**
   * The upgrade is loose only for packages named with no version at all, which pip-package-not-pinned reports on
   * the same command, asking for the same pins: one finding is enough while that rule is on.
   */
  pinsAsked?: true;
  /** hadolint's DL3035, which reads zypper's dist-upgrade. */
  hadolint?: 'DL3035';
}

export const genericUpgrade: Rule<Upgrade[]> = {
  meta: {
    id: 'generic-upgrade',
    title: 'A generic upgrade: apt-get upgrade, pip install --upgrade, conda update, yum update',
    severity: 'warning',
    category: 'versions',
    hadolint: ['DL3035'],
    fix: null,
    messages: {
      upgrade: "'{command}' installs whatever is newest on the day of the build, so you lose control of versions: pin what you need instead, or move to a newer base image.",
      pipUpgrade: "'{option}' lets pip install whatever is newest on the day of the build, so you lose control of versions: pin the packages (name==version) instead.",
      pipSelf: "'{option}' upgrades pip itself to whatever is newest on the day of the build; mild, but pip==<version> rebuilds the same way.",
    },
  },
  collect(node) {
    const found: Upgrade[] = [];
    for (const { spec, subcommands } of UPGRADES) {
      for (const call of callsIn(node, spec)) {
        if (!call.subcommand || !subcommands.includes(call.subcommand.value)) continue;
        const distUpgrade = spec === ZYPPER && ['dist-upgrade', 'dup'].includes(call.subcommand.value);
        found.push({ messageId: 'upgrade', words: [call.tool, call.subcommand], data: { command: `${call.tool.value} ${call.subcommand.value}` }, ...(distUpgrade ? { hadolint: 'DL3035' as const } : {}) });
      }
    }
    for (const call of callsIn(node, PIP)) {
      if (call.subcommand?.value !== 'install' || !pipUpgrades(call)) continue;
      const option = call.args.find((w) => hasOption([w], ['--upgrade'], ['U']))!;
      const { packages, unpinnedVcs } = pipPackages(call);
      const others = packages.filter((p) => p.name.toLowerCase() !== 'pip');
      // With every package pinned to one version there is nothing to upgrade to, apart from files it reads.
      const loosePackages = others.filter((p) => p.operator !== '==' && p.operator !== '===');
      const looseOtherwise =
        // `--upgrade-strategy eager`: the dependencies of even a pinned package or a wheel are upgraded to the newest.
        optionValue(call, ['--upgrade-strategy'])?.value === 'eager' ||
        unpinnedVcs.length > 0 ||
        hasOption(call.args, ['--requirement'], ['r']) ||
        call.operands.some((w) => !packages.some((p) => p.word === w) && !DIST_FILE.test(w.value));
      if (looseOtherwise || loosePackages.length > 0) {
        const pinsAsked = !looseOtherwise && loosePackages.every((p) => p.operator === null) && !pipRequirements(call).fromFile;
        found.push({ messageId: 'pipUpgrade', words: [option], data: { option: option.value }, ...(pinsAsked ? { pinsAsked: true as const } : {}) });
      } else if (packages.some((p) => p.name.toLowerCase() === 'pip' && p.operator === null)) {
        found.push({ messageId: 'pipSelf', words: [option], data: { option: option.value }, severity: 'info' });
      }
    }
    return found.length > 0 ? found : null;
  },
  check({ report, collected, settings }) {
    const ignored = new Set(settings.ignore.map((i) => i.toUpperCase()));
    const pinRuleOn = settings.rules[PIN_RULE] !== 'off' && !ignored.has(PIN_RULE.toUpperCase()) && !ignored.has('DL3013');
    for (const { fact } of collected) {
      for (const { messageId, words, data, severity, pinsAsked, hadolint } of fact) {
        if (pinsAsked && pinRuleOn) continue;
        const span = words.length === 1 ? words[0] : spanOf(words);
        report({ span, messageId, data, severity, hadolint: hadolint ?? null });
      }
    }
  },
};
