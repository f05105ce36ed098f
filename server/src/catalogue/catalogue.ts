// The base-image catalogue: one data file that rules, completions and hovers
// read, so that what Layerwise knows of an image is said once.
import data from './base-images.json';

export type OsFamily = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'windows';

export interface BaseImage {
  repository: string;
  os: OsFamily | null;
  /** ENV the image sets, as its Dockerfile does. */
  env: Record<string, string>;
  /** Its default CMD, in exec form. */
  cmd: string[] | null;
  /** The image comes with a start-up of its own (Jupyter, RStudio) that a CMD would replace. */
  ownStartup: boolean;
  packageManagers: string[];
  /** A Windows image: its default shell (cmd) expands no `$NAME`, and runs no POSIX script. */
  windows: boolean;
  /** Its SHELL already runs with `-o pipefail` (the Jupyter stacks, micromamba's). */
  pipefail: boolean;
  /** Its ENTRYPOINT activates the conda environment for whatever runs (micromamba's `_entrypoint.sh`). */
  activatesConda: boolean;
}

interface Entry {
  repository: string;
  os: string;
  osByTag?: Record<string, string>;
  env: Record<string, string>;
  cmd: string[] | null;
  ownStartup?: boolean;
  packageManagers: string[];
  windows?: boolean;
  pipefail?: boolean;
  activatesConda?: boolean;
}

export interface Catalogue {
  lookup(image: string): BaseImage | null;
}

/** How an image name may spell Docker Hub, where an image without a registry comes from. */
export const DOCKER_HUB: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `docker.io/library/python:3.8-slim@sha256:…` → repository `python`, tag `3.8-slim`. */
export function splitImage(image: string): { repository: string; tag: string | null; digest: string | null } {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let repository = rest.toLowerCase();
  const slash = repository.indexOf('/');
  if (slash > 0 && DOCKER_HUB.has(repository.slice(0, slash))) repository = repository.slice(slash + 1);
  repository = repository.replace(/^library\//, '');
  return { repository, tag, digest };
}

/** Tags that name a Windows variant of any image (`python:3.12-windowsservercore-ltsc2022`, `…-nanoserver-1809`). */
const WINDOWS_TAGS: readonly string[] = (data as { windowsTags?: string[] }).windowsTags ?? [];

/** Whether an image is a Windows one: the catalogue says so, or its tag names a Windows variant, as docker-library's do. */
export function isWindowsImage(image: string, known: BaseImage | null): boolean {
  if (known?.windows) return true;
  const tag = splitImage(image).tag?.toLowerCase() ?? '';
  return WINDOWS_TAGS.some((t) => tag.includes(t));
}

export function createCatalogue(entries: Entry[] = data.images as Entry[]): Catalogue {
  const exact = new Map<string, Entry>();
  const prefixes: Entry[] = [];
  for (const e of entries) {
    if (e.repository.endsWith('/*')) prefixes.push(e);
    else exact.set(e.repository, e);
  }
  // Rules ask about every stage's image on every keystroke; a session names few images. Bounded, since names
  // typed a character at a time pass through it.
  const known = new Map<string, BaseImage | null>();
  return {
    lookup(image: string): BaseImage | null {
      let found = known.get(image);
      if (found === undefined) {
        if (known.size >= 256) known.clear();
        known.set(image, (found = find(image)));
      }
      return found;
    },
  };

  function find(image: string): BaseImage | null {
    const { repository, tag } = splitImage(image);
    const entry = exact.get(repository) ?? prefixes.find((p) => repository.startsWith(p.repository.slice(0, -1)));
    if (!entry) return null;
    let os = entry.os as OsFamily;
    for (const [needle, family] of Object.entries(entry.osByTag ?? {})) {
      if (tag?.includes(needle)) os = family as OsFamily;
    }
    return {
      repository: entry.repository,
      os,
      env: entry.env,
      cmd: entry.cmd,
      ownStartup: entry.ownStartup ?? false,
      packageManagers: entry.packageManagers,
      windows: entry.windows === true || os === 'windows',
      pipefail: entry.pipefail ?? false,
      activatesConda: entry.activatesConda ?? false,
    };
  }
}
