// Registry lookups through an HTTPS proxy, over LSP: Debian's docker-registry
// over TLS (a self-signed certificate the server trusts by
// NODE_EXTRA_CA_CERTS) behind htpasswd, a CONNECT proxy of the test's own on
// loopback that alone knows where `registry.layerwise.test` is, and the
// server's settings from the environment (HTTPS_PROXY, NO_PROXY) or from VS
// Code's `http` section (http.proxy with the proxy's own login,
// http.proxyStrictSSL).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { dockerAsync, withDocker } from '../support/docker';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { LspClient } from '../support/lspClient';
import { selfSignedCertificate, startRegistry, type Registry, type TlsFiles } from '../support/registry';

const BASE = 'debian:bookworm-slim';
const NAME = 'registry.layerwise.test';
const LOGIN = { user: 'ada', password: 'lovelace-1815' };

async function mustDocker(args: string[]): Promise<string> {
  const r = await dockerAsync(args, { timeoutMs: 5 * 60_000 });
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The test's environment without any proxy of the machine's, so that each client gets only the one it names. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'NODE_EXTRA_CA_CERTS']) delete env[k];
  return { ...env, ...extra };
}

let n = 0;

withDocker(() => {
  describe('registry lookups through an HTTPS proxy', () => {
    let dir: string;
    let open: Registry;
    let secure: Registry;
    let tls: TlsFiles;
    let proxy: ConnectProxy;
    let config: string;
    let port: string;
    const repository = `layerwise-test/proxied-${process.pid}`;
    const pushed: string[] = [];

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-proxy-'));
      const storage = path.join(dir, 'storage');
      open = await startRegistry(dir, storage);
      for (const tag of ['1.0', '2.0']) {
        await mustDocker(['tag', BASE, `${open.host}/${repository}:${tag}`]);
        pushed.push(`${open.host}/${repository}:${tag}`);
        await mustDocker(['push', `${open.host}/${repository}:${tag}`]);
      }
      tls = await selfSignedCertificate(dir, NAME, [`DNS:${NAME}`, 'IP:127.0.0.1']);
      secure = await startRegistry(dir, storage, { kind: 'htpasswd', ...LOGIN }, tls);
      port = secure.host.split(':')[1];
      proxy = await startConnectProxy({ hosts: { [NAME]: '127.0.0.1' } });
      // The registry's login, for the name the Dockerfile uses and for loopback: it travels inside the tunnel.
      config = fs.mkdtempSync(path.join(dir, 'config-'));
      const auth = { auth: Buffer.from(`${LOGIN.user}:${LOGIN.password}`).toString('base64') };
      fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [`${NAME}:${port}`]: auth, [secure.host]: auth } }));
    });

    after(async () => {
      for (const tag of pushed) await dockerAsync(['image', 'rm', tag]);
      await proxy?.stop();
      await secure?.stop();
      await open?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function withClient(env: Record<string, string>, sections: Record<string, unknown>, check: (c: LspClient) => Promise<void>): Promise<LspClient> {
      const c = await LspClient.start({ initializationOptions: { workspaceTrusted: true }, sections, env: environment({ DOCKER_CONFIG: config, ...env }) });
      try {
        // Lookups before the server has the editor's settings would go without its proxy.
        await c.settingsPulled();
        await check(c);
      } finally {
        await c.stop();
      }
      return c;
    }

    /** The tags completed after `host/repository:`, asked again while the list is incomplete, as an editor does. */
    async function tagsFrom(c: LspClient, host: string): Promise<string[]> {
      const uri = pathToFileURL(path.join(dir, `Dockerfile.${++n}`)).toString();
      const text = `FROM ${host}/${repository}:`;
      await c.open(uri, text);
      let list: CompletionList = await c.completion(uri, { line: 0, character: text.length });
      for (let i = 0; list.isIncomplete && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
        list = await c.completion(uri, { line: 0, character: text.length });
      }
      return list.items.map((i) => i.label);
    }

    it('completes the tags of a registry whose name only the HTTPS_PROXY resolves, with its login inside the tunnel', async () => {
      const before = proxy.connects.length;
      await withClient({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certFile }, {}, async (c) => {
        assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), ['2.0', '1.0']);
      });
      const seen = proxy.connects.slice(before);
      assert.ok(seen.length >= 1, 'the proxy was asked');
      assert.ok(seen.every((s) => s.target === `${NAME}:${port}`), seen.map((s) => s.target).join(', '));
      assert.ok(seen.every((s) => s.headers.authorization === undefined && s.headers['proxy-authorization'] === undefined), 'the proxy saw no credentials');
      assert.deepEqual(proxy.others, [], 'nothing was sent to the proxy in the clear');
    });

    it('lists nothing for that name without the proxy, as it does not resolve', async () => {
      const before = proxy.connects.length;
      await withClient({ NODE_EXTRA_CA_CERTS: tls.certFile }, {}, async (c) => {
        assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), []);
        assert.ok(c.logs.some((l) => l.includes(`${NAME}:${port} could not be reached`)), c.logs.join('\n'));
      });
      assert.equal(proxy.connects.length, before);
    });

    it('goes directly to the hosts NO_PROXY names, and to loopback always', async () => {
      const before = proxy.connects.length;
      await withClient({ HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org,.layerwise.test', NODE_EXTRA_CA_CERTS: tls.certFile }, {}, async (c) => {
        assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), [], 'reached directly, the name does not resolve');
      });
      await withClient({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certFile }, {}, async (c) => {
        assert.deepEqual(await tagsFrom(c, secure.host), ['2.0', '1.0'], 'the TLS registry on 127.0.0.1, directly');
      });
      assert.equal(proxy.connects.length, before, 'the proxy was not asked');
    });

    it('takes VS Code\'s http.proxy with the proxy\'s own login, sent with CONNECT and never logged', async () => {
      const guarded = await startConnectProxy({ hosts: { [NAME]: '127.0.0.1' }, login: { user: 'squid', password: 'proxy-secret-42' } });
      try {
        const url = (password: string) => `http://squid:${password}@127.0.0.1:${guarded.port}`;
        const right = await withClient({ NODE_EXTRA_CA_CERTS: tls.certFile }, { http: { proxy: url('proxy-secret-42') } }, async (c) => {
          assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), ['2.0', '1.0'], c.logs.join('\n') + c.stderr.join('\n'));
        });
        assert.ok(guarded.connects.length >= 1);
        assert.ok(guarded.connects.every((s) => s.headers['proxy-authorization'] === `Basic ${Buffer.from('squid:proxy-secret-42').toString('base64')}`));
        assert.ok(guarded.connects.every((s) => s.headers.authorization === undefined), 'the registry\'s login stays inside the tunnel');
        const wrong = await withClient({ NODE_EXTRA_CA_CERTS: tls.certFile }, { http: { proxy: url('not-the-password') } }, async (c) => {
          assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), [], 'the proxy refused (407)');
          assert.ok(c.logs.some((l) => l.includes(`${NAME}:${port} could not be reached`) && l.includes(`through the proxy http://127.0.0.1:${guarded.port})`)), c.logs.join('\n'));
        });
        for (const c of [right, wrong]) {
          const said = [...c.logs, ...c.stderr].join('\n');
          assert.ok(!said.includes('proxy-secret-42') && !said.includes('not-the-password'), said);
        }
      } finally {
        await guarded.stop();
      }
    });

    it('accepts a certificate it does not trust through the proxy only when http.proxyStrictSSL is false', async () => {
      await withClient({}, { http: { proxy: proxy.url } }, async (c) => {
        assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), [], 'strict: the self-signed certificate is refused');
      });
      await withClient({}, { http: { proxy: proxy.url, proxyStrictSSL: false } }, async (c) => {
        assert.deepEqual(await tagsFrom(c, `${NAME}:${port}`), ['2.0', '1.0']);
      });
    });
  });
});
