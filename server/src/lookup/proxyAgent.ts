// The entry of dist/proxy.js (see proxy.ts): undici's fetch with a ProxyAgent,
// one agent per proxy, so that connections to it are kept. undici's own fetch
// rather than Node's with its dispatcher: VS Code's Node may bundle another
// undici major, whose fetch need not accept this one's agent.
import { fetch as undiciFetch, ProxyAgent } from 'undici';
import type { Fetch } from './proxy';

const agents = new Map<string, ProxyAgent>();

export function fetchThrough(proxy: string, strictSSL: boolean): Fetch {
  const key = `${strictSSL} ${proxy}`;
  let agent = agents.get(key);
  if (!agent) {
    // Not strict (http.proxyStrictSSL: false, for a proxy that re-signs TLS): any certificate, on proxied connections only.
    const lax = strictSSL ? {} : { requestTls: { rejectUnauthorized: false }, proxyTls: { rejectUnauthorized: false } };
    agents.set(key, (agent = new ProxyAgent({ uri: proxy, ...lax })));
  }
  const through = agent;
  return ((input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => undiciFetch(input as never, { ...(init as object), dispatcher: through })) as unknown as Fetch;
}
