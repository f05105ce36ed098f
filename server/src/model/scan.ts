// A fast path for building instruction nodes without dockerfile-ast's tree.
// dockerfile-ast builds position objects for every argument and recomputes a
// RUN's arguments on each call, which costs more than the lint budget (1.3x its
// parse) allows. This scanner splits the text into instructions and their
// white-space separated arguments exactly as dockerfile-ast does for the common
// case: escape characters only as line continuations, no heredocs, no escaped
// keywords. An instruction outside that case is parsed by dockerfile-ast alone
// and moved into place; a text whose split itself is unusual gets null, and
// the caller parses it whole. Each node's `ast` is parsed lazily, on demand.
import { parseNodes, runInfo } from './build';
import { CR, DOLLAR, HASH, LF, SPACE, TAB } from './chars';
import { readDirectives } from './directives';
import { computeLineStarts, lineOf } from './lines';
import { createNode, move, sources, type Source } from './moved';
import type { DockerfileModel, InstructionNode, RunFlag, Word } from './types';

/** Keywords whose leading `--flag` arguments dockerfile-ast leaves out of the arguments. */
const FLAGGED = new Set(['RUN', 'ADD', 'COPY', 'FROM']);

export interface ScannedNodes {
  nodes: InstructionNode[];
  escape: string;
  lineStarts: number[];
  source: Source;
}

/** The nodes of `text` with `index` and `stage` still to be set, or null when dockerfile-ast must parse it whole. */
export function scanNodes(text: string): ScannedNodes | null {
  // A lone carriage return is a line break that the scanner leaves to dockerfile-ast.
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return null;
  const lineStarts = computeLineStarts(text);
  const { escape, offset } = directives(text, lineStarts);
  const esc = escape.charCodeAt(0);
  const source: Source = { text, escape };
  const nodes: InstructionNode[] = [];
  const n = text.length;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) {
      i++;
      continue;
    }
    if (c === HASH) {
      i = lineEnd(text, i);
      continue;
    }
    // The keyword runs to the first white space; an escape inside it is rare and left to dockerfile-ast.
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === esc) return null;
      i++;
    }
    const keywordEnd = i;
    const end = keywordEnd === n || text.charCodeAt(keywordEnd) === LF || text.charCodeAt(keywordEnd) === CR ? keywordEnd : instructionEnd(text, keywordEnd, esc);
    if (end < 0) return null;
    const keyword = text.slice(start, keywordEnd).toUpperCase();
    // Heredocs decide where an instruction ends: dockerfile-ast parses those texts whole.
    if ((FLAGGED.has(keyword) || keyword === 'ONBUILD') && text.slice(keywordEnd, end).includes('<<')) return null;
    const node = simpleNode(text, lineStarts, escape, esc, start, keywordEnd, end, keyword, source) ?? aloneNode(text, lineStarts, escape, start, end, source);
    if (!node) return null;
    nodes.push(node);
    i = end;
  }
  return { nodes, escape, lineStarts, source };
}

/** The model of `text` through the scanner, or null when dockerfile-ast must parse it whole. */
export function scanModel(text: string, assemble: (text: string, escape: string, lineStarts: number[], nodes: InstructionNode[]) => DockerfileModel): DockerfileModel | null {
  const scanned = scanNodes(text);
  if (!scanned) return null;
  const model = assemble(text, scanned.escape, scanned.lineStarts, scanned.nodes);
  sources.set(model, scanned.source);
  return model;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Whether the line after a line break at `at` holds more than white space and is no comment, before `end`. */
function wordsFollow(text: string, at: number, end: number): boolean {
  let i = at;
  if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
  i++;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const c = text.charCodeAt(i);
  return i < end && c !== HASH && c !== LF && c !== CR;
}

/**
 * Where the line at `i` ends, before its break. The scanner reads only texts
 * whose every \r comes before a \n, so the break is the next \n, or the \r
 * just before it.
 */
function lineEnd(text: string, i: number): number {
  const lf = text.indexOf('\n', i);
  if (lf < 0) return text.length;
  return lf > i && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
}

/** The escape directive, and where instructions may start: after the directive lines. */
function directives(text: string, lineStarts: number[]): { escape: string; offset: number } {
  const { escape, count } = readDirectives(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { escape, offset: count === 0 ? bom : count < lineStarts.length ? lineStarts[count] : text.length };
}

/**
 * Where the arguments that start at `from` (white space after the keyword)
 * end: at the first line break not escaped, where comment lines after a
 * continuation belong to the instruction. -1 for an escape followed by spaces
 * and more text on the same line, which dockerfile-ast reads its own way.
 */
function instructionEnd(text: string, from: number, esc: number): number {
  const n = text.length;
  let continued = false;
  for (let i = from + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (!continued) return i;
      continue;
    }
    if (c === esc) {
      const next = text.charCodeAt(i + 1);
      if (next === LF || next === CR) {
        continued = true;
        i++;
        continue;
      }
      if (next === SPACE || next === TAB) {
        let j = i + 2;
        while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
        if (j === n) return n;
        if (text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) return -1;
        continued = true;
        i = j;
        continue;
      }
      continue;
    }
    if (c === HASH && continued) {
      i = lineEnd(text, i);
      continue;
    }
    if (c !== SPACE && c !== TAB) continued = false;
  }
  return n;
}

/**
 * The node of an instruction whose escapes are all line continuations, or
 * null for dockerfile-ast to read. Arguments are split on white space; a
 * continuation joins a word with the next line's unless that line starts with
 * white space, and comment lines after a continuation are skipped.
 */
function simpleNode(text: string, lineStarts: number[], escape: string, esc: number, start: number, keywordEnd: number, end: number, keyword: string, source: Source): InstructionNode | null {
  // ONBUILD needs its trigger instruction: dockerfile-ast reads it.
  if (keyword === 'ONBUILD') return null;
  const args: Word[] = [];
  let argStart = -1;
  let argEnd = -1;
  let value = '';
  let continued = false;
  let atLineStart = false;
  let spaced = false;
  // The word's text is taken a line's piece at a time, never a character at a
  // time: strings built by appending characters cost time and memory.
  let pieceStart = -1;
  const push = (to: number) => {
    if (pieceStart >= 0) value += text.slice(pieceStart, to);
    args.push({ value, raw: value, expands: value.includes('$'), start: argStart, end: to });
    argStart = -1;
    pieceStart = -1;
    value = '';
  };
  // The exec form's JSON has escapes of its own: dockerfile-ast reads those.
  const json = /^\s*(--\S+\s+)*\[/.test(text.slice(keywordEnd, Math.min(end, keywordEnd + 400)));
  let i = keywordEnd;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === esc && i + 1 < end && !isSpace(text.charCodeAt(i + 1)) && !json) {
      // An escaped character, such as `\n` in a printf: dockerfile-ast drops the escape from the value, but
      // for `\$`, which the build reads again. Just after a continuation, dockerfile-ast's words get odd ends:
      // that is left to it.
      if (continued) return null;
      if (argStart < 0) argStart = i;
      if (text.charCodeAt(i + 1) === DOLLAR) {
        if (pieceStart < 0) pieceStart = i;
      } else {
        if (pieceStart >= 0) value += text.slice(pieceStart, i);
        pieceStart = i + 1;
      }
      i += 2;
      continue;
    }
    if (c === esc) {
      // Only a continuation: the escape, spaces or tabs, a line break.
      let j = i + 1;
      while (j < end && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
      if (j < text.length && text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF) j++;
      if (j >= text.length || text.charCodeAt(j) !== LF) return null;
      // dockerfile-ast moves a word's end to a later continuation only when spaces follow the escape.
      if (argStart >= 0 && continued && j > i + 1) return null;
      if (argStart >= 0 && !continued) {
        argEnd = i;
        value += text.slice(pieceStart, i);
        pieceStart = -1;
      }
      // White space seen since the last line break still counts: the continuation's own break is not one.
      continued = true;
      atLineStart = true;
      i = j + 1;
      continue;
    }
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      if (continued) {
        if (c === LF || c === CR) spaced = false;
        else spaced = true;
      } else if (argStart >= 0) push(i);
      i++;
      continue;
    }
    if (continued && atLineStart && c === HASH) {
      const stop = lineEnd(text, i);
      // dockerfile-ast reads escapes even inside such a comment line; leave those to it, but for a commented-out
      // line of the RUN that kept its continuation, which reads as if it had none when a line of words follows
      // and no word waits to be joined.
      const at = text.indexOf(escape, i);
      if (at >= 0 && at < stop && !(argStart < 0 && onlySpaceBetween(text, at + 1, stop) && wordsFollow(text, stop, end))) return null;
      i = stop;
      continue;
    }
    if (continued) {
      if (argStart >= 0 && spaced) push(argEnd);
      continued = false;
    }
    atLineStart = false;
    spaced = false;
    if (argStart < 0) argStart = i;
    if (pieceStart < 0) pieceStart = i;
    i++;
  }
  if (argStart >= 0) push(continued ? argEnd : end);

  let flags: RunFlag[] = [];
  let kept = args;
  if (FLAGGED.has(keyword) || keyword === 'HEALTHCHECK') {
    const found: Word[] = [];
    for (const a of args) {
      if (keyword === 'HEALTHCHECK' ? ['CMD', 'NONE'].includes(a.value.toUpperCase()) : !a.value.includes('--')) break;
      if (a.value.startsWith('--')) found.push(a);
    }
    // A flag split over lines has a raw text that differs from its value: dockerfile-ast reads it.
    if (found.some((f) => text.slice(f.start, f.end) !== f.value)) return null;
    kept = args.slice(found.length);
    flags = found.map((f) => {
      const eq = f.value.indexOf('=');
      return { name: eq < 0 ? f.value.slice(2) : f.value.slice(2, eq), value: eq < 0 ? null : f.value.slice(eq + 1), start: f.start, end: f.end };
    });
  }
  const line = lineOf(lineStarts, start);
  const node = createNode(
    {
      index: 0,
      keyword,
      keywordSpan: { start, end: keywordEnd },
      args: kept,
      stage: -1,
      line,
      indent: text.slice(lineStarts[line], start),
      run: null,
      trigger: null,
      onbuild: null,
      start,
      end,
    },
    source,
  );
  if (keyword === 'RUN') node.run = runInfo({ text, lineStarts, escape }, node, flags, []);
  return node;
}

/** One instruction parsed by dockerfile-ast on its own lines, then moved where it stands. */
function aloneNode(text: string, lineStarts: number[], escape: string, start: number, end: number, source: Source): InstructionNode | null {
  const line = lineOf(lineStarts, start);
  // A byte-order mark opening the lines would be read as one.
  if (text.charCodeAt(lineStarts[line]) === 0xfeff) return null;
  const prefix = escape === '\\' ? '' : `# escape=${escape}\n`;
  const parsed = parseNodes(prefix + text.slice(lineStarts[line], end));
  if (parsed.nodes.length !== 1 || parsed.escape !== escape) return null;
  const node = parsed.nodes[0];
  move(node, lineStarts[line] - prefix.length, line - (prefix ? 1 : 0), source);
  return node;
}
