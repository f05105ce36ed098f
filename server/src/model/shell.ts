// A tokeniser for the small shell subset that RUN lines use: words with
// quotes, escapes and expansions, the operators && || ; | &, subshell
// parentheses, redirections and comments. It is written here rather than taken
// from tree-sitter-bash because parsing every RUN that way costs more than
// dockerfile-ast's whole parse (see DESIGN.md), and the lint budget is 1.3x.
import { BACKQUOTE, BACKSLASH, CR, DOLLAR, DQUOTE, HASH, LF, SPACE, SQUOTE, TAB } from './chars';
import type { Redirect, Separator, ShellCommand, Word } from './types';

/**
 * Text as the shell sees it, with where each character stands in the document.
 * `map[i]` is the document offset of `text[i]`; `map === null` means
 * `text[i]` stands at `base + i`.
 */
export interface LogicalText {
  text: string;
  map: ArrayLike<number> | null;
  base: number;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n', '\r']);
const REDIRECT = /^(?:\d*(?:>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)|&>>|&>)/;
/** Reserved words that may open a command without being its name. */
const PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
/** Reserved words that close a compound command and stand alone. */
const CLOSING_WORDS = new Set(['fi', 'done', '}', 'esac']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

export function tokenizeShell(src: LogicalText, firstSeparator: Separator | null = null): ShellCommand[] {
  const { text, map, base } = src;
  const at = map ? (i: number) => map[i] : (i: number) => base + i;
  const endAt = (i: number) => (i > 0 ? at(i - 1) + 1 : at(0));
  const n = text.length;
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let pendingRedirect: Redirect | null = null;
  let separator: Separator | null = firstSeparator;

  const finish = (next: Separator | null) => {
    if (pendingRedirect) {
      redirects.push(pendingRedirect);
      pendingRedirect = null;
    }
    const command = buildCommand(words, redirects, separator);
    words = [];
    redirects = [];
    // An empty command, such as the one before `(`, keeps the operator that
    // came before it: in `a && (b)`, b still runs only if a succeeded.
    if (command) {
      commands.push(command);
      separator = next;
    }
  };

  // Between `case WORD in` (or `;;`) and the `)` that ends a pattern: `amd64|arm64)` is a pattern, not a pipe.
  let casePattern = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || (casePattern && (c === LF || c === CR))) {
      i++;
      continue;
    }
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === LF || text.charCodeAt(i + 1) === CR)) {
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    if (c === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      continue;
    }
    const ch = text[i];
    if (casePattern) {
      if (ch === '(' || ch === '|') {
        i++;
        continue;
      }
      if (ch === ')') {
        casePattern = false;
        i++;
        continue;
      }
      const end = scanWord(text, i);
      if (text.slice(i, end) === 'esac') casePattern = false;
      else {
        i = Math.max(end, i + 1);
        continue;
      }
    }
    if (OPERATOR_CHARS.has(ch) || (ch >= '0' && ch <= '9' && REDIRECT.test(text.slice(i, i + 4)))) {
      const redirect = REDIRECT.exec(text.slice(i, i + 4));
      if (redirect && (ch !== '&' || text[i + 1] === '>')) {
        if (pendingRedirect) redirects.push(pendingRedirect);
        const len = redirect[0].length;
        pendingRedirect = { op: redirect[0], target: null, start: at(i), end: endAt(i + len) };
        i += len;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        finish('\n');
        i++;
        continue;
      }
      const two = text.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        finish(two);
        i += 2;
        continue;
      }
      if (two === ';;' || two === '|&') {
        finish(two === '|&' ? '|' : ';');
        i += 2;
        // `;;&` (bash) goes on to the next pattern too.
        if (two === ';;' && text[i] === '&') i++;
        if (two === ';;') casePattern = true;
        continue;
      }
      finish(ch === '|' ? '|' : ch === '&' ? '&' : ';');
      i++;
      continue;
    }
    const end = scanWord(text, i);
    const word = makeWord(text, i, end, at, endAt);
    if (pendingRedirect) {
      pendingRedirect.target = word;
      pendingRedirect.end = word.end;
      redirects.push(pendingRedirect);
      pendingRedirect = null;
    } else {
      words.push(word);
      if (word.raw === 'in' && opensCase(words)) {
        finish(';');
        casePattern = true;
      }
    }
    i = end;
  }
  finish(null);
  return commands;
}

/** `case WORD in`, perhaps after reserved words such as `then`. */
function opensCase(words: readonly Word[]): boolean {
  const k = words.length - 3;
  if (k < 0 || words[k].raw !== 'case') return false;
  for (let j = 0; j < k; j++) if (!PREFIX_WORDS.has(words[j].raw)) return false;
  return true;
}

function buildCommand(words: Word[], redirects: Redirect[], separator: Separator | null): ShellCommand | null {
  let first = 0;
  while (first < words.length && PREFIX_WORDS.has(words[first].raw)) first++;
  let last = words.length;
  while (last > first && CLOSING_WORDS.has(words[last - 1].raw)) last--;
  const assignments: Word[] = [];
  while (first < last && ASSIGNMENT.test(words[first].raw)) assignments.push(words[first++]);
  const rest = words.slice(first, last);
  if (rest.length === 0 && assignments.length === 0 && redirects.length === 0) return null;
  const all = [...assignments, ...rest];
  const spans = [...all, ...redirects];
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return { assignments, words: rest, redirects, separator, start, end };
}

/** The end of the word that starts at `i`. */
function scanWord(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) return i;
    const ch = text[i];
    if (OPERATOR_CHARS.has(ch)) return i;
    if (c === BACKSLASH) {
      i += 2;
    } else if (c === SQUOTE) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 ? n : close + 1;
    } else if (c === DQUOTE) {
      i = skipDoubleQuoted(text, i + 1);
    } else if (c === BACKQUOTE) {
      i = skipBackquoted(text, i + 1);
    } else if (c === DOLLAR && (text[i + 1] === '(' || text[i + 1] === '{')) {
      i = skipBalanced(text, i + 1);
    } else {
      i++;
    }
  }
  return Math.min(i, n);
}

function skipDoubleQuoted(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) return i + 1;
    if (c === BACKSLASH) i += 2;
    else if (c === BACKQUOTE) i = skipBackquoted(text, i + 1);
    else if (c === DOLLAR && (text[i + 1] === '(' || text[i + 1] === '{')) i = skipBalanced(text, i + 1);
    else i++;
  }
  return n;
}

function skipBackquoted(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKQUOTE) return i + 1;
    i += c === BACKSLASH ? 2 : 1;
  }
  return n;
}

/** Skips `(...)` or `{...}` starting at the opening bracket, minding quotes. */
function skipBalanced(text: string, i: number): number {
  const open = text[i];
  const close = open === '(' ? ')' : '}';
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const ch = text[i];
    if (ch === open) depth++;
    else if (ch === close) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === '\\') i++;
    else if (ch === "'") {
      const q = text.indexOf("'", i + 1);
      i = q < 0 ? n : q;
    } else if (ch === '"') {
      i = skipDoubleQuoted(text, i + 1) - 1;
    }
    i++;
  }
  return n;
}

function makeWord(
  text: string,
  start: number,
  end: number,
  at: (i: number) => number,
  endAt: (i: number) => number,
): Word {
  const raw = text.slice(start, end);
  let simple = true;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === BACKSLASH || c === SQUOTE || c === DQUOTE || c === DOLLAR || c === BACKQUOTE) {
      simple = false;
      break;
    }
  }
  if (simple) return { value: raw, raw, expands: false, start: at(start), end: endAt(end) };
  const { value, expands } = unquote(raw);
  return { value, raw, expands, start: at(start), end: endAt(end) };
}

/**
 * Removes quotes and escapes; expansions are kept as written. The value is
 * joined from runs of the word's text, not appended a character at a time:
 * strings built that way are chains of one-character pieces, which cost time
 * and memory for as long as the model is kept.
 */
export function unquote(raw: string): { value: string; expands: boolean } {
  const parts: string[] = [];
  let expands = false;
  const n = raw.length;
  let i = 0;
  let run = 0;
  const flush = (to: number) => {
    if (to > run) parts.push(raw.slice(run, to));
  };
  while (i < n) {
    const ch = raw[i];
    if (ch === '\\') {
      flush(i);
      if (raw[i + 1] !== '\n' && raw[i + 1] !== '\r') parts.push(raw[i + 1] ?? '');
      i += 2;
      run = i;
    } else if (ch === "'") {
      flush(i);
      const close = raw.indexOf("'", i + 1);
      const stop = close < 0 ? n : close;
      parts.push(raw.slice(i + 1, stop));
      i = stop + 1;
      run = i;
    } else if (ch === '"') {
      flush(i);
      i++;
      run = i;
      while (i < n && raw[i] !== '"') {
        if (raw[i] === '\\' && '$`"\\\n'.includes(raw[i + 1] ?? '')) {
          flush(i);
          parts.push(raw[i + 1]);
          i += 2;
          run = i;
        } else {
          if (raw[i] === '$' || raw[i] === '`') expands = true;
          i++;
        }
      }
      flush(i);
      i++;
      run = i;
    } else {
      if (ch === '$' || ch === '`') expands = true;
      i++;
    }
  }
  flush(Math.min(i, n));
  return { value: parts.join(''), expands };
}

/**
 * A literal value as one POSIX shell word that gives it back: as it is where
 * no character in it is special to the shell, else in single quotes. What a
 * fix writes into a RUN from a value read elsewhere (a WORKDIR, a URL's file
 * name), so that `/tmp/my build` stays one path and `a&b` no command.
 */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./~-]*$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * A value read from a RUN as shell text that gives it again: as shellWord
 * writes it where it expands nothing; where it expands
 * (`tcl${TCL_VERSION}-linux.tar.gz`), as it is when nothing else in it is
 * special to the shell; else null, since which of its characters the RUN's
 * quotes kept literal is no longer known.
 */
export function shellText(value: string, expands: boolean): string | null {
  if (!expands) return shellWord(value);
  return /^(?:[A-Za-z0-9_@%+=:,./~-]|\$\{\w+\}|\$\w+)+$/.test(value) ? value : null;
}
