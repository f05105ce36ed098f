// HTTPS through a proxy, as VS Code (`http.proxy`, `http.noProxy`,
// `http.proxyStrictSSL`) and the command line (`HTTPS_PROXY`/`https_proxy`,
// `HTTP_PROXY`/`http_proxy`, `NO_PROXY`/`no_proxy`) set it: Node 20's fetch
// ignores both. Through a proxy, undici's ProxyAgent tunnels with CONNECT, so
// the proxy sees the host and port, and its own credentials, and nothing of the
// requests inside the tunnel. Loopback is never proxied, as docker (Go's
// httpproxy) does not: a proxy's loopback is not ours. undici (about 400 KB)
// is dist/proxy.js, loaded the first time a request goes through a proxy, so
// that neither start-up nor a machine without a proxy pays for it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProxySettings {
  /** VS Code's `http.proxy`: wins over the environment's. */
  url: string | null;
  /** VS Code's `http.proxyStrictSSL`: false accepts any certificate on connections through the proxy. */
  strictSSL: boolean;
  /** VS Code's `http.noProxy`: hosts reached directly, with NO_PROXY's. */
  noProxy: string[];
}

export function defaultProxySettings(): ProxySettings {
  return { url: null, strictSSL: true, noProxy: [] };
}

export type Fetch = typeof fetch;

/** What dist/proxy.js exports (server/src/lookup/proxyAgent.ts). */
export interface ProxyModule {
  fetchThrough(proxy: string, strictSSL: boolean): Fetch;
}

/** The proxy a request to `target` goes through, or null for a direct one. */
export function proxyFor(target: URL, settings: ProxySettings, env: NodeJS.ProcessEnv): string | null {
  // The first that is set and not empty, lower case first, as curl and undici read them.
  const fromEnv = target.protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
  const proxy = settings.url || fromEnv || null;
  if (!proxy) return null;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1') return null;
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  const entries = [...settings.noProxy, ...(env.no_proxy || env.NO_PROXY || '').split(/[\s,]+/)].map((e) => e.trim().toLowerCase()).filter(Boolean);
  return entries.some((e) => bypasses(e, host, port)) ? null : proxy;
}

/** One NO_PROXY entry, as curl and Go read them: `*`, `host`, `host:port`, `.suffix` or `*.suffix` (a bare name covers its subdomains too). */
function bypasses(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, '$1$2'))!;
  if (m[2] && Number(m[2]) !== port) return false;
  const name = m[1].replace(/^\*?\./, '');
  return host === name || host.endsWith(`.${name}`);
}

/** The proxy URL as a message may show it: without its credentials. */
export function proxyShown(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the proxy setting';
  }
}

let loaded: ProxyModule | undefined;

/** dist/proxy.js beside the bundle (server.js, cli.js); the source module when run from source (tests under tsx). */
function proxyModule(): ProxyModule {
  if (loaded) return loaded;
  const bundled = path.join(__dirname, 'proxy.js');
  // A path, not a literal: esbuild would otherwise bundle undici into server.js and cli.js.
  const file = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'proxyAgent.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require(file) as ProxyModule;
  return loaded;
}

/**
 * A fetch that goes through the proxy the settings and the environment give for each URL, and
 * directly where there is none (Node's own fetch then, so nothing is loaded).
 */
export function lookupFetch(settings: ProxySettings, env: NodeJS.ProcessEnv = process.env): Fetch {
  return (input, init) => {
    const target = new URL(input instanceof Request ? input.url : input);
    const proxy = proxyFor(target, settings, env);
    if (!proxy) return fetch(input, init);
    let url: URL;
    try {
      url = new URL(proxy);
    } catch {
      url = new URL('invalid:');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      // The value may hold a password: it is not repeated.
      return Promise.reject(new TypeError('fetch failed', { cause: new Error('the proxy (http.proxy or HTTPS_PROXY) is not an http:// or https:// URL') }));
    }
    return proxyModule()
      .fetchThrough(url.href, settings.strictSSL)(input, init)
      .catch((e: unknown) => {
        // Says which proxy, as the user set it but without its credentials; a cancel or timeout stays as it is.
        if ((e as Error).name === 'AbortError' || (e as Error).name === 'TimeoutError') throw e;
        const cause = (e as { cause?: { code?: unknown; message?: string } }).cause;
        const what = typeof cause?.code === 'string' && cause.code !== 'UND_ERR_ABORTED' ? cause.code : (cause?.message ?? (e as Error).message).replace(/\.$/, '');
        throw new TypeError('fetch failed', { cause: new Error(`${what}, through the proxy ${proxyShown(url.href)}`) });
      });
  };
}
