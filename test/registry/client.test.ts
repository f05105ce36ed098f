// The registry client against loopback servers of the test's own: Link-header
// pages as Docker Hub sends them (Debian's registry ignores ?n=), the cache,
// errors, redirects and what credentials go where.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { nextPage, RegistryClient, RegistryError } from '../../server/src/registry/client';
import { DockerCredentials } from '../../server/src/registry/credentials';
import { startServer, type CountingServer } from '../support/countingServer';

const servers: CountingServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

async function serve(handle: Parameters<typeof startServer>[0]): Promise<CountingServer> {
  const s = await startServer(handle);
  servers.push(s);
  return s;
}

const image = (host: string, repository = 'team/app') => ({ registry: host, repository, tag: null, digest: null });

describe('the registry client', () => {
  it('follows Link pages as Docker Hub sends them, relative and absolute', async () => {
    const all = Array.from({ length: 7 }, (_, i) => `1.${i}`);
    const s = await serve((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const last = url.searchParams.get('last');
      const start = last ? all.indexOf(last) + 1 : 0;
      const page = all.slice(start, start + 3);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (start + 3 < all.length) {
        const next = `/v2/team/app/tags/list?last=${page[page.length - 1]}&n=3`;
        headers.link = start === 0 ? `<${next}>; rel="next"` : `<http://${req.headers.host}${next}>; rel="next"`;
      }
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: 'team/app', tags: page }));
    });
    const client = new RegistryClient();
    assert.deepEqual(await client.tags(image(s.host)), all);
    assert.equal(s.requests.length, 3);
    assert.deepEqual(await client.tags(image(s.host)), all, 'from the cache');
    assert.equal(s.requests.length, 3, 'nothing asked again within the expiry');
  });

  it('asks again once the cache expires, and shares one request between concurrent asks', async () => {
    let now = 0;
    const s = await serve((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"tags":["1"]}');
      }, 50);
    });
    const client = new RegistryClient({ now: () => now, tagsTtlMs: 1000 });
    await Promise.all([client.tags(image(s.host)), client.tags(image(s.host)), client.tags(image(s.host))]);
    assert.equal(s.requests.length, 1);
    now = 2000;
    await client.tags(image(s.host));
    assert.equal(s.requests.length, 2);
  });

  it('does not follow a next page on another host', () => {
    assert.equal(nextPage('<https://evil.example/v2/x/tags/list?last=a>; rel="next"', 'https://r.example/v2/x/tags/list'), null);
    assert.equal(nextPage('</v2/x/tags/list?last=a&n=2>; rel="next"', 'https://r.example/v2/x/tags/list'), '/v2/x/tags/list?last=a&n=2');
    assert.equal(nextPage('</v2/x/tags/list?last=a>; rel="prev"', 'https://r.example/v2/x/tags/list'), null);
  });

  for (const [name, status, body, kind] of [
    ['401 without a challenge', 401, '{}', 'unauthorized'],
    ['404', 404, '{"errors":[{"code":"NAME_UNKNOWN"}]}', 'not-found'],
    ['429', 429, '{}', 'rate-limited'],
    ['malformed JSON', 200, '{"tags": [', 'malformed'],
    ['a tag list that is not a list of names', 200, '{"tags": [1, 2]}', 'malformed'],
  ] as const) {
    it(`says what went wrong on ${name}, and remembers it for a while`, async () => {
      const s = await serve((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      });
      const client = new RegistryClient();
      await assert.rejects(client.tags(image(s.host)), (e: RegistryError) => e instanceof RegistryError && e.kind === kind);
      await assert.rejects(client.tags(image(s.host)), (e: RegistryError) => e.kind === kind);
      assert.equal(s.requests.length, 1, 'the failure is cached: no request per keystroke');
    });
  }

  it('says a registry is unreachable when nothing listens, and times out a silent one', async () => {
    const s = await serve(() => undefined);
    await s.stop();
    await assert.rejects(new RegistryClient().tags(image(s.host)), (e: RegistryError) => e.kind === 'unreachable');
    const silent = await serve(() => undefined);
    await assert.rejects(new RegistryClient({ timeoutMs: 200 }).tags(image(silent.host)), (e: RegistryError) => e.kind === 'timeout');
  });

  it('answers Basic with credentials only for that registry, and drops them on a redirect to another host', async () => {
    const target = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"tags":["moved"]}');
    });
    const s = await serve((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' });
        res.end();
        return;
      }
      res.writeHead(307, { location: `http://${target.host.replace('127.0.0.1', 'localhost')}/v2/team/app/tags/list` });
      res.end();
    });
    const asked: string[] = [];
    const client = new RegistryClient({ credentials: { get: async (host) => (asked.push(host), { username: 'ada', secret: 'pw' }) } });
    assert.deepEqual(await client.tags(image(s.host)), ['moved']);
    assert.deepEqual(asked, [s.host]);
    assert.equal(s.requests[1].authorization, `Basic ${Buffer.from('ada:pw').toString('base64')}`);
    assert.equal(target.requests[0].authorization, undefined);
  });

  it('uses plain HTTP only for loopback and the insecure registries', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"tags":["1"]}');
    });
    // 0.0.0.0 reaches this machine on Linux, yet is not a loopback name: HTTPS only, which a plain server fails.
    const other = s.host.replace('127.0.0.1', '0.0.0.0');
    await assert.rejects(new RegistryClient().tags(image(other)), (e: RegistryError) => e.kind === 'unreachable');
    assert.equal(s.requests.length, 0, 'no plain-HTTP request was made');
    assert.deepEqual(await new RegistryClient({ insecureRegistries: [other] }).tags(image(other)), ['1']);
    assert.deepEqual(await new RegistryClient().tags(image(s.host)), ['1'], 'loopback');
  });

  it('reads the digest from a HEAD with the index Accept headers', async () => {
    const s = await serve((req, res) => {
      assert.match(req.headers.accept!, /^application\/vnd\.oci\.image\.index\.v1\+json, application\/vnd\.docker\.distribution\.manifest\.list\.v2\+json/);
      res.writeHead(200, { 'docker-content-digest': `sha256:${'a'.repeat(64)}`, 'content-type': 'application/vnd.oci.image.index.v1+json' });
      res.end();
    });
    const found = await new RegistryClient().digest({ ...image(s.host), tag: '1.0' });
    assert.deepEqual(found, { digest: `sha256:${'a'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json' });
    assert.equal(s.requests[0].method, 'HEAD');
  });
});

describe('credentials from the Docker config', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-creds-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (config: object) => {
    const d = fs.mkdtempSync(path.join(dir, 'c-'));
    fs.writeFileSync(path.join(d, 'config.json'), JSON.stringify(config));
    return new DockerCredentials({ configDir: d });
  };

  it('reads auths as docker login writes them, Docker Hub under its v1 URL', async () => {
    const creds = write({ auths: { 'r.example:5000': { auth: Buffer.from('ada:pa:ss').toString('base64') }, 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') } } });
    assert.deepEqual(await creds.get('r.example:5000'), { username: 'ada', secret: 'pa:ss' });
    assert.deepEqual(await creds.get('docker.io'), { username: 'hub', secret: 'pw' });
    assert.equal(await creds.get('other.example'), null);
  });

  it('has none when the config is missing or broken, and refuses a helper name that is not a plain word', async () => {
    assert.equal(await new DockerCredentials({ configDir: path.join(dir, 'none') }).get('r.example'), null);
    const broken = fs.mkdtempSync(path.join(dir, 'b-'));
    fs.writeFileSync(path.join(broken, 'config.json'), '{');
    assert.equal(await new DockerCredentials({ configDir: broken }).get('r.example'), null);
    assert.equal(await write({ credsStore: '../../bin/sh' }).get('r.example'), null);
  });
});
