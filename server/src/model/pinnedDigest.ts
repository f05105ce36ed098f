// Where a FROM's pinned digest is written. `FROM img:1.0@sha256:…` holds it in
// the FROM line; `FROM $BASE` with `ARG BASE=img:1.0@sha256:…` holds it in the
// ARG's default, and `ARG IMAGE=$REGISTRY/$NAME:$TAG@sha256:…` or
// `FROM $IMAGE@${DIGEST}` in whichever word writes the digest out. The image
// is read as the model resolves it (global ARG defaults, stage.resolvedImage);
// the words are found by following the same ARGs back, so that "update the
// digest" edits the one place that writes it. Pure: no I/O.
import { parseImageReference } from '../container/imageReference';
import type { DockerfileModel, Span, Stage, Word } from './types';

export interface PinnedDigest {
  /** The resolved reference without its digest: what the registry is asked about. */
  tagged: string;
  /** The digest pinned now, `sha256:…`. */
  digest: string;
  /** Where that digest's text is: what an update replaces. */
  span: Span;
  /** The word that writes it: the FROM's image word, or an ARG's `NAME=default`. */
  holder: Span;
  /** The ARG whose default writes it; null when the FROM line does. */
  arg: string | null;
}

// The references expand() in scope.ts substitutes: `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME:+x}`.
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The pinned digest of a stage's FROM, when it names `image:tag@digest` and exactly one word writes the digest out. */
export function pinnedDigestOf(model: DockerfileModel, stage: Stage): PinnedDigest | null {
  const resolved = stage.resolvedImage;
  // Asked of every stage on every keystroke: most images pin no digest, and parsing the reference is not free.
  if (stage.baseStage !== null || !stage.imageSpan || !resolved || !resolved.includes('@')) return null;
  const ref = parseImageReference(resolved);
  if (!ref?.tag || !ref.digest) return null;
  const found: Array<Omit<PinnedDigest, 'tagged' | 'digest'>> = [];
  const seen = new Set<Span>();
  const visit = (holder: Span, arg: string | null): void => {
    if (seen.has(holder)) return;
    seen.add(holder);
    const raw = model.text.slice(holder.start, holder.end);
    for (let at = raw.indexOf(ref.digest!); at >= 0; at = raw.indexOf(ref.digest!, at + 1)) {
      found.push({ span: { start: holder.start + at, end: holder.start + at + ref.digest!.length }, holder, arg });
    }
    // An ARG word's variables are read before its `=`'s value only: the name itself is no reference.
    const value = arg === null ? raw : raw.slice(arg.length + 1);
    for (const m of value.matchAll(VARIABLE)) {
      const name = m[1] ?? m[2];
      const word = argDeclaring(model, name, holder.start);
      if (word?.value.startsWith(`${name}=`)) visit(word, name);
    }
  };
  visit(stage.imageSpan, null);
  // Written twice (or nowhere we can see, as in `$A$B` that splits it): no single place to update.
  if (found.length !== 1) return null;
  return { tagged: resolved.slice(0, resolved.lastIndexOf('@')), digest: ref.digest, ...found[0] };
}

/** The last global ARG word before `before` that declares `name` (with or without a default), as the builder reads them in order. */
function argDeclaring(model: DockerfileModel, name: string, before: number): Word | null {
  let last: Word | null = null;
  for (const arg of model.globalArgs) {
    for (const word of arg.args) {
      if (word.start >= before) return last;
      if (word.value === name || word.value.startsWith(`${name}=`)) last = word;
    }
  }
  return last;
}
