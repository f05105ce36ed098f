// A client for the Registry HTTP API v2 (distribution spec), for any registry:
// Docker Hub, GHCR, quay.io, nvcr.io, MCR or a private one. It lists tags
// (following `Link` pages) and reads the digest a tag points to (the
// multi-platform index digest, as docker and Renovate pin it). Anonymous,
// Basic and Bearer (the token flow of a `WWW-Authenticate` challenge) access;
// credentials from the Docker config, fetched only when a registry asks and
// sent only to the host they are for. HTTPS everywhere but loopback and the
// registries the user calls insecure; through the proxy the settings or the
// environment name (lookup/proxy.ts). Answers are cached with an expiry, and
// concurrent asks for the same thing share one request.
import { createHash } from 'node:crypto';
import { parseChallenges, type Challenge } from './challenge';
import type { Credential, CredentialSource } from './credentials';
import { DOCKER_HUB_REGISTRY, type ImageReference } from '../container/imageReference';
import { defaultProxySettings, lookupFetch, type Fetch } from '../lookup/proxy';

/** The parts of a reference a registry call needs. */
export type RegistryImage = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

export type RegistryErrorKind = 'unauthorized' | 'not-found' | 'rate-limited' | 'unreachable' | 'timeout' | 'malformed' | 'failed' | 'cancelled' | 'insecure';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ManifestDigest {
  /** `sha256:…`: of the index when the tag is multi-platform, else of its manifest. */
  digest: string;
  mediaType: string | null;
}

export interface RegistryClientOptions {
  /** Hosts (with port when not 443) reached over plain HTTP besides loopback, as the engine's insecure-registries. */
  insecureRegistries?: readonly string[];
  credentials?: CredentialSource;
  /** Per request; the whole lookup of a page of tags is bounded by the caller's signal. */
  timeoutMs?: number;
  tagsTtlMs?: number;
  digestTtlMs?: number;
  /** How long a failure is remembered, so a registry that is down is not asked on every keystroke. */
  failureTtlMs?: number;
  /** At most this many pages of tags (Docker Hub's python has thousands of tags). */
  maxPages?: number;
  now?: () => number;
  /** How requests are sent: through the proxy of the settings and the environment (the default, the environment's only). */
  fetch?: Fetch;
}

/** What a manifest GET or HEAD accepts: indexes and lists first, so the digest is the multi-platform one. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Token realms that are another host than their registry's, yet the same operator's: credentials may go there. */
const KNOWN_REALM_HOSTS: Readonly<Record<string, readonly string[]>> = {
  'docker.io': ['auth.docker.io'],
  'nvcr.io': ['authn.nvidia.com'],
};

interface Cached<T> {
  until: number;
  value?: T;
  error?: RegistryError;
}

interface Token {
  value: string;
  until: number;
}

export function isLoopback(host: string): boolean {
  const name = hostName(host);
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]' || name === '::1';
}

/** `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` → `[::1]`. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

export class RegistryClient {
  private readonly cache = new Map<string, Cached<unknown>>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly tokens = new Map<string, Token>();
  /** Registries that asked for Basic: the header is sent with the first request next time. */
  private readonly basic = new Map<string, string>();
  /** Insecure hosts that answered plain HTTP rather than TLS. */
  private readonly plain = new Set<string>();
  private readonly now: () => number;
  private readonly fetch: Fetch;
  /** Requests sent, for the tests and the bench. */
  requests = 0;

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? lookupFetch(defaultProxySettings());
  }

  /** The tags of an image's repository, all pages; cached. */
  tags(image: RegistryImage, signal?: AbortSignal): Promise<string[]> {
    return this.cached(`tags ${image.registry}/${image.repository}`, this.options.tagsTtlMs ?? 10 * 60_000, () => this.fetchTags(image, signal));
  }

  /** The digest the image's tag points to now; cached briefly, since a tag moves. */
  digest(image: RegistryImage, signal?: AbortSignal): Promise<ManifestDigest> {
    const tag = image.tag ?? 'latest';
    return this.cached(`digest ${image.registry}/${image.repository}:${tag}`, this.options.digestTtlMs ?? 5 * 60_000, () => this.fetchDigest(image, tag, signal));
  }

  /** What is cached now, without asking anyone: undefined when nothing (or a failure) is. */
  cachedTags(image: RegistryImage): string[] | undefined {
    return this.peek(`tags ${image.registry}/${image.repository}`) as string[] | undefined;
  }

  cachedDigest(image: RegistryImage): ManifestDigest | undefined {
    return this.peek(`digest ${image.registry}/${image.repository}:${image.tag ?? 'latest'}`) as ManifestDigest | undefined;
  }

  /** The failure remembered for the image's tags, if the last lookup failed. */
  cachedTagsError(image: RegistryImage): RegistryError | undefined {
    const hit = this.cache.get(`tags ${image.registry}/${image.repository}`);
    return hit && hit.until > this.now() ? hit.error : undefined;
  }

  private peek(key: string): unknown {
    const hit = this.cache.get(key);
    return hit && hit.until > this.now() && hit.error === undefined ? hit.value : undefined;
  }

  private cached<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Cached<T> | undefined;
    if (hit && hit.until > this.now()) return hit.error ? Promise.reject(hit.error) : Promise.resolve(hit.value as T);
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = load().then(
      (value) => {
        this.cache.set(key, { until: this.now() + ttl, value });
        return value;
      },
      (e: unknown) => {
        const error = e instanceof RegistryError ? e : new RegistryError('failed', (e as Error).message);
        // A cancel is the caller's, not the registry's: nothing to remember.
        if (error.kind !== 'cancelled') this.cache.set(key, { until: this.now() + (this.options.failureTtlMs ?? 30_000), error });
        throw error;
      },
    );
    const shared = started.finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, shared);
    return shared;
  }

  private async fetchTags(image: RegistryImage, signal?: AbortSignal): Promise<string[]> {
    const tags: string[] = [];
    let path: string | null = `/v2/${image.repository}/tags/list?n=1000`;
    for (let page = 0; path && page < (this.options.maxPages ?? 20); page++) {
      const response = await this.request(image, path, { signal });
      const body = await readJson(response, image);
      const list = (body as { tags?: unknown }).tags;
      if (list !== null && list !== undefined && !(Array.isArray(list) && list.every((t) => typeof t === 'string'))) {
        throw new RegistryError('malformed', `${image.registry} answered a tag list that is not a list of names`);
      }
      tags.push(...((list as string[] | null) ?? []));
      path = nextPage(response.headers.get('link'), response.url);
    }
    return tags;
  }

  private async fetchDigest(image: RegistryImage, tag: string, signal?: AbortSignal): Promise<ManifestDigest> {
    const path = `/v2/${image.repository}/manifests/${tag}`;
    const head = await this.request(image, path, { method: 'HEAD', accept: MANIFEST_ACCEPT, signal });
    const digest = head.headers.get('docker-content-digest');
    if (digest && /^sha256:[a-f0-9]{64}$/.test(digest)) return { digest, mediaType: contentType(head) };
    // Some registries leave the header off a HEAD: the digest is the sha256 of the manifest's bytes as served.
    const get = await this.request(image, path, { accept: MANIFEST_ACCEPT, signal });
    const bytes = Buffer.from(await get.arrayBuffer());
    const served = get.headers.get('docker-content-digest');
    return { digest: served && /^sha256:[a-f0-9]{64}$/.test(served) ? served : `sha256:${createHash('sha256').update(bytes).digest('hex')}`, mediaType: contentType(get) };
  }

  /** One API call with the auth dance: anonymous first, then what the 401's challenge asks for, once. */
  private async request(image: RegistryImage, path: string, options: { method?: string; accept?: string; signal?: AbortSignal }): Promise<Response> {
    const scope = `repository:${image.repository}:pull`;
    const registry = image.registry;
    const tokenKey = `${registry} ${scope}`;
    let authorization = this.validToken(tokenKey) ?? this.basic.get(registry);
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(registry, path, { ...options, authorization });
      if (response.status !== 401 || attempt > 0) return checkStatus(response, registry);
      await response.arrayBuffer().catch(() => undefined);
      const challenges = parseChallenges(response.headers.get('www-authenticate') ?? '');
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      const basic = challenges.find((c) => c.scheme === 'basic');
      if (bearer) {
        const token = await this.fetchToken(registry, bearer, scope, options.signal);
        this.tokens.set(tokenKey, token);
        authorization = `Bearer ${token.value}`;
      } else if (basic) {
        const credential = await this.options.credentials?.get(registry, options.signal);
        if (!credential) throw new RegistryError('unauthorized', `${registry} wants a login (docker login ${registry})`, 401);
        authorization = basicHeader(credential);
        this.basic.set(registry, authorization);
      } else {
        throw new RegistryError('unauthorized', `${registry} refused the request and named no way to log in`, 401);
      }
    }
  }

  private validToken(key: string): string | undefined {
    const token = this.tokens.get(key);
    return token && token.until > this.now() ? `Bearer ${token.value}` : undefined;
  }

  /** The bearer token flow: GET the realm with service and scope, with the registry's credentials only where they may go. */
  private async fetchToken(registry: string, challenge: Challenge, scope: string, signal?: AbortSignal): Promise<Token> {
    const realm = challenge.params.realm;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new RegistryError('unauthorized', `${registry} named no usable token service`, 401);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (isLoopback(url.host) || this.isInsecure(url.host)))) {
      throw new RegistryError('insecure', `${registry}'s token service ${url.host} is not HTTPS`);
    }
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? scope);
    const headers: Record<string, string> = {};
    if (this.mayReceiveCredentials(registry, url.host)) {
      const credential = await this.options.credentials?.get(registry, signal);
      if (credential) headers.authorization = basicHeader(credential);
    }
    const response = await this.fetchOnce(url, { headers, signal }, registry);
    if (response.status === 401 || response.status === 403) throw new RegistryError('unauthorized', `${url.host} refused a token for ${registry} (docker login ${registry})`, response.status);
    const body = (await readJson(checkStatus(response, url.host), { registry: url.host })) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const value = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : null;
    if (!value) throw new RegistryError('malformed', `${url.host} answered no token`);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    // Renew a little early, so a token does not expire between our check and the registry's.
    return { value, until: this.now() + Math.max(1, seconds - 10) * 1000 };
  }

  /**
   * A token realm gets the registry's credentials only on the registry's own host (any port: the same machine
   * and operator, as GHCR's and quay.io's realms are) or its operator's known one (Docker Hub, nvcr.io).
   */
  private mayReceiveCredentials(registry: string, realmHost: string): boolean {
    const registryHost = registry === DOCKER_HUB_REGISTRY ? 'registry-1.docker.io' : registry;
    return hostName(realmHost) === hostName(registryHost) || (KNOWN_REALM_HOSTS[registry] ?? []).includes(hostName(realmHost));
  }

  private isInsecure(host: string): boolean {
    const list = this.options.insecureRegistries ?? [];
    return list.includes(host) || list.includes(hostName(host));
  }

  /** GET or HEAD on the registry; the scheme is HTTPS unless the host is loopback or listed insecure and speaks plain HTTP. */
  private async send(registry: string, path: string, options: { method?: string; accept?: string; signal?: AbortSignal; authorization?: string }): Promise<Response> {
    const host = registry === DOCKER_HUB_REGISTRY ? 'registry-1.docker.io' : registry;
    const headers: Record<string, string> = {};
    if (options.accept) headers.accept = options.accept;
    if (options.authorization) headers.authorization = options.authorization;
    const mayBePlain = isLoopback(host) || this.isInsecure(host);
    if (mayBePlain && this.plain.has(host)) return this.fetchOnce(new URL(`http://${host}${path}`), { method: options.method, headers, signal: options.signal }, registry);
    try {
      return await this.fetchOnce(new URL(`https://${host}${path}`), { method: options.method, headers, signal: options.signal }, registry);
    } catch (e) {
      // As docker does for an insecure registry: TLS first, plain HTTP when the host does not speak TLS.
      if (!mayBePlain || !(e instanceof RegistryError) || e.kind !== 'unreachable' || e.message.includes('refused')) throw e;
      const response = await this.fetchOnce(new URL(`http://${host}${path}`), { method: options.method, headers, signal: options.signal }, registry);
      this.plain.add(host);
      return response;
    }
  }

  /**
   * One fetch, following redirects by hand so that an Authorization header
   * never follows a redirect to another host (blob stores, CDNs).
   */
  private async fetchOnce(url: URL, init: { method?: string; headers: Record<string, string>; signal?: AbortSignal }, registry: string): Promise<Response> {
    let current = url;
    let headers = init.headers;
    for (let hop = 0; hop < 5; hop++) {
      this.requests++;
      const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await this.fetch(current, { method: init.method ?? 'GET', headers, redirect: 'manual', signal });
      } catch (e) {
        if (init.signal?.aborted) throw new RegistryError('cancelled', `the lookup at ${registry} was cancelled`);
        if (timeout.aborted) throw new RegistryError('timeout', `${registry} did not answer within ${Math.round((this.options.timeoutMs ?? 10_000) / 1000)} s`);
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new RegistryError('unreachable', `${registry} could not be reached (${cause?.code === 'ECONNREFUSED' ? 'connection refused' : (cause?.code ?? cause?.message ?? (e as Error).message)})`);
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.arrayBuffer().catch(() => undefined);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && !(next.protocol === 'http:' && (isLoopback(next.host) || this.isInsecure(next.host)))) {
        throw new RegistryError('insecure', `${registry} redirected to plain HTTP at ${next.host}`);
      }
      if (next.host !== current.host) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization'));
      }
      current = next;
    }
    throw new RegistryError('failed', `${registry} redirected too many times`);
  }
}

function basicHeader(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString('base64')}`;
}

function contentType(response: Response): string | null {
  return response.headers.get('content-type')?.split(';')[0].trim() ?? null;
}

function checkStatus(response: Response, registry: string): Response {
  if (response.ok) return response;
  void response.arrayBuffer().catch(() => undefined);
  switch (response.status) {
    case 401:
    case 403:
      throw new RegistryError('unauthorized', `${registry} refused access (docker login ${registry})`, response.status);
    case 404:
      throw new RegistryError('not-found', `${registry} has no such image or tag`, 404);
    case 429:
      throw new RegistryError('rate-limited', `${registry} is limiting requests (429); try again later`, 429);
    default:
      throw new RegistryError('failed', `${registry} answered ${response.status}`, response.status);
  }
}

async function readJson(response: Response, image: { registry: string }): Promise<unknown> {
  const text = await response.text();
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object') return value;
  } catch {
    // told below
  }
  throw new RegistryError('malformed', `${image.registry} answered something that is not JSON`);
}

/** The next page from a `Link: </v2/…?last=x&n=100>; rel="next"` header, on the same origin only. */
export function nextPage(link: string | null, current: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2])) continue;
    try {
      const base = new URL(current);
      const next = new URL(m[1], base);
      if (next.origin !== base.origin) return null;
      return next.pathname + next.search;
    } catch {
      return null;
    }
  }
  return null;
}
