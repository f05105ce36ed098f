// BuildKit's `# check=` parser directive, read as BuildKit reads it
// (frontend/dockerfile/parser/directives.go and linter.ParseLintOptions):
// directives are the `#name=value` lines at the very top, after an optional
// BOM and `#!` line; the first line that is not one (a blank line, a comment,
// an unknown name, an instruction) ends them, and the first `check` counts.
// Its value's first word holds up to three `;`-separated options:
// `skip=all` or `skip=A,B`, `error=true|false`, and `experimental=...`.

export interface CheckDirective {
  /** BuildKit check names the build skips. */
  skip: string[];
  /** `skip=all`: no check runs. */
  skipAll: boolean;
  /** `error=true`: a check's finding fails the build. */
  error: boolean;
  /** A directive BuildKit rejects (the build then fails before any check runs): its value and where it stands. */
  invalid?: { value: string; start: number; end: number };
}

/** What most Dockerfiles have: shared, never changed. */
export const NO_CHECK_DIRECTIVE: CheckDirective = Object.freeze({ skip: Object.freeze([]) as unknown as string[], skipAll: false, error: false });

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);
/** Go's strconv.ParseBool. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The `# check=` directive at the top of `text`; NO_CHECK_DIRECTIVE when there is none or BuildKit would reject it. */
export function readCheckDirective(text: string): CheckDirective {
  let k = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.charCodeAt(k) !== 0x23) return NO_CHECK_DIRECTIVE; // most files: the first line is no comment
  let first = true;
  while (k < text.length) {
    const lineStart = k;
    let end = text.indexOf('\n', k);
    if (end < 0) end = text.length;
    const line = text.slice(k, end).replace(/\r$/, '');
    k = end + 1;
    if (first && line.startsWith('#!')) {
      first = false;
      continue;
    }
    first = false;
    if (!line.startsWith('#')) break;
    const m = DIRECTIVE.exec(line.slice(1).replace(/^\s+/, ''));
    if (!m) break;
    const name = m[1].toLowerCase();
    if (!KNOWN.has(name)) break;
    if (name === 'check') {
      const value = m[2].split(' ')[0];
      return parseCheckOptions(value) ?? { skip: [], skipAll: false, error: false, invalid: { value, start: lineStart, end: lineStart + line.length } };
    }
  }
  return NO_CHECK_DIRECTIVE;
}

/** linter.ParseLintOptions: null for a value BuildKit rejects (the build then fails before any check runs). */
export function parseCheckOptions(value: string): CheckDirective | null {
  const trimmed = value.trim();
  if (trimmed === '') return NO_CHECK_DIRECTIVE;
  const out: CheckDirective = { skip: [], skipAll: false, error: false };
  // Go's SplitN(s, ";", 3): at most three parts, the last one keeping any further `;`.
  const parts = trimmed.split(';');
  if (parts.length > 3) parts.splice(2, parts.length - 2, parts.slice(2).join(';'));
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') out.skipAll = true;
      else out.skip = v.split(',').map((s) => s.trim());
    } else if (key === 'error') {
      if (TRUE.has(v)) out.error = true;
      else if (FALSE.has(v)) out.error = false;
      else return null;
    } else if (key !== 'experimental') return null;
  }
  return out;
}
