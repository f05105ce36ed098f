// The two TOML lockfiles: PEP 751's pylock.toml and uv's uv.lock. Both list
// packages as arrays of tables with a name and a version; read with smol-toml.
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml ships CommonJS beside its ES module; the server is bundled as CommonJS, so it takes that one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse, TomlError } = require('smol-toml') as typeof SmolToml;
import type { LockedPackage, LockfileFormat, LockfileProblem } from './types';

type Table = Record<string, unknown>;

export function readTomlLock(text: string): { format: LockfileFormat | null; packages: LockedPackage[]; problems: LockfileProblem[] } {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    const line = e instanceof TomlError ? e.line : null;
    return { format: null, packages: [], problems: [{ line, message: `not valid TOML: ${firstLine(e)}` }] };
  }
  if ('lock-version' in doc || Array.isArray(doc.packages)) return { format: 'pylock', ...readTables(doc.packages, 'packages', false) };
  if (Array.isArray(doc.package)) return { format: 'uv-lock', ...readTables(doc.package, 'package', true) };
  return { format: null, packages: [], problems: [{ line: null, message: 'a TOML file with neither [[packages]] (pylock.toml) nor [[package]] (uv.lock)' }] };
}

function readTables(list: unknown, key: string, skipProject: boolean): { packages: LockedPackage[]; problems: LockfileProblem[] } {
  const packages: LockedPackage[] = [];
  const problems: LockfileProblem[] = [];
  if (!Array.isArray(list)) return { packages, problems: [{ line: null, message: `[[${key}]] is not a list of tables` }] };
  list.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ line: null, message: `[[${key}]] number ${i + 1} is not a table` });
      return;
    }
    const { name, version, source } = entry as Table;
    if (typeof name !== 'string') {
      problems.push({ line: null, message: `[[${key}]] number ${i + 1} has no name` });
      return;
    }
    // uv lists the project itself (editable or virtual); it is not installed from an index.
    if (skipProject && typeof source === 'object' && source !== null && ('editable' in source || 'virtual' in source)) return;
    if (typeof version === 'string') packages.push({ manager: 'pip', name, version });
  });
  return { packages, problems };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
