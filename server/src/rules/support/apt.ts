// Reading apt-get calls for what they ask of the user and what they install:
// shared by the rules on -y, --no-install-recommends and DEBIAN_FRONTEND.
import { APT, callsIn, isOption, type ToolCall } from '../../engine/commands';
import type { InstructionNode, ShellCommand, Word } from '../../model/types';
import { fedYes } from './prompting';

/** Subcommands that change packages, and so may stop at a question. */
const CHANGES_PACKAGES = new Set(['install', 'reinstall', 'build-dep', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'autopurge']);

/** apt-get and apt calls (not aptitude, whose options differ) in a RUN or an ONBUILD RUN. */
export function aptGetCalls(node: InstructionNode): ToolCall[] {
  return callsIn(node, APT).filter((c) => c.name === 'apt-get' || c.name === 'apt');
}

/** Whether the call installs, upgrades or removes packages. `remove` and `purge` with no package do nothing. */
export function changesPackages(call: ToolCall): boolean {
  const sub = call.subcommand?.value ?? '';
  if (!CHANGES_PACKAGES.has(sub)) return false;
  if ((sub === 'remove' || sub === 'purge') && call.operands.length === 0) return false;
  return !simulates(call);
}

function options(call: ToolCall): Word[] {
  return [...call.globalOptions, ...call.args];
}

/** `-s`, `--simulate` and friends only print what would happen. */
function simulates(call: ToolCall): boolean {
  return options(call).some((w) => isOption(w, ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'], ['s']));
}

/** The values given to `-o NAME=value`, `-oNAME=value` or `--option NAME=value` for a configuration name. */
export function configValues(call: ToolCall, name: string): string[] {
  const words = options(call);
  const values: string[] = [];
  const wanted = name.toLowerCase();
  words.forEach((w, i) => {
    let setting: string | null = null;
    if (w.value === '-o' || w.value === '--option') setting = words[i + 1]?.value ?? null;
    else if (w.value.startsWith('--option=')) setting = w.value.slice('--option='.length);
    else if (w.value.startsWith('-o') && w.value.length > 2 && !w.value.startsWith('--')) setting = w.value.slice(2);
    if (setting === null) return;
    const eq = setting.indexOf('=');
    if (eq > 0 && setting.slice(0, eq).toLowerCase() === wanted) values.push(setting.slice(eq + 1));
  });
  return values;
}

function isTrue(value: string): boolean {
  return /^(1|true|yes|on)$/i.test(value.replace(/^["']|["']$/g, ''));
}

function isFalse(value: string): boolean {
  return /^(0|false|no|off)$/i.test(value.replace(/^["']|["']$/g, ''));
}

/**
 * Quiet level 2 or more implies -y, as apt-get(8) says. The levels add up over the options, as apt-get counts them:
 * `-qq`, `-q -q`, `--quiet --quiet`, or a level set outright (`-q=2`, `--quiet=2`).
 */
function quietTwo(words: readonly Word[]): boolean {
  let level = 0;
  for (const { value: v } of words) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(v);
    if (set) level = Number(set[1]);
    else if (v === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(v)) level += (v.match(/q/g) ?? []).length;
  }
  return level >= 2;
}

/** Whether the call answers yes by itself: -y in any spelling, quiet level 2, APT::Get::Assume-Yes, or `yes |` before it. */
export function assumesYes(call: ToolCall, commands: readonly ShellCommand[]): boolean {
  const words = options(call);
  if (words.some((w) => isOption(w, ['--yes', '--assume-yes'], ['y'])) || quietTwo(words)) return true;
  if (configValues(call, 'APT::Get::Assume-Yes').some(isTrue)) return true;
  return fedYes(commands, call);
}

/** Whether recommended packages are left out: --no-install-recommends or APT::Install-Recommends=false. */
export function skipsRecommends(call: ToolCall): boolean {
  if (options(call).some((w) => isOption(w, ['--no-install-recommends']) || w.value === '--install-recommends=no' || w.value === '--install-recommends=false')) return true;
  return configValues(call, 'APT::Install-Recommends').some(isFalse);
}
