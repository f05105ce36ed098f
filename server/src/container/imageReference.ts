// Image references as docker reads them (distribution/reference): which part
// is the registry, the repository, the tag and the digest. Shared by the FROM
// digest pin and the registry client, so both read `localhost:5000/a/b:1` the
// same way. Pure: no I/O.

/** Docker Hub's canonical name, and the names a reference may use for it. */
export const DOCKER_HUB_REGISTRY = 'docker.io';
const HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export interface ImageReference {
  /** The registry host (and port), `docker.io` when none is written. */
  registry: string;
  /** The repository path in that registry, with Docker Hub's `library/` for official images: `library/python`. */
  repository: string;
  /** The tag as written, or null when none is. */
  tag: string | null;
  /** `sha256:…` as written, or null when none is. */
  digest: string | null;
  /** The name as written, before any tag or digest: `python`, `docker.io/library/python`, `127.0.0.1:5000/x`. */
  name: string;
  /** Whether the text names its registry (`ghcr.io/x`, `localhost/x`) rather than leaving Docker Hub implied. */
  registryWritten: boolean;
  /** The short form docker shows: `python`, `user/tool`, `ghcr.io/org/tool`. */
  familiarName: string;
}

// The grammar of distribution/reference, written out so a bad reference gets a reason rather than a regex miss.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

/** The reference's parts, or null when docker would refuse it (see `imageReferenceProblem` for why). */
export function parseImageReference(text: string): ImageReference | null {
  const read = readReference(text);
  return typeof read === 'string' ? null : read;
}

/** Why docker would refuse the reference, in a sentence; null when it reads it. */
export function imageReferenceProblem(text: string): string | null {
  const read = readReference(text);
  return typeof read === 'string' ? read : null;
}

/**
 * The reference written back: the name as the user wrote it, then the tag and
 * digest given (pass `{ ...ref, digest }` to pin one, keeping the tag).
 */
export function formatImageReference(ref: Pick<ImageReference, 'name' | 'tag' | 'digest'>): string {
  return `${ref.name}${ref.tag !== null ? `:${ref.tag}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`;
}

/** The fully qualified name, as RepoDigests and registries spell it: `docker.io/library/python`. */
export function canonicalName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`;
}

/** Whether two references name the same repository, however each is spelled (`python`, `docker.io/library/python`). */
export function sameRepository(a: Pick<ImageReference, 'registry' | 'repository'>, b: Pick<ImageReference, 'registry' | 'repository'>): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

function readReference(raw: string): ImageReference | string {
  const text = raw.trim();
  if (text === '') return 'the image reference is empty';
  if (text.length > 4096) return 'the image reference is longer than docker accepts';
  if (/\s/.test(text)) return `'${text}' holds white space`;
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `'${digest}' is not a digest (algorithm:hex, such as sha256:… with 64 hex digits)`;
    if (digest.startsWith('sha256:') && !SHA256.test(digest)) return `'${digest}' is not a sha256 digest (64 lower-case hex digits)`;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `'${tag}' is not a valid tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')`;
  }
  const name = rest;
  if (name === '') return `'${text}' names no repository`;
  const slash = name.indexOf('/');
  // docker takes the first component as a registry only when it looks like a host: a dot, a port, localhost, or capitals.
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = DOCKER_HUB_REGISTRY;
  let path = name;
  if (isDomain) {
    const problem = domainProblem(first);
    if (problem) return problem;
    registry = HUB_ALIASES.has(first.toLowerCase()) ? DOCKER_HUB_REGISTRY : first;
    path = name.slice(slash + 1);
  }
  if (path === '') return `'${text}' names no repository after the registry`;
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      return component !== component.toLowerCase()
        ? `'${path}' must be lower case: docker refuses repository names with capitals`
        : `'${component}' is not a valid repository name component (lower-case letters and digits, separated by '.', '_', '__' or '-')`;
    }
  }
  if (registry.length + path.length + 1 > 255) return 'the repository name is longer than 255 characters';
  const repository = registry === DOCKER_HUB_REGISTRY && !path.includes('/') ? `library/${path}` : path;
  const familiarName = registry === DOCKER_HUB_REGISTRY ? repository.replace(/^library\//, '') : `${registry}/${repository}`;
  return { registry, repository, tag, digest, name, registryWritten: isDomain, familiarName };
}

function domainProblem(domain: string): string | null {
  const colon = domain.lastIndexOf(':');
  let host = domain;
  if (colon >= 0 && !domain.endsWith(']')) {
    const port = domain.slice(colon + 1);
    host = domain.slice(0, colon);
    if (!/^[0-9]+$/.test(port)) return `'${port}' is not a port number in the registry '${domain}'`;
  }
  if (/^\[[0-9a-fA-F:]+\]$/.test(host)) return null;
  for (const part of host.split('.')) {
    if (!DOMAIN_COMPONENT.test(part)) return `'${domain}' is not a valid registry host`;
  }
  return null;
}
