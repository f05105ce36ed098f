// pip's requirements format, as pip freeze, pip-compile and `uv pip compile`
// write it: `name==version`, extras and markers, `--hash` options and
// backslash continuations, `# via` comments. Only exact pins (`==`, `===`)
// are versions a Dockerfile can be pinned to; ranges are left out.
import type { LockedPackage, LockfileProblem } from './types';

/** A requirement line: a PEP 508 name, optional extras, then a version specifier list. */
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
const EXACT = /^(===?)\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)$/;
/** A specifier list pip accepts: operators and versions separated by commas. */
const CLAUSE = String.raw`(?:===|[<>!~=]=?)\s*[A-Za-z0-9*][A-Za-z0-9.+!*_-]*`;
const RANGE = new RegExp(String.raw`^${CLAUSE}(?:\s*,\s*${CLAUSE})*$`);

export interface LogicalLine {
  line: number;
  text: string;
}

/** Lines with backslash continuations joined and comments removed, each with the line it starts on. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = '';
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) {
      joined += line.slice(0, -1) + ' ';
      line = lines[++i];
    }
    joined += line;
    // pip reads `#` as a comment at the start of a line or after white space (a URL's `#egg=` is not one).
    const stripped = joined.replace(/(^|\s)#.*$/, '').trim();
    if (stripped) out.push({ line: start + 1, text: stripped });
  }
  return out;
}

export function readRequirements(text: string): { packages: LockedPackage[]; problems: LockfileProblem[] } {
  const packages: LockedPackage[] = [];
  const problems: LockfileProblem[] = [];
  for (const { line, text: entry } of logicalLines(text)) {
    // Options (`-r`, `-c`, `-i`, `--index-url`, `-e`, `--hash` alone) name no version here.
    if (entry.startsWith('-')) continue;
    // A URL or a path installs what it points to, which has no version to copy.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^[./~]/.test(entry)) continue;
    const withoutOptions = entry.replace(/\s--?[a-z][\w-]*(?:[= ]\S+)?/gi, '').trim();
    const [requirement] = withoutOptions.split(';');
    const m = REQUIREMENT.exec(requirement.trim());
    if (!m) {
      problems.push({ line, message: `'${entry.slice(0, 60)}' is not a requirement pip can read` });
      continue;
    }
    const [, name, , rest] = m;
    const spec = rest.trim();
    if (spec.startsWith('@')) continue;
    if (spec === '') continue;
    const exact = EXACT.exec(spec);
    if (exact) packages.push({ manager: 'pip', name, version: exact[2] });
    else if (!RANGE.test(spec)) {
      problems.push({ line, message: `'${entry.slice(0, 60)}' has a version specifier pip cannot read` });
    }
  }
  return { packages, problems };
}
