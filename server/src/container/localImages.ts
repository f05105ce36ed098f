// What the local engine knows of an image: the tags it holds for a name (for
// tag completion) and an image's size, date, platform and digests (for the
// hover). Read with `image ls --format` and `image inspect`, as data, never by
// parsing tables.
import { EngineError, type ContainerEngine } from './engine';

export interface LocalImage {
  id: string;
  /** Bytes, as `docker image inspect` reports it. */
  size: number;
  created: string;
  /** `linux/amd64`, `linux/arm64/v8`. */
  platform: string;
  /** `name@sha256:…` for each registry the image was pushed to or pulled from. */
  repoDigests: string[];
}

/** The tags the engine holds for an image name as written (`python`, `127.0.0.1:5000/team/app`). */
export async function localTags(engine: ContainerEngine, name: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string[]> {
  const { stdout } = await engine.run(['image', 'ls', '--format', '{{.Tag}}', name], { signal: options.signal, timeoutMs: options.timeoutMs ?? 5000 });
  return [...new Set(stdout.split('\n').map((t) => t.trim()).filter((t) => t && t !== '<none>'))];
}

/** The image as the engine has it, or null when it has none by that reference. */
export async function inspectLocalImage(engine: ContainerEngine, reference: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<LocalImage | null> {
  let stdout: string;
  try {
    ({ stdout } = await engine.run(['image', 'inspect', '--format', '{{json .}}', reference], { signal: options.signal, timeoutMs: options.timeoutMs ?? 5000 }));
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed' && /no such (image|object)|not found/i.test(e.stderr + e.message)) return null;
    throw e;
  }
  const raw = JSON.parse(stdout) as { Id?: string; Size?: number; Created?: string; Os?: string; Architecture?: string; Variant?: string; RepoDigests?: string[] };
  return {
    id: raw.Id ?? '',
    size: raw.Size ?? 0,
    created: raw.Created ?? '',
    platform: [raw.Os, raw.Architecture, raw.Variant].filter(Boolean).join('/'),
    repoDigests: raw.RepoDigests ?? [],
  };
}
