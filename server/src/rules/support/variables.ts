// The variables a word of an instruction that Docker expands itself reads.

/** The variables a word reads: `$NAME`, `${NAME}` and `${NAME:-...}` (with those in the default), not in single quotes. */
export function referencedNames(raw: string): string[] {
  const names: string[] = [];
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'") quoted = !quoted;
    else if (c === '\\') i++;
    else if (c === '$' && !quoted) {
      const m = /^\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i + 1));
      if (m) names.push(m[1]);
    }
  }
  return names;
}
