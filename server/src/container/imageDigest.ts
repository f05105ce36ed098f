// FROM pins from the local engine: `image:tag` becomes `image:tag@sha256:…`
// with the digest the engine recorded when it pulled the image (RepoDigests of
// `docker image inspect`). The edit keeps the tag, `--platform`, `AS name` and
// the parser directives (it replaces only the image word); an image written
// as an ARG (`FROM $BASE`) has the ARG's default edited instead, and one
// built from parts of ARGs is not offered.
import type { TextEdit } from '../engine/rule';
import { instructionProperties } from '../model/scope';
import type { DockerfileModel, Stage } from '../model/types';
import { EngineError, type ContainerEngine } from './engine';
import { formatImageReference, imageReferenceProblem, parseImageReference, sameRepository } from './imageReference';

export type DigestAnswer = { digest: string } | { problem: string };

/** The digest the engine holds for `image` (as resolved from the FROM), from its RepoDigests. */
export async function localDigest(engine: ContainerEngine, image: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<DigestAnswer> {
  const ref = parseImageReference(image);
  if (!ref) return { problem: imageReferenceProblem(image) ?? `'${image}' is not an image reference` };
  if (ref.digest) return { problem: `${image} is pinned to a digest already` };
  let out: string;
  try {
    ({ stdout: out } = await engine.run(['image', 'inspect', '--format', '{{json .RepoDigests}}', image], { signal: options.signal, timeoutMs: options.timeoutMs ?? 20_000 }));
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed' && /no such image|not found|image not known/i.test(e.stderr)) {
      return { problem: `${image} is not on the local engine: pull it first (docker pull ${image})` };
    }
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  let digests: unknown;
  try {
    digests = JSON.parse(out.trim() || 'null');
  } catch {
    return { problem: `${engine.command} image inspect gave no RepoDigests list` };
  }
  const list = Array.isArray(digests) ? digests.filter((d): d is string => typeof d === 'string') : [];
  for (const entry of list) {
    const r = parseImageReference(entry);
    if (r?.digest && sameRepository(r, ref)) return { digest: r.digest };
  }
  return {
    problem: `${image} has no digest from a registry on the local engine (it was built or loaded here, not pulled): push it to a registry and pull it back, or pin it where it was pulled`,
  };
}

/** What a stage's FROM pin edits, and the image it names; null when the FROM cannot be pinned by an edit. */
export function fromPinTarget(model: DockerfileModel, stage: Stage): { image: string; edit: (digest: string) => TextEdit } | null {
  if (stage.baseStage !== null || !stage.imageSpan || !stage.resolvedImage || stage.image.toLowerCase() === 'scratch') return null;
  const span = stage.imageSpan;
  if (!stage.image.includes('$')) {
    const ref = parseImageReference(stage.image);
    if (!ref || ref.digest || model.text.slice(span.start, span.end) !== stage.image) return null;
    return { image: stage.image, edit: (digest) => ({ start: span.start, end: span.end, newText: formatImageReference({ ...ref, digest }) }) };
  }
  // `FROM $BASE` or `FROM ${BASE}`: the global ARG's default holds the whole reference.
  const whole = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(stage.image);
  if (!whole) return null;
  const name = whole[1] ?? whole[2];
  const arg = [...model.globalArgs].reverse().find((a) => instructionProperties(a).some((p) => p.name === name));
  const word = arg?.args.find((w) => w.value.startsWith(`${name}=`));
  if (!arg || !word || model.text.slice(word.start, word.end) !== word.raw) return null;
  // ARG words are not shell words: the quotes are still in the value.
  const written = word.raw.slice(name.length + 1);
  const quoted = /^"[^"\\$]*"$/.test(written);
  const value = quoted ? written.slice(1, -1) : written;
  if (!quoted && /["'\\$]/.test(value)) return null;
  const ref = parseImageReference(value);
  if (!ref || ref.digest || value !== stage.resolvedImage) return null;
  return { image: value, edit: (digest) => ({ start: word.start, end: word.end, newText: quoted ? `${name}="${formatImageReference({ ...ref, digest })}"` : `${name}=${formatImageReference({ ...ref, digest })}` }) };
}
