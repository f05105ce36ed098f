// The parts of an image reference the registry client needs. The pin-versions
// work brings the full parser (container/imageReference.ts); until it is on
// main this reads references the same way docker does, for the cases a FROM
// line holds, and the client depends only on the interface below.

export interface RegistryImage {
  /** Host and port; `docker.io` when the name has none. */
  registry: string;
  /** The path in that registry, `library/python` for Docker Hub's official images. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export const DOCKER_HUB_REGISTRY = 'docker.io';
const HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `python:3.12-slim`, `127.0.0.1:5000/a/b:1@sha256:…`; null for text that is no image reference (a variable, spaces). */
export function toRegistryImage(text: string): RegistryImage | null {
  let rest = text.trim();
  if (!rest || /[\s$]/.test(rest)) return null;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) return null;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return null;
  }
  const slash = rest.indexOf('/');
  const first = slash > 0 ? rest.slice(0, slash) : '';
  // As docker reads it: the first component is a registry when it has a dot or a port, or is localhost.
  const hasRegistry = slash > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : DOCKER_HUB_REGISTRY;
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (HUB_ALIASES.has(registry)) registry = DOCKER_HUB_REGISTRY;
  if (registry === DOCKER_HUB_REGISTRY && !repository.includes('/')) repository = `library/${repository}`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) return null;
  return { registry, repository, tag, digest };
}
