// Whether a shell word leaves a quote open. The tokeniser reads an unclosed
// quote, backquote or `$(` to the end of the script, as a shell would; text
// appended after such a word lands inside it, so a fix must not append there.

/** True when `raw` ends inside quotes, a backquote, `$(...)` or `${...}`, or on an escaping backslash. */
export function leavesQuoteOpen(raw: string): boolean {
  /** The closer each open construct waits for, innermost last. */
  const open: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    const top = open[open.length - 1];
    if (top === "'") {
      if (ch === "'") open.pop();
      continue;
    }
    if (ch === '\\') {
      if (++i >= raw.length) return true;
      continue;
    }
    if (ch === top && (ch === '"' || ch === '`' || ch === ')' || ch === '}')) open.pop();
    else if (ch === "'" && top !== '"') open.push("'");
    else if (ch === '"') open.push('"');
    else if (ch === '`') open.push('`');
    else if (ch === '$' && (raw[i + 1] === '(' || raw[i + 1] === '{')) open.push(raw[++i] === '(' ? ')' : '}');
    else if (ch === '(' && top === ')') open.push(')');
  }
  return open.length > 0;
}
