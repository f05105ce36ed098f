// The parser directives at the top of a Dockerfile (`# escape=`\``,
// `# syntax=...`), read as dockerfile-ast reads them, without building its
// tree: that cost a small file's lint as much as all its instructions.
// dockerfile-ast's reading is the reference (test/unit/directives.test.ts
// compares the two on random headers), quirks included: the name is the first
// word before `=`, the value the first word after it, and after the value only
// another `#` on the same line is read on.
import { CR, EQUALS, HASH, LF, SPACE, TAB } from './chars';

export interface Directives {
  /** The escape character: `escape`'s value when it is \ or `, else \. */
  escape: string;
  /** How many directives there are; dockerfile-ast starts the instructions that many lines down. */
  count: number;
}

/** The directives at the top of `text`. */
export function readDirectives(text: string): Directives {
  const n = text.length;
  let escape: string | null = null;
  let count = 0;
  let k = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (k < n && isBlank(text.charCodeAt(k))) k++;
    if (k >= n || text.charCodeAt(k) !== HASH) break;
    // The name: the first word between `#` and `=`. A line with no `=`, or no word before it, is a comment.
    let nameStart = -1;
    let nameEnd = -1;
    for (k++; k < n && !isBreak(text.charCodeAt(k)) && text.charCodeAt(k) !== EQUALS; k++) {
      if (isBlank(text.charCodeAt(k))) {
        if (nameStart >= 0 && nameEnd < 0) nameEnd = k;
      } else if (nameStart < 0) nameStart = k;
    }
    if (k >= n || text.charCodeAt(k) !== EQUALS || nameStart < 0) break;
    if (nameEnd < 0) nameEnd = k;
    // The value: the first word after `=`.
    let valueStart = k + 1;
    while (valueStart < n && isBlank(text.charCodeAt(valueStart))) valueStart++;
    let valueEnd = valueStart;
    while (valueEnd < n && !isBlank(text.charCodeAt(valueEnd)) && !isBreak(text.charCodeAt(valueEnd))) valueEnd++;
    count++;
    if (escape === null && text.slice(nameStart, nameEnd).toLowerCase() === 'escape') {
      const value = text.slice(valueStart, valueEnd);
      if (value === '\\' || value === '`') escape = value;
    }
    // After the value comes the next line, or on this line white space and then only another `#` directive.
    k = valueEnd;
    if (k < n && isBreak(text.charCodeAt(k))) k += text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? 2 : 1;
    else if (k < n) {
      while (k < n && isBlank(text.charCodeAt(k))) k++;
      if (k >= n || text.charCodeAt(k) !== HASH) break;
    }
  }
  return { escape: escape ?? '\\', count };
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBreak(c: number): boolean {
  return c === LF || c === CR;
}
