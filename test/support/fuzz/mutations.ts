// Mutated Dockerfiles for the fuzzer: a real Dockerfile with a few random
// edits of the kinds that break parsers (lost or doubled lines and characters,
// stray escapes, quotes and operators, heredoc markers, parser directives,
// odd unicode, NUL bytes, other line endings, truncation). A case is data, so
// fast-check can shrink it and a failure can be printed and replayed.
import fc from 'fast-check';

/** Text inserted at a random offset. */
export const INSERTS: readonly string[] = [
  '\\', '\\\n', '`', '`\n', '"', "'", '"]', '[', ']', '{', '}', '$', '${', '$(', ')', '#', '=', ' ',
  ' && ', '&&', '||', ';', '|', '&', '>', '<', ' \\\n    && ', '\n&& ',
  '<<EOF\n', '<<-EOF\n', "<<'EOF'\n", '<<"EOF"\n', 'EOF\n', '\tEOF\n', '<<EOF <<END\n', 'END\n', 'cat <<EOF\n',
  '# escape=`\n', '# escape=\\\n', '# escape=\n', '# syntax=docker/dockerfile:1\n', '# syntax=\n', '#escape=`\n',
  '# layerwise-ignore=apt-lists-not-removed\n', '# layerwise-ignore=\n', '# hadolint ignore=DL3009,DL3042\n',
  '\n', '\r', '\r\n', '\n\n', '\t', '\v', '\f',
  '\0', '\u0085', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u202e', '\u0301', 'é', 'ß', 'İ', '日本', '😀', '\ud83d', '\ude00',
  '$(touch /tmp/pwned)', '`touch /tmp/pwned`', '; touch /tmp/pwned', '--output=/tmp/pwned',
  'FROM ', 'RUN ', 'ONBUILD ', 'ARG ', 'ENV ', 'COPY --from=0 ', 'HEALTHCHECK CMD ', 'FROM scratch AS a\n',
  '\nRUN apt-get update\n', '\nRUN apt-get clean\n', '\nRUN pip install numpy\n', '\nRUN rm -rf /var/lib/apt/lists/*\n',
  ' apt-get update ', ' apt-get install -y ', ' pip install ', ' pip3 install ', ' conda clean -ay ', ' --no-cache-dir ',
  ' -y ', ' -- ', ' --mount=type=cache,target=/root/.cache ', ' --network=none ', '["sh", "-c", "x"]', '[ "a" ',
];

export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'delete-chars' | 'duplicate-chars'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'crlf' | 'lone-cr' | 'lf' }
  | { kind: 'truncate'; at: number };

export interface MutatedCase {
  /** Index into the sources the arbitrary was made with. */
  source: number;
  /** Lines of the source to start from, so a case costs about the same on a long file; null for all of it. */
  window: { at: number; lines: number } | null;
  mutations: Mutation[];
}

const offset = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: offset }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('delete-chars' as const, 'duplicate-chars' as const), at: offset, length: fc.integer({ min: 1, max: 12 }) }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: offset, text: fc.constantFrom(...INSERTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: offset, text: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('crlf' as const, 'lone-cr' as const, 'lf' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: offset }) },
);

export function mutatedCase(sourceCount: number): fc.Arbitrary<MutatedCase> {
  return fc.record({
    source: fc.nat({ max: sourceCount - 1 }),
    // Whole files one time in twenty: a whole long file costs ten times a window of it.
    window: fc.option(fc.record({ at: offset, lines: fc.integer({ min: 1, max: 60 }) }), { freq: 20, nil: null }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }),
  });
}

function lineBounds(text: string, at: number): [number, number] {
  if (text.length === 0) return [0, 0];
  const p = at % text.length;
  const start = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  return [start, nl < 0 ? text.length : nl + 1];
}

export function applyMutation(text: string, m: Mutation): string {
  const point = (at: number) => (text.length === 0 ? 0 : at % (text.length + 1));
  switch (m.kind) {
    case 'delete-line': {
      const [s, e] = lineBounds(text, m.at);
      return text.slice(0, s) + text.slice(e);
    }
    case 'duplicate-line': {
      const [s, e] = lineBounds(text, m.at);
      const line = text.slice(s, e);
      return text.slice(0, e) + (line.endsWith('\n') ? line : `\n${line}`) + text.slice(e);
    }
    case 'delete-chars': {
      const s = point(m.at);
      return text.slice(0, s) + text.slice(s + m.length);
    }
    case 'duplicate-chars': {
      const s = point(m.at);
      return text.slice(0, s + m.length) + text.slice(s, s + m.length) + text.slice(s + m.length);
    }
    case 'insert': {
      const s = point(m.at);
      return text.slice(0, s) + m.text + text.slice(s);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'lone-cr':
      return text.replace(/\r?\n/g, '\r');
    case 'lf':
      return text.replace(/\r\n?/g, '\n');
    case 'truncate':
      return text.slice(0, point(m.at));
  }
}

/** `lines` lines of `text` from a line picked by `at`; a window may start inside a continued instruction, as a deletion of lines would leave it. */
export function windowOf(text: string, at: number, lines: number): string {
  const all = text.split(/(?<=\n)/);
  const first = all.length === 0 ? 0 : at % all.length;
  return all.slice(first, first + lines).join('');
}

export function applyCase(sources: readonly string[], c: MutatedCase): string {
  const start = c.window ? windowOf(sources[c.source], c.window.at, c.window.lines) : sources[c.source];
  return c.mutations.reduce(applyMutation, start);
}

/** A case in one line, for a failure report that someone can replay. */
export function describeCase(names: readonly string[], c: MutatedCase): string {
  const window = c.window ? ` (${c.window.lines} lines from line ${c.window.at} modulo its length)` : '';
  return `${names[c.source]}${window} with ${JSON.stringify(c.mutations)}`;
}
