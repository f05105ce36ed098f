// Registry credentials as docker keeps them: ~/.docker/config.json (or
// $DOCKER_CONFIG/config.json) `auths` entries, and the credential helpers it
// names (`credHelpers` per host, `credsStore` for the rest), run as
// `docker-credential-<name> get` with the host on stdin. Read only when a
// registry asks for credentials, never logged; the client sends them only to
// the host they are for.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Credential {
  username: string;
  /** The password, or an identity token when `username` is `<token>`. */
  secret: string;
}

export interface CredentialSource {
  /** The credential stored for a registry host, or null when none is. */
  get(registry: string, signal?: AbortSignal): Promise<Credential | null>;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The names docker files Docker Hub's credentials under. */
const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** The keys a config may use for a host: bare, with a scheme, with /v1/ or /v2/ (as older logins wrote). */
function keysFor(registry: string): string[] {
  if (registry === 'docker.io') return HUB_KEYS;
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** A helper's name must be a plain word: it becomes part of a program name we run. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class DockerCredentials implements CredentialSource {
  constructor(
    private readonly options: { configDir?: string; env?: NodeJS.ProcessEnv; helperTimeoutMs?: number } = {},
  ) {}

  private configPath(): string {
    const env = this.options.env ?? process.env;
    const dir = this.options.configDir ?? env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
    return path.join(dir, 'config.json');
  }

  async get(registry: string, signal?: AbortSignal): Promise<Credential | null> {
    let config: DockerConfig;
    try {
      config = JSON.parse(await readFile(this.configPath(), 'utf8')) as DockerConfig;
    } catch {
      // No config, or one docker itself could not read: no credentials, as for docker.
      return null;
    }
    const keys = keysFor(registry);
    const helper = keys.map((k) => config.credHelpers?.[k]).find((h) => typeof h === 'string') ?? config.credsStore;
    if (typeof helper === 'string' && helper) {
      const fromHelper = await this.runHelper(helper, registry === 'docker.io' ? HUB_KEYS[0] : registry, signal);
      if (fromHelper) return fromHelper;
    }
    for (const key of keys) {
      const entry = config.auths?.[key];
      if (!entry) continue;
      if (entry.identitytoken) return { username: '<token>', secret: entry.identitytoken };
      if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
      }
      if (entry.username && entry.password) return { username: entry.username, secret: entry.password };
    }
    return null;
  }

  /** `docker-credential-<name> get`, the server URL on stdin, `{"Username","Secret"}` on stdout. */
  private runHelper(name: string, serverUrl: string, signal?: AbortSignal): Promise<Credential | null> {
    if (!HELPER_NAME.test(name)) return Promise.resolve(null);
    return new Promise((resolve) => {
      const child = spawn(`docker-credential-${name}`, ['get'], { env: this.options.env ?? process.env, stdio: ['pipe', 'pipe', 'ignore'], signal });
      let out = '';
      const timer = setTimeout(() => child.kill('SIGTERM'), this.options.helperTimeoutMs ?? 10_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        if (out.length < 64 * 1024) out += d;
      });
      child.stdin.on('error', () => {});
      child.stdin.end(serverUrl);
      // A helper that is missing, fails or says "credentials not found" means no credentials; its output is never shown.
      child.on('error', () => {
        clearTimeout(timer);
        resolve(null);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) return resolve(null);
        try {
          const parsed = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
          resolve(typeof parsed.Username === 'string' && typeof parsed.Secret === 'string' && parsed.Secret ? { username: parsed.Username, secret: parsed.Secret } : null);
        } catch {
          resolve(null);
        }
      });
    });
  }
}
