// Reading shell commands the way rules need them: which tool runs (behind
// sudo or env), which subcommand, which options and which operands.
import { Slot } from '../model/slots';
import type { InstructionNode, ShellCommand, Word } from '../model/types';

export interface ToolCall {
  command: ShellCommand;
  /** The word that names the tool (`pip3`, `apt-get`; `python` for `python -m pip`). */
  tool: Word;
  /** Basename of the tool, such as `apt-get`; `pip` for `python -m pip`. */
  name: string;
  /** Options before the subcommand. */
  globalOptions: Word[];
  subcommand: Word | null;
  /** Every word after the subcommand. */
  args: Word[];
  /** Words after the subcommand that are neither options nor option values. */
  operands: Word[];
  /** All the words of the call, wrapper words excluded. */
  words: Word[];
}

/** Wrappers that run the command given after them, and their options that take a value. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T'])],
  ['env', new Set(['-u', '-C', '-S', '--unset', '--chdir'])],
  ['nice', new Set(['-n'])],
  ['nohup', new Set<string>()],
  ['time', new Set(['-f', '-o'])],
  ['command', new Set<string>()],
  ['exec', new Set(['-a'])],
  ['stdbuf', new Set(['-i', '-o', '-e'])],
]);

export function baseName(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** Each word of a command as the shell reads it: its assignments, its words, the files of its redirections. */
export function forEachWord(command: ShellCommand, visit: (word: Word) => void): void {
  for (const w of command.assignments) visit(w);
  for (const w of command.words) visit(w);
  for (const r of command.redirects) if (r.target) visit(r.target);
}

/**
 * The words of a command with wrappers such as `sudo -E` or `env A=1` skipped. Read once per command: every rule
 * asks it of every command, and it holds the command's own words, which move with it.
 */
export function unwrap(command: ShellCommand): Word[] {
  let words = unwrapped.get(command);
  if (!words) unwrapped.set(command, (words = readUnwrapped(command)));
  return words;
}

const unwrapped = new Slot<ShellCommand, Word[]>();

function readUnwrapped(command: ShellCommand): Word[] {
  const words = command.words;
  let i = 0;
  while (i < words.length) {
    const valued = WRAPPERS.get(baseName(words[i].value));
    if (!valued) break;
    i++;
    while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) {
      if (valued.has(words[i].value)) i++;
      i++;
    }
  }
  return i === 0 ? words : words.slice(i);
}

/** Whether `word` is the option: a long name, or a short letter alone or in a cluster (`-qy`). */
export function isOption(word: Word, long: readonly string[], short: readonly string[] = []): boolean {
  const v = word.value;
  if (v.startsWith('--')) {
    const name = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
    return long.includes(name);
  }
  if (v.startsWith('-') && v.length > 1 && /^-[A-Za-z0-9]+$/.test(v)) {
    for (const letter of short) if (v.includes(letter)) return true;
  }
  return false;
}

export function hasOption(words: readonly Word[], long: readonly string[], short: readonly string[] = []): boolean {
  return words.some((w) => isOption(w, long, short));
}

export interface OptionValue {
  /** The word that holds the value: the next word, or `--branch=X` itself. */
  word: Word;
  value: string;
  /** Where the value starts within the word's value. */
  at: number;
}

/** The value of an option of a call after its subcommand: `--branch X`, `-b X` or `--branch=X`. */
export function optionValue(call: ToolCall, names: string[]): OptionValue | null {
  for (let k = 0; k < call.args.length; k++) {
    const v = call.args[k].value;
    if (names.includes(v)) {
      const next = call.args[k + 1];
      return next ? { word: next, value: next.value, at: 0 } : null;
    }
    for (const n of names) if (n.startsWith('--') && v.startsWith(`${n}=`)) return { word: call.args[k], value: v.slice(n.length + 1), at: n.length + 1 };
  }
  return null;
}

export interface ToolSpec {
  /** Matches the basename of the first word. */
  names: RegExp;
  /** Options that take the next word as their value, before or after the subcommand. */
  valued?: ReadonlySet<string>;
  /** The call's name, when it differs from the basename (`pip3` reads as `pip`). */
  canonical?: (base: string) => string;
}

/**
 * Calls read so far, by command and tool. Every rule asks this of every
 * command; the incremental model keeps the commands of the instructions an
 * edit did not touch, so on a keystroke only the touched ones are read again.
 * A call holds the command's own word objects, which move with it, so it stays
 * right; callers must not change what they get.
 */
const calls = new Slot<ShellCommand, Map<ToolSpec, ToolCall | null>>();

/** Reads `command` as a call of the tool, or returns null when it runs something else. */
export function readCall(command: ShellCommand, spec: ToolSpec): ToolCall | null {
  let known = calls.get(command);
  if (!known) calls.set(command, (known = new Map()));
  let call = known.get(spec);
  if (call === undefined) known.set(spec, (call = readCallOnce(command, spec)));
  return call;
}

function readCallOnce(command: ShellCommand, spec: ToolSpec): ToolCall | null {
  const words = unwrap(command);
  if (words.length === 0) return null;
  let tool = words[0];
  let base = baseName(tool.value);
  const python = /^python[\d.]*$/.test(base);
  // Most commands run some other tool: say so before copying any words (rules ask this of every command).
  if (!python && !spec.names.test(base)) return null;
  let rest = words.slice(1);
  // `python3 -m pip install x` is pip.
  const module = python ? rest.findIndex((w) => w.value === '-m') : -1;
  if (module >= 0 && rest[module + 1]) {
    tool = words[0];
    base = rest[module + 1].value;
    rest = rest.slice(module + 2);
  }
  if (!spec.names.test(base)) return null;
  const valued = spec.valued ?? new Set<string>();
  const globalOptions: Word[] = [];
  let i = 0;
  while (i < rest.length && rest[i].value.startsWith('-')) {
    globalOptions.push(rest[i]);
    if (valued.has(rest[i].value) && rest[i + 1]) globalOptions.push(rest[++i]);
    i++;
  }
  const subcommand = rest[i] ?? null;
  const args = rest.slice(i + 1);
  const operands: Word[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (valued.has(v)) k++;
      continue;
    }
    operands.push(args[k]);
  }
  return { command, tool, name: spec.canonical ? spec.canonical(base) : base, globalOptions, subcommand, args, operands, words };
}

export const APT: ToolSpec = {
  names: /^(apt-get|apt|aptitude)$/,
  valued: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']),
};

export const PIP: ToolSpec = {
  names: /^pip(\d+(\.\d+)?)?$/,
  canonical: () => 'pip',
  valued: new Set([
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url',
    '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform', '--python-version',
    '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--no-binary', '--only-binary',
    '-C', '--config-settings', '--global-option', '--report', '--log', '--proxy', '--retries', '--timeout',
    '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--python',
    // pip's other options that take a value (pip install --help): `--root-user-action ignore` names no package.
    '--root-user-action', '--keyring-provider', '--log-file', '--local-log', '--use-feature', '--use-deprecated',
    '--resume-retries', '--group',
  ]),
};

/** pipx installs an application from a pip requirement: `pipx install black==24.1.0`. */
export const PIPX: ToolSpec = {
  names: /^pipx$/,
  valued: new Set(['--python', '--suffix', '--pip-args', '--index-url', '-i', '--preinstall', '--backend', '--fetch-python', '--spec', '--lock', '-r', '--requirement', '--include-resources-from']),
};

export const CONDA: ToolSpec = {
  names: /^(conda|mamba|micromamba)$/,
  valued: new Set(['-n', '--name', '-p', '--prefix', '-c', '--channel', '--file', '--override-channels-file', '--repodata-fn', '--experimental-solver', '--solver', '-r', '--root-prefix']),
};

/**
 * zypper, with the options that take a value (zypper(8)): its global ones, before the subcommand, and those of
 * install and its kin. The global `-C` and `-D` are left out: after install and source-install the same letters
 * are flags (`--capability`, `--no-build-deps`).
 */
export const ZYPPER: ToolSpec = {
  names: /^zypper$/,
  valued: new Set(['-R', '--root', '-c', '--config', '--reposd-dir', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--userdata', '-r', '--repo', '-t', '--type', '--from', '--download']),
};

/** Every tool call in a RUN, ONBUILD RUN included, that matches the spec. */
export function callsIn(node: InstructionNode, spec: ToolSpec): ToolCall[] {
  const run = node.run ?? node.trigger?.run;
  if (!run) return [];
  const calls: ToolCall[] = [];
  for (const command of run.commands) {
    const call = readCall(command, spec);
    if (call) calls.push(call);
  }
  return calls;
}

/** The RUN an instruction carries: itself, or the trigger of an ONBUILD RUN. */
export function runNode(node: InstructionNode): InstructionNode | null {
  if (node.run) return node;
  if (node.trigger?.run) return node.trigger;
  return null;
}

/** `rm -r`/`-rf`/`-fr`/`-R`/`--recursive` and the paths it removes. */
export function removedPaths(command: ShellCommand): string[] | null {
  const words = unwrap(command);
  if (words.length === 0 || baseName(words[0].value) !== 'rm') return null;
  const args = words.slice(1);
  if (!hasOption(args, ['--recursive'], ['r', 'R'])) return null;
  return args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
}

/** The span from the first to the last of some words. */
export function spanOf(words: readonly Word[]): { start: number; end: number } {
  return { start: words[0].start, end: words[words.length - 1].end };
}
