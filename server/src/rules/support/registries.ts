// Which registry an image reference names, and whether the settings trust it,
// as `docker pull` reads a reference and as hadolint's DL3026 reads
// trustedRegistries.
import { DOCKER_HUB } from '../../catalogue/catalogue';

/** How trustedRegistries may name Docker Hub: hadolint takes its web site's name too, which no image name uses. */
const DOCKER_HUB_SETTINGS = new Set([...DOCKER_HUB, 'hub.docker.com']);

/**
 * The registry of an image reference, lower-cased: its first path component
 * when that has a dot or a port or is localhost (`quay.io/pawsey/mpich-base`,
 * `localhost:5000/base`), as Docker reads it; else `docker.io`.
 */
export function imageRegistry(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash).toLowerCase();
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return 'docker.io';
  return DOCKER_HUB.has(first) ? 'docker.io' : first;
}

/**
 * Whether `registry` is one of `trusted`: by name (any name of Docker Hub for
 * Docker Hub), or by a `*.example.org` pattern for the registries below a
 * domain, or `*` for any.
 */
export function isTrusted(registry: string, trusted: readonly string[]): boolean {
  for (const entry of trusted) {
    const name = entry.trim().toLowerCase();
    if (name === '*' || name === registry) return true;
    if (registry === 'docker.io' && DOCKER_HUB_SETTINGS.has(name)) return true;
    if (name.startsWith('*.') && registry.endsWith(name.slice(1))) return true;
  }
  return false;
}
