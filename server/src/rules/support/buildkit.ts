// What BuildKit's build checks read, the way BuildKit reads it: the parts of
// a FROM, a keyword's casing, the expansion of `$NAME` in a FROM against the
// global ARGs, image references and platforms, and the near names it suggests.
// The semantics follow moby/buildkit's frontend/dockerfile (linter, parser,
// shell and dockerfile2llb); the code is our own.
import { instructionProperties } from '../../model/properties';
import { stageChain } from '../../model/scope';
import { writtenText } from '../../model/moved';
import { Slot } from '../../model/slots';
import type { DockerfileModel, InstructionNode, Span, Word } from '../../model/types';

/** A FROM flag, with its place counted from the start of the instruction, so that it holds as the node moves. */
export interface FromFlag {
  name: string;
  value: string;
  /** Offsets from the node's start. */
  from: number;
  to: number;
}

/** A FROM's words: its flags (which the model's words leave out) and the words after them (image, AS, name). */
export interface FromParts {
  flags: FromFlag[];
  args: Word[];
}

/** Kept by node: read from the instruction's own text, by the several FROM checks. */
const fromPartsOf = new Slot<InstructionNode, FromParts>();

export function fromParts(node: InstructionNode): FromParts {
  let parts = fromPartsOf.get(node);
  if (!parts) fromPartsOf.set(node, (parts = readFromParts(node)));
  return parts;
}

function readFromParts(node: InstructionNode): FromParts {
  const args = node.args;
  if (args.length === 0) return { flags: [], args };
  const text = writtenText(node);
  const head = text.slice(node.keywordSpan.end - node.start, args[0].start - node.start);
  const flags: FromFlag[] = [];
  const base = node.keywordSpan.end - node.start;
  for (const m of head.matchAll(/--([A-Za-z-]+)(?:=(\S*))?/g)) {
    flags.push({ name: m[1].toLowerCase(), value: m[2] ?? '', from: base + m.index, to: base + m.index + m[0].length });
  }
  return { flags, args };
}

/** A flag of a FROM, or null when it has none. */
export function flagValue(flags: readonly FromFlag[], name: string): FromFlag | null {
  return flags.find((f) => f.name === name) ?? null;
}

/** Where a flag stands in the document now. */
export function flagSpan(node: InstructionNode, flag: FromFlag): Span {
  return { start: node.start + flag.from, end: node.start + flag.to };
}

export type Casing = 'lower' | 'upper' | 'mixed';

export function casingOf(word: string): Casing {
  const lower = word.toLowerCase();
  if (word === lower) return 'lower';
  return word === word.toUpperCase() ? 'upper' : 'mixed';
}

/** The ARGs BuildKit defines for every build, each with the value it has on a build without options on linux/amd64. */
export const PREDEFINED_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDOSVERSION', ''],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETOSVERSION', ''],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['TARGETSTAGE', 'default'],
]);

export interface Expansion {
  /** The word with its variables replaced; null when it holds syntax this reader does not follow. */
  result: string | null;
  /** Names read that have a value, and names read that have none. */
  matched: Set<string>;
  unmatched: Set<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A word with `$NAME`, `${NAME}` and `${NAME<op>word}` (op: `-`, `:-`, `+`, `:+`, `?`, `:?`) replaced from
 * `values`, as BuildKit's shell lexer does for FROM; every name read counts as matched or unmatched, a default
 * that stands in for it included. Quotes and nested substitutions give a null result (the names are still read).
 */
export function expandWord(word: string, values: ReadonlyMap<string, string>): Expansion {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  const get = (name: string): string | undefined => {
    const v = values.get(name);
    (v === undefined ? unmatched : matched).add(name);
    return v;
  };
  let result: string | null = '';
  let i = 0;
  while (i < word.length) {
    const c = word[i];
    if (c === '\\' || c === '"' || c === "'") {
      result = null;
      i++;
      continue;
    }
    if (c !== '$') {
      if (result !== null) result += c;
      i++;
      continue;
    }
    if (word[i + 1] !== '{') {
      const m = NAME.exec(word.slice(i + 1));
      if (!m) {
        if (result !== null) result += '$';
        i++;
        continue;
      }
      const v = get(m[0]);
      if (result !== null) result += v ?? '';
      i += 1 + m[0].length;
      continue;
    }
    const close = word.indexOf('}', i + 2);
    if (close < 0) return { result: null, matched, unmatched };
    const inner = word.slice(i + 2, close);
    const m = NAME.exec(inner);
    if (!m) return { result: null, matched, unmatched };
    const v = get(m[0]);
    const rest = inner.slice(m[0].length);
    const op = /^(:?[-+?])([\s\S]*)$/.exec(rest);
    if (rest !== '' && !op) result = null;
    else if (result !== null) {
      if (!op) result += v ?? '';
      else {
        const colon = op[1].startsWith(':');
        const unset = v === undefined || (colon && v === '');
        const kind = op[1].slice(-1);
        if (op[2].includes('$')) result = null;
        else if (kind === '-') result += unset ? op[2] : v;
        else if (kind === '+') result += unset ? '' : op[2];
        else result += v ?? '';
      }
    }
    i = close + 1;
  }
  return { result, matched, unmatched };
}

/** BuildKit's suggest.Search: the option nearest to `value` by edit distance, under 3 edits; none for an exact match. */
export function suggestName(value: string, options: Iterable<string>): string | null {
  let best: string | null = null;
  let min = 3;
  for (const option of options) {
    if (option === value) return null;
    const d = editDistance(value, option);
    if (d < min) {
      best = option;
      min = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) >= 3) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

// distribution/reference's grammar, as ParseNormalizedNamed applies it.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/** Whether docker would take `ref` as an image reference: not empty, lower-case repository, a valid tag or digest. */
export function isValidReference(ref: string): boolean {
  if (ref === '' || /^[a-f0-9]{64}$/.test(ref)) return false;
  const name = ref.split('@')[0].replace(/:[\w][\w.-]{0,127}$/, '');
  if (name.length > 255) return false;
  return REFERENCE.test(ref);
}

const OSES = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
/** Architectures and the names containerd normalises to them. */
const ARCHES: ReadonlyMap<string, string> = new Map([
  ['386', '386'], ['i386', '386'], ['x86_64', 'amd64'], ['x86-64', 'amd64'], ['amd64', 'amd64'],
  ['aarch64', 'arm64'], ['arm64', 'arm64'], ['armhf', 'arm'], ['armel', 'arm'], ['arm', 'arm'],
  ['ppc64le', 'ppc64le'], ['ppc64', 'ppc64'], ['s390x', 's390x'], ['riscv64', 'riscv64'], ['mips64le', 'mips64le'],
  ['mips64', 'mips64'], ['mipsle', 'mipsle'], ['mips', 'mips'], ['loong64', 'loong64'], ['wasm', 'wasm'],
]);

/** containerd's platforms.Parse, for the forms a FROM --platform takes: os, arch, os/arch, os/arch/variant. */
export function parsePlatform(value: string): { os: string; architecture: string } | null {
  const parts = value.toLowerCase().split('/');
  if (parts.length === 1) {
    if (OSES.has(parts[0])) return { os: parts[0], architecture: 'amd64' };
    const arch = ARCHES.get(parts[0]);
    return arch ? { os: 'linux', architecture: arch } : null;
  }
  if (parts.length > 3 || !OSES.has(parts[0])) return null;
  const arch = ARCHES.get(parts[1]);
  return arch ? { os: parts[0], architecture: arch } : null;
}

/**
 * Whether one of `marked` (instructions a rule collected) stands before `node` in its stage, or anywhere in a
 * stage it builds FROM: what BuildKit's state has seen when it reaches `node`. Reads only the stages and the
 * collected nodes, as a local rule must.
 */
export function markedBefore(model: DockerfileModel, node: InstructionNode, marked: ReadonlyArray<InstructionNode>): boolean {
  if (marked.length === 0 || node.stage < 0) return false;
  const chain = new Set(stageChain(model, model.stages[node.stage]).map((s) => s.index));
  return marked.some((m) => chain.has(m.stage) && (m.stage !== node.stage || m.index < node.index));
}

/** One EXPOSE word split as BuildKit splits it: `[ip:][hostPort:]containerPort[/proto]`. */
export interface PortSpec {
  ip: string;
  hostPort: string;
  containerPort: string;
  /** As written; empty when left out (tcp). */
  proto: string;
}

export function splitPortSpec(raw: string): PortSpec {
  const parts = raw.split(':');
  const n = parts.length;
  const last = parts[n - 1];
  const cut = last.indexOf('/');
  const containerPort = cut < 0 ? last : last.slice(0, cut);
  const proto = cut < 0 ? '' : last.slice(cut + 1);
  if (n === 1) return { ip: '', hostPort: '', containerPort, proto };
  if (n === 2) return { ip: '', hostPort: parts[0], containerPort, proto };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2], containerPort, proto };
}

/** A port or a range of ports, as BuildKit accepts one: `80`, `8000-8010`; the count of ports in it, or null. */
export function portRangeSize(ports: string): number | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return start <= 65535 && end <= 65535 && end >= start ? end - start + 1 : null;
}

export const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** The names the global ARGs declare, with or without a default. */
export function globalArgNames(model: DockerfileModel): Set<string> {
  const names = new Set<string>();
  for (const arg of model.globalArgs) for (const p of instructionProperties(arg)) names.add(p.name);
  return names;
}

/**
 * The values of the global ARGs on a build without `--build-arg`, as BuildKit computes them to check the base
 * images: BuildKit's predefined ARGs (for linux/amd64), then each ARG's default, itself expanded; an ARG without
 * one has no value. A value this reader cannot expand is left out of the map and named in `unknown`.
 */
export function defaultArgValues(model: DockerfileModel): { values: Map<string, string>; unknown: Set<string> } {
  const values = new Map(PREDEFINED_ARGS);
  const unknown = new Set<string>();
  for (const arg of model.globalArgs) {
    for (const p of instructionProperties(arg)) {
      if (p.value === null) continue;
      const expanded = expandWord(p.value, values).result;
      if (expanded === null) unknown.add(p.name);
      else values.set(p.name, expanded);
    }
  }
  return { values, unknown };
}
