// The pure half of base-image completion: where the cursor is (an image after
// FROM or in the default of an ARG a FROM uses, or a tag after `image:`),
// which catalogue images fit what the Dockerfile does, and the order tags are
// shown in. Text in, answers out: no registry, no engine.
import { families, type Family, type Variant } from './catalogue';

export type ImageSlot =
  | { kind: 'image'; /** What is typed so far. */ prefix: string; /** Columns of the word on the line. */ start: number; end: number }
  | { kind: 'tag'; /** The image name as written, before the colon. */ image: string; prefix: string; start: number; end: number };

const FROM_LINE = /^(\s*FROM\s+(?:--\S+\s+)*)(\S*)$/i;
const ARG_LINE = /^(\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=)(\S*)$/i;

/**
 * What the cursor is on, from the text of its line up to the cursor (and the
 * word's rest after it); `text` is the whole document, to see which ARGs a
 * FROM uses. Null where no image is written.
 */
export function imageSlotAt(text: string, lineText: string, character: number): ImageSlot | null {
  const before = lineText.slice(0, character);
  const rest = /^\S*/.exec(lineText.slice(character))![0];
  let prefixStart: number;
  let word: string;
  const from = FROM_LINE.exec(before);
  if (from) {
    prefixStart = from[1].length;
    word = from[2];
  } else {
    const arg = ARG_LINE.exec(before);
    if (!arg || !argUsedByFrom(text, arg[2])) return null;
    prefixStart = arg[1].length;
    word = arg[3];
  }
  const end = character + rest.length;
  if (word.includes('@') || word.includes('$')) return null;
  const colon = word.lastIndexOf(':');
  if (colon > word.lastIndexOf('/')) {
    return { kind: 'tag', image: word.slice(0, colon), prefix: word.slice(colon + 1), start: prefixStart + colon + 1, end };
  }
  return { kind: 'image', prefix: word, start: prefixStart, end };
}

function argUsedByFrom(text: string, name: string): boolean {
  const use = new RegExp(`^\\s*FROM\\s+(?:--\\S+\\s+)*\\S*\\$(?:\\{${name}(?:[:}]|$)|${name}\\b)`, 'im');
  return use.test(text);
}

/** Stage names declared by `FROM … AS name` above the given line: a later FROM may start from them. */
export function stageNamesBefore(text: string, line: number): string[] {
  const names: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)/i.exec(lines[i]);
    if (m) names.push(m[1]);
  }
  return names;
}

export interface ImageSuggestion {
  family: Family;
  variant: Variant;
  /** `python:3.12-slim`. */
  reference: string;
}

/**
 * The catalogue's images, those whose words the Dockerfile uses first (pip: python slim; conda: miniconda3;
 * nvcc or numba: CUDA devel), then in the catalogue's order; in a family, the recommended variant first.
 */
export function suggestImages(text: string, all: readonly Family[] = families()): ImageSuggestion[] {
  const body = text.replace(/^\s*FROM\s.*$/gim, '');
  const scored = all.map((family, order) => ({ family, order, score: score(body, family.suggestWhen) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.flatMap(({ family }) =>
    [...family.variants]
      .sort((a, b) => Number(!!b.recommended) - Number(!!a.recommended))
      .map((variant) => ({ family, variant, reference: `${variant.image ?? family.repository}:${variant.tag}` })),
  );
}

/** How many times the family's words occur, each counted at most three times so one long list does not dominate. */
function score(body: string, words: readonly string[]): number {
  let total = 0;
  for (const word of words) {
    const re = new RegExp(`(?<![\\w.-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    total += Math.min(3, (body.match(re) ?? []).length);
  }
  return total;
}

interface ParsedTag {
  tag: string;
  version: number[] | null;
  suffix: string;
}

function parseTag(tag: string): ParsedTag {
  // A dated tag (the Jupyter stacks' 2024-10-07) orders by its date.
  const date = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(tag);
  if (date) return { tag, version: [Number(date[1]), Number(date[2]), Number(date[3])], suffix: date[4] };
  const m = /^v?(\d+(?:\.\d+)*)(.*)$/.exec(tag);
  if (!m) return { tag, version: null, suffix: tag };
  return { tag, version: m[1].split('.').map(Number), suffix: m[2] };
}

/**
 * Tags by version, newest first, and in one version its variants together in
 * name order (`3.12`, `3.12-bookworm`, `3.12-slim`, `3.12-slim-bookworm`); a
 * shorter version (`3.12`, which moves to the newest 3.12.x) before its longer
 * ones; tags without a version (`latest`, `bookworm`) after the versioned ones.
 */
export function orderTags(tags: Iterable<string>): string[] {
  const parsed = [...new Set(tags)].map(parseTag);
  return parsed.sort(compareTags).map((p) => p.tag);
}

function compareTags(a: ParsedTag, b: ParsedTag): number {
  if (!a.version || !b.version) {
    if (a.version) return -1;
    if (b.version) return 1;
    if (a.tag === 'latest' || b.tag === 'latest') return a.tag === 'latest' ? -1 : 1;
    return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
  }
  const n = Math.min(a.version.length, b.version.length);
  for (let i = 0; i < n; i++) if (a.version[i] !== b.version[i]) return b.version[i] - a.version[i];
  if (a.version.length !== b.version.length) return a.version.length - b.version.length;
  return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0;
}
