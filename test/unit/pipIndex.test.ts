// The package index client against a real index on 127.0.0.1 (test/support/packageIndex.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseIndex, indexUrlInConfig } from '../../server/src/lookup/pipConfig';
import { PipIndex, readHtml, newestInstallable } from '../../server/src/lookup/pipIndex';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

describe('package index lookups', () => {
  let index: PackageIndex;
  before(async () => {
    index = await startPackageIndex([
      { name: 'tinypkg', version: '1.0.0' },
      { name: 'tinypkg', version: '1.2.0' },
      { name: 'tinypkg', version: '2.0.0rc1' },
      { name: 'newpy', version: '1.0.0' },
      { name: 'newpy', version: '2.0.0', requiresPython: '>=3.13' },
      { name: 'gone', version: '1.0.0' },
      { name: 'gone', version: '1.1.0', yanked: true },
    ]);
  });
  after(() => index.close());

  it('takes the newest final release over PEP 691 JSON', async () => {
    assert.deepEqual(await new PipIndex(index.url).newest('tinypkg', '3.11', undefined), { version: '1.2.0' });
  });

  it('skips a release whose Requires-Python the stage\'s Python does not meet', async () => {
    const pip = new PipIndex(index.url);
    assert.deepEqual(await pip.newest('newpy', '3.11'), { version: '1.0.0' });
    assert.deepEqual(await pip.newest('newpy', '3.13'), { version: '2.0.0' });
  });

  it('skips yanked releases', async () => {
    assert.deepEqual(await new PipIndex(index.url).newest('gone', null), { version: '1.0.0' });
  });

  it('reads the PEP 503 HTML page the same way', async () => {
    const res = await fetch(`${index.url}/newpy/`, { headers: { accept: 'text/html' } });
    const files = readHtml(await res.text());
    assert.equal(newestInstallable('newpy', files, '3.11'), '1.0.0');
    assert.equal(newestInstallable('newpy', files, '3.13'), '2.0.0');
  });

  it('says the index has no such project on a 404', async () => {
    const answer = await new PipIndex(index.url).newest('nosuchpkg', null);
    assert.match('problem' in answer ? answer.problem : '', /has no project named nosuchpkg/);
  });

  it('keeps an answer: a second lookup asks the index no more', async () => {
    const pip = new PipIndex(index.url);
    await pip.newest('tinypkg', null);
    const asked = index.requests.length;
    await pip.newest('tinypkg', null);
    assert.equal(index.requests.length, asked);
  });

  it('gives up on a slow index after its timeout', async () => {
    const slow = await startPackageIndex([{ name: 'tinypkg', version: '1.0.0' }], { delayMs: 3000 });
    try {
      const started = Date.now();
      const answer = await new PipIndex(slow.url, { timeoutMs: 300 }).newest('tinypkg', null);
      assert.match('problem' in answer ? answer.problem : '', /did not answer within/);
      assert.ok(Date.now() - started < 2500);
    } finally {
      await slow.close();
    }
  });

  it('stops when the lookup is cancelled', async () => {
    const slow = await startPackageIndex([{ name: 'tinypkg', version: '1.0.0' }], { delayMs: 3000 });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const answer = await new PipIndex(slow.url).newest('tinypkg', null, controller.signal);
      assert.match('problem' in answer ? answer.problem : '', /cancelled/);
    } finally {
      await slow.close();
    }
  });

  it('says so when the index is unreachable', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const answer = await new PipIndex(`http://127.0.0.1:${port}/simple`).newest('tinypkg', null);
    assert.match('problem' in answer ? answer.problem : '', /cannot be reached \(ECONNREFUSED\)/);
  });

  it('says so when the index sends JSON that does not parse', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      res.end('{"files": [');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const answer = await new PipIndex(`http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`).newest('tinypkg', null);
      assert.match('problem' in answer ? answer.problem : '', /JSON that does not parse/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('which index pip would use', () => {
  it('the setting, else PIP_INDEX_URL, else pip.conf, else PyPI', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pipconf-'));
    try {
      const env = { XDG_CONFIG_DIRS: path.join(home, 'none'), XDG_CONFIG_HOME: path.join(home, '.config') };
      assert.equal(chooseIndex(null, env, home).url, 'https://pypi.org/simple');
      fs.mkdirSync(path.join(home, '.config', 'pip'), { recursive: true });
      fs.writeFileSync(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = http://mirror.example/simple\n');
      assert.deepEqual(chooseIndex(null, env, home), { url: 'http://mirror.example/simple', from: path.join(home, '.config', 'pip', 'pip.conf') });
      assert.equal(chooseIndex(null, { ...env, PIP_INDEX_URL: 'http://env.example/simple' }, home).url, 'http://env.example/simple');
      assert.equal(chooseIndex('http://setting.example/simple', { ...env, PIP_INDEX_URL: 'x' }, home).url, 'http://setting.example/simple');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('reads index-url from [install] before [global]', () => {
    assert.equal(indexUrlInConfig('[global]\nindex-url=http://a/simple\n[install]\nindex_url : http://b/simple\n'), 'http://b/simple');
  });
});
