// The package index a user's pip would ask, asked for the newest version of a
// package that a stage's Python can install: PEP 691 JSON, with the PEP 503
// HTML page as the fallback. Final releases only, yanked ones skipped, a
// Requires-Python that the stage's Python meets, and a file (an sdist, or a
// wheel for Linux or any platform) to install. Answers are cached with an
// expiry; every request has a timeout and can be cancelled. Callers ask only
// in a trusted workspace and never offline.
// Version 4, the line that supports Node 20 (version 5 wants Node 22), in CommonJS as the server is bundled.
import * as pep440 from '@renovatebot/pep440';
import { normalizePipName } from '../engine/packageNames';
import { defaultProxySettings, lookupFetch, type Fetch } from './proxy';

export const PYPI_SIMPLE = 'https://pypi.org/simple';
const ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1';

export type IndexAnswer = { version: string } | { problem: string };

export interface IndexFile {
  filename: string;
  requiresPython: string | null;
  yanked: boolean;
}

export interface PipIndexOptions {
  timeoutMs?: number;
  /** How long an answer is kept. */
  ttlMs?: number;
  /** How requests are sent: through the proxy of the settings and the environment (the default, the environment's only). */
  fetch?: Fetch;
}

export class PipIndex {
  readonly url: string;
  /** How titles name it: the host, or `PyPI`. */
  readonly label: string;
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly fetch: Fetch;
  private readonly cache = new Map<string, { at: number; files: Promise<IndexFile[] | string> }>();

  constructor(url: string, options: PipIndexOptions = {}) {
    this.url = url.replace(/\/+$/, '');
    this.label = labelOf(this.url);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.fetch = options.fetch ?? lookupFetch(defaultProxySettings());
  }

  /** The newest final release of `name` that `python` (`3.12`, or null when not known) can install. */
  async newest(name: string, python: string | null, signal?: AbortSignal): Promise<IndexAnswer> {
    const files = await this.files(name, signal);
    if (typeof files === 'string') return { problem: files };
    const version = newestInstallable(name, files, python);
    return version ? { version } : { problem: `${this.label} has no final release of ${name} that ${python ? `Python ${python}` : 'the stage'} can install` };
  }

  /** The project's files, or why there are none; kept for ttlMs (a failure only briefly, so a retry can succeed). */
  files(name: string, signal?: AbortSignal): Promise<IndexFile[] | string> {
    const key = normalizePipName(name);
    const now = Date.now();
    const kept = this.cache.get(key);
    if (kept && now - kept.at < this.ttlMs) return kept.files;
    const files = this.fetchFiles(key, signal);
    this.cache.set(key, { at: now, files });
    // A failure is not kept: the next action asks again.
    void files.then((f) => {
      if (typeof f === 'string' && this.cache.get(key)?.files === files) this.cache.delete(key);
    });
    return files;
  }

  private async fetchFiles(project: string, signal?: AbortSignal): Promise<IndexFile[] | string> {
    const { href, headers } = withCredentials(`${this.url}/${encodeURIComponent(project)}/`);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let body: string;
    try {
      response = await this.fetch(href, { headers: { ...headers, accept: ACCEPT }, signal: combined, redirect: 'follow' });
      body = await response.text();
    } catch (e) {
      if (signal?.aborted) return 'the lookup was cancelled';
      if (timeout.aborted) return `${this.label} did not answer within ${Math.round(this.timeoutMs / 1000)} s`;
      return `${this.label} cannot be reached (${causeOf(e)})`;
    }
    if (response.status === 404) return `${this.label} has no project named ${project}`;
    if (!response.ok) return `${this.label} answered ${response.status} ${response.statusText} for ${project}`;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) return readJson(body, this.label);
    return readHtml(body);
  }
}

/** PEP 691: `{files: [{filename, requires-python, yanked}]}`. */
export function readJson(body: string, label = 'the index'): IndexFile[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return `${label} sent JSON that does not parse`;
  }
  const files = (doc as { files?: unknown })?.files;
  if (!Array.isArray(files)) return `${label} sent JSON without a files list (PEP 691)`;
  return files
    .filter((f): f is Record<string, unknown> => typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>).filename === 'string')
    .map((f) => ({
      filename: f.filename as string,
      requiresPython: typeof f['requires-python'] === 'string' ? (f['requires-python'] as string) : null,
      yanked: f.yanked === true || typeof f.yanked === 'string',
    }));
}

/** PEP 503: anchors with data-requires-python (HTML-escaped) and data-yanked. */
export function readHtml(body: string): IndexFile[] {
  const files: IndexFile[] = [];
  for (const m of body.matchAll(/<a\s([^>]*)>([^<]*)<\/a>/gi)) {
    const attrs = m[1];
    const href = /href\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? '';
    const filename = decodeURIComponent(href.replace(/[#?].*$/, '').split('/').pop() ?? '') || m[2].trim();
    const requires = /data-requires-python\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    files.push({ filename, requiresPython: requires ? unescapeHtml(requires) : null, yanked: /data-yanked/i.test(attrs) });
  }
  return files;
}

/** The newest final version with an installable file; null when none. */
export function newestInstallable(name: string, files: readonly IndexFile[], python: string | null): string | null {
  const candidates = new Set<string>();
  for (const f of files) {
    if (f.yanked) continue;
    const version = versionOf(name, f.filename);
    if (!version) continue;
    const parsed = pep440.explain(version);
    if (!parsed || parsed.is_prerelease || parsed.is_devrelease) continue;
    if (python && f.requiresPython && !safeSatisfies(python, f.requiresPython)) continue;
    if (f.filename.endsWith('.whl') && !wheelFits(f.filename, python)) continue;
    candidates.add(version);
  }
  return [...candidates].sort(pep440.rcompare)[0] ?? null;
}

function safeSatisfies(python: string, spec: string): boolean {
  try {
    // `3.12` meets `>=3.12.1`? pip compares the full version: take the stage's minor as its .0 release, and
    // let a patch-level bound pass, since the image's own patch release is not known here.
    const full = python.split('.').length < 3 ? `${python}.99` : python;
    return pep440.satisfies(full, spec.replace(/\s+/g, ''));
  } catch {
    return true;
  }
}

/** `name-1.2.3-py3-none-any.whl`, `name-1.2.3.tar.gz`: the version, when the file is the project's. */
function versionOf(name: string, filename: string): string | null {
  const wheel = /^([^-]+)-([^-]+)-.*\.whl$/.exec(filename);
  if (wheel) return normalizePipName(wheel[1]) === normalizePipName(name) ? wheel[2] : null;
  const sdist = /^(.+)-([^-]+)\.(?:tar\.gz|zip|tar\.bz2|tgz)$/.exec(filename);
  if (sdist) return normalizePipName(sdist[1]) === normalizePipName(name) ? sdist[2] : null;
  return null;
}

/** A wheel for Linux or any platform, for Python 3 (the stage's minor when known). */
function wheelFits(filename: string, python: string | null): boolean {
  const parts = filename.slice(0, -4).split('-');
  if (parts.length < 5) return false;
  const [pyTags, , platformTags] = parts.slice(-3);
  const platformOk = platformTags.split('.').some((p) => p === 'any' || p.includes('linux'));
  const minor = python ? python.split('.').slice(0, 2).join('') : null;
  const pyOk = pyTags.split('.').some((t) => t === 'py3' || t === 'py2.py3' || (t.startsWith('cp3') && (!minor || t === `cp${minor}`)) || t.startsWith('py3'));
  return platformOk && pyOk;
}

function labelOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host === 'pypi.org' ? 'PyPI' : u.host;
  } catch {
    return url;
  }
}

/** fetch refuses a URL with credentials in it: they go into an Authorization header. */
function withCredentials(url: string): { href: string; headers: Record<string, string> } {
  const u = new URL(url);
  if (!u.username && !u.password) return { href: u.href, headers: {} };
  const auth = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { href: u.href, headers: { authorization: `Basic ${auth}` } };
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
