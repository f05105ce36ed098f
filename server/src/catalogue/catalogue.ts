// The base-image catalogue: one data file that rules, completions and hovers
// read, so that what Layerwise knows of an image is said once.
import data from './base-images.json';

export type OsFamily = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'windows';

export interface BaseImage {
  repository: string;
  os: OsFamily | null;
  /** ENV the image sets, as its Dockerfile does. */
  env: Record<string, string>;
  /** The folder its RUNs start in: its WORKDIR, `/` when it sets none; null where the catalogue does not say. */
  workdir: string | null;
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

/** One way to use a family: a tag (and for a family of several repositories, the image) with what it holds. */
export interface Variant {
  name: string;
  /** The image without its tag, when the family is several repositories (`jupyter/*`); the family's repository otherwise. */
  image?: string;
  tag: string;
  description: string;
  /** Why this is the variant to use, in the lesson's words where it gives them; only the recommended one has it. */
  recommended?: string;
}

/** What completions and hovers tell of a family; optional, so that an entry may carry only what rules read. */
export interface FamilyDocs {
  title: string;
  /** What the image is for, in a sentence. */
  purpose: string;
  /** The OS it is built on. */
  basedOn: string;
  typicalSize: string;
  links: { registry: string; dockerfile: string };
  variants: Variant[];
  /** Curated tags, offered when no registry answers (offline, untrusted, unreachable). */
  tags: string[];
  /** Words that, found in a Dockerfile, make this family a better fit (`pip`, `conda`, `nvcc`). */
  suggestWhen: string[];
}

/** An entry of base-images.json: what rules read, and optionally the family's docs. */
export interface Entry extends Partial<FamilyDocs> {
  repository: string;
  os: string | null;
  osByTag?: Record<string, string>;
  env: Record<string, string>;
  workdir?: string;
  cmd: string[] | null;
  ownStartup?: boolean;
  packageManagers: string[];
  windows?: boolean;
  pipefail?: boolean;
  activatesConda?: boolean;
  /** Where the facts were read, for entries added from a source a reviewer should be able to find. */
  source?: string;
}

/** A family with its docs, as completions and hovers list it. */
export type Family = Entry & FamilyDocs;

const OS_FAMILIES: readonly string[] = ['debian', 'ubuntu', 'alpine', 'rhel', 'windows'];
const DOC_FIELDS = ['title', 'purpose', 'basedOn', 'typicalSize', 'links', 'variants', 'tags', 'suggestWhen'] as const;

/** What is wrong with an entry, one sentence each; empty when it fits the schema. */
export function validateEntry(entry: unknown): string[] {
  const problems: string[] = [];
  if (!entry || typeof entry !== 'object') return ['an entry should be an object'];
  const e = entry as Record<string, unknown>;
  const name = typeof e.repository === 'string' ? e.repository : '(no repository)';
  const say = (what: string) => problems.push(`${name}: ${what}`);
  const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const isTexts = (v: unknown) => Array.isArray(v) && v.every(isText);
  const isRecord = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isText(e.repository) || !/^[a-z0-9][a-z0-9._\/:-]*(\/\*)?$/.test(String(e.repository))) say('repository should be an image name, or a prefix ending in /*');
  // null: the OS differs from image to image (biocontainers), so rules judge by what the Dockerfile does.
  if (e.os !== null && !OS_FAMILIES.includes(e.os as string)) say(`os should be one of ${OS_FAMILIES.join(', ')}, or null`);
  if (e.osByTag !== undefined && !(isRecord(e.osByTag) && Object.values(e.osByTag as object).every((v) => OS_FAMILIES.includes(v as string)))) say('osByTag should map tag words to OS families');
  if (!isRecord(e.env) || !Object.values(e.env as object).every((v) => typeof v === 'string')) say('env should map names to strings');
  if (e.workdir !== undefined && !(typeof e.workdir === 'string' && e.workdir.startsWith('/'))) say('workdir should be an absolute path');
  if (e.cmd !== null && !isTexts(e.cmd)) say('cmd should be a list of strings or null');
  for (const f of ['ownStartup', 'windows', 'pipefail', 'activatesConda'] as const) if (e[f] !== undefined && typeof e[f] !== 'boolean') say(`${f} should be true or false`);
  if (!isTexts(e.packageManagers)) say('packageManagers should be a list of names');
  const present = DOC_FIELDS.filter((f) => e[f] !== undefined);
  if (present.length === 0) return problems;
  for (const f of DOC_FIELDS) if (e[f] === undefined) say(`has docs, but no ${f}`);
  for (const f of ['title', 'purpose', 'basedOn', 'typicalSize'] as const) if (e[f] !== undefined && !isText(e[f])) say(`${f} should be text`);
  if (e.links !== undefined) {
    const links = e.links as Record<string, unknown>;
    for (const k of ['registry', 'dockerfile']) if (!isRecord(links) || !/^https:\/\/\S+$/.test(String(links[k]))) say(`links.${k} should be an https URL`);
  }
  if (e.tags !== undefined && (!isTexts(e.tags) || (e.tags as string[]).length === 0 || !(e.tags as string[]).every((t) => /^[\w][\w.-]{0,127}$/.test(t)))) say('tags should be a non-empty list of valid tags');
  if (e.suggestWhen !== undefined && !(Array.isArray(e.suggestWhen) && e.suggestWhen.every(isText))) say('suggestWhen should be a list of words');
  if (e.variants !== undefined) {
    if (!Array.isArray(e.variants) || e.variants.length === 0) say('variants should be a non-empty list');
    else {
      for (const v of e.variants as Record<string, unknown>[]) {
        if (!isText(v.name) || !isText(v.description) || !isText(v.tag) || !/^[\w][\w.-]{0,127}$/.test(String(v.tag))) say(`variant ${String(v.name)} needs a name, a valid tag and a description`);
        if (v.recommended !== undefined && !isText(v.recommended)) say(`variant ${String(v.name)}: recommended should say why`);
        const prefix = String(e.repository).endsWith('/*') ? String(e.repository).slice(0, -1) : null;
        if (prefix ? !(isText(v.image) && String(v.image).startsWith(prefix)) : v.image !== undefined && v.image !== e.repository) say(`variant ${String(v.name)}: image should be in the family`);
      }
      if ((e.variants as Variant[]).filter((v) => v.recommended).length > 1) say('at most one variant is the recommended one');
    }
  }
  return problems;
}

/** The entries that carry docs, in the file's order: what `FROM ` completes. */
export function families(entries?: readonly Entry[]): Family[] {
  if (entries) return entries.filter((e): e is Family => e.title !== undefined && validateEntry(e).length === 0);
  return (catalogueFamilies ??= families(data.images as Entry[]));
}
let catalogueFamilies: Family[] | undefined;

/** The family an image belongs to, by the same matching as `lookup`. */
export function familyOf(image: string, entries?: readonly Entry[]): Family | null {
  const { repository } = splitImage(image);
  const all = families(entries);
  return all.find((f) => f.repository === repository) ?? all.find((f) => f.repository.endsWith('/*') && repository.startsWith(f.repository.slice(0, -1))) ?? null;
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
      workdir: entry.workdir ?? null,
      cmd: entry.cmd,
      ownStartup: entry.ownStartup ?? false,
      packageManagers: entry.packageManagers,
      windows: entry.windows === true || os === 'windows',
      pipefail: entry.pipefail ?? false,
      activatesConda: entry.activatesConda ?? false,
    };
  }
}
