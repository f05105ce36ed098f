// What the editor features ask about an image (its tags, the digest its tag
// points to, the local engine's copy) behind one gate: nothing is looked up
// unless the workspace is trusted and the user has not turned lookups off.
// Registry clients are kept per settings (insecure registries, proxy), so their
// caches live as long as the server.
import { ContainerEngine } from '../container/engine';
import { inspectLocalImage, localTags, type LocalImage } from '../container/localImages';
import type { ToolSettings } from '../engine/toolSettings';
import { RegistryClient, RegistryError, type ManifestDigest } from './client';
import { DockerCredentials, type CredentialSource } from './credentials';
import { parseImageReference } from '../container/imageReference';
import { lookupFetch } from '../lookup/proxy';

export interface LookupGate {
  /** Whether the editor trusts the workspace (workspace trust). */
  trusted(): boolean;
  tools(uri: string): ToolSettings;
  /** One line for the user's log; said once per distinct text. */
  tell(message: string): void;
}

interface Cached<T> {
  until: number;
  value: T;
}

const LOCAL_TTL_MS = 30_000;

export class ImageLookups {
  private readonly clients = new Map<string, RegistryClient>();
  private readonly local = new Map<string, Cached<Promise<string[]>>>();
  private readonly inspected = new Map<string, Cached<Promise<LocalImage | null>>>();
  readonly credentials: CredentialSource;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly gate: LookupGate,
    options: { credentials?: CredentialSource; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.env = options.env ?? process.env;
    this.credentials = options.credentials ?? new DockerCredentials({ env: options.env });
  }

  /** Whether anything may be looked up for this document now. */
  allowed(uri: string): boolean {
    return this.gate.trusted() && !this.gate.tools(uri).offline;
  }

  client(uri: string): RegistryClient {
    const tools = this.gate.tools(uri);
    const key = JSON.stringify([[...tools.insecureRegistries].sort(), tools.proxy]);
    let client = this.clients.get(key);
    if (!client) {
      const fetch = lookupFetch(tools.proxy, this.env);
      this.clients.set(key, (client = new RegistryClient({ insecureRegistries: tools.insecureRegistries, credentials: this.credentials, fetch })));
    }
    return client;
  }

  private engine(uri: string): ContainerEngine {
    return new ContainerEngine({ command: this.gate.tools(uri).containerCommand });
  }

  /** Tags the local engine holds for the name; [] when the engine is not there (said once). */
  localTags(uri: string, name: string): Promise<string[]> {
    if (!this.allowed(uri)) return Promise.resolve([]);
    return this.remember(this.local, name, () => localTags(this.engine(uri), name).catch((e: Error) => this.quiet(`could not list local images: ${e.message}`, [])));
  }

  cachedLocalTags(name: string): Promise<string[]> | undefined {
    const hit = this.local.get(name);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  /** The registry's tags for an image name; rejects with a RegistryError the caller may show or drop. */
  registryTags(uri: string, name: string): Promise<string[]> {
    const image = parseImageReference(name);
    if (!image) return Promise.reject(new RegistryError('failed', `${name} is not an image name`));
    if (!this.allowed(uri)) return Promise.reject(new RegistryError('cancelled', 'lookups are off'));
    return this.client(uri).tags(image);
  }

  cachedRegistryTags(uri: string, name: string): string[] | undefined {
    const image = parseImageReference(name);
    return image && this.allowed(uri) ? this.client(uri).cachedTags(image) : undefined;
  }

  /** The digest the reference's tag points to now. */
  digest(uri: string, reference: string): Promise<ManifestDigest> {
    const image = parseImageReference(reference);
    if (!image) return Promise.reject(new RegistryError('failed', `${reference} is not an image reference`));
    if (!this.allowed(uri)) return Promise.reject(new RegistryError('cancelled', 'lookups are off'));
    return this.client(uri).digest({ ...image, digest: null });
  }

  cachedDigest(uri: string, reference: string): ManifestDigest | undefined {
    const image = parseImageReference(reference);
    return image && this.allowed(uri) ? this.client(uri).cachedDigest(image) : undefined;
  }

  /** The local engine's copy of the image, or null. */
  inspect(uri: string, reference: string): Promise<LocalImage | null> {
    if (!this.allowed(uri)) return Promise.resolve(null);
    return this.remember(this.inspected, reference, () => inspectLocalImage(this.engine(uri), reference).catch((e: Error) => this.quiet(`could not inspect ${reference}: ${e.message}`, null)));
  }

  private remember<T>(map: Map<string, Cached<Promise<T>>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    if (map.size > 512) map.clear();
    const value = load();
    map.set(key, { until: Date.now() + LOCAL_TTL_MS, value });
    return value;
  }

  /** A line for the user's log, once per distinct text. */
  tellOnce(message: string): void {
    this.gate.tell(message);
  }

  private quiet<T>(message: string, value: T): T {
    this.gate.tell(message);
    return value;
  }
}

/** Waits for a promise at most `ms`; undefined when it has not answered (or failed) by then. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
