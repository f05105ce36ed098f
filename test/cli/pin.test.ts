// `layerwise fix --pin` as a user runs it: the bundled dist/cli.js, spawned
// (asynchronously, since this process serves the package index it asks).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startConnectProxy } from '../support/connectProxy';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const seed = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');

function layerwise(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIP_INDEX_URL: '', PIP_CONFIG_FILE: os.devNull, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('layerwise fix --pin', () => {
  let index: PackageIndex;
  let tmp: string;
  before(async () => {
    index = await startPackageIndex([
      { name: 'tinypkg', version: '1.0.0' },
      { name: 'tinypkg', version: '1.1.0' },
      { name: 'astropy', version: '6.1.4' },
    ]);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pin-'));
  });
  after(async () => {
    await index.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
  }

  it('pins from the lockfile the Dockerfile copies, then from the index, says from where, and lists what no source knows', async () => {
    const dir = project('both', {
      Dockerfile: 'FROM python:3.11-slim\nARG REQ=requirements-3sep.txt\nCOPY $REQ /tmp/\nRUN pip install --no-cache-dir astropy tinypkg nosuchpkg\n',
      'requirements-3sep.txt': fs.readFileSync(path.join(seed, '2.pip/requirements4-3sep.txt'), 'utf8'),
    });
    const r = await layerwise(['fix', '--pin', '--index-url', index.url, 'Dockerfile'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM python:3.11-slim\nARG REQ=requirements-3sep.txt\nCOPY $REQ /tmp/\nRUN pip install --no-cache-dir astropy==3.2.3 tinypkg==1.1.0 nosuchpkg\n');
    const host = new URL(index.url).host;
    assert.match(r.stdout, /Dockerfile: pinned astropy to 3\.2\.3 \(requirements-3sep\.txt\)/);
    assert.match(r.stdout, new RegExp(`Dockerfile: pinned tinypkg to 1\\.1\\.0 \\(${host.replace(/\./g, '\\.')}\\)`));
    assert.match(r.stdout, /Dockerfile: left nosuchpkg unpinned: .*has no project named nosuchpkg/);
  });

  it('--pin-style arg writes the lesson\'s ARG form; --dry-run prints the diff, changes nothing and exits 1', async () => {
    const text = 'FROM python:3.11-slim\nRUN pip install tinypkg\n';
    const dir = project('arg', { Dockerfile: text });
    const r = await layerwise(['fix', '--pin', '--pin-style', 'arg', '--dry-run', '--index-url', index.url, 'Dockerfile'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\+ARG TINYPKG_VERSION="1\.1\.0"\n\+RUN pip install tinypkg==\$TINYPKG_VERSION/);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), text);
  });

  it('plain fix, even --unsafe, never pins', async () => {
    const text = 'FROM python:3.11-slim\nRUN pip install --no-cache-dir astropy\n';
    const dir = project('plain', { Dockerfile: text, 'requirements.txt': 'astropy==6.1.4\n' });
    await layerwise(['fix', '--unsafe', 'Dockerfile'], dir);
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /pip install --no-cache-dir astropy\n/);
  });

  it('says which lockfile is malformed and where, and still pins from the index', async () => {
    const dir = project('broken', {
      Dockerfile: 'FROM python:3.11-slim\nCOPY pylock.toml /tmp/\nRUN pip install tinypkg\n',
      'pylock.toml': 'lock-version = "1.0"\n[[packages]\nname = "tinypkg"\n',
    });
    const r = await layerwise(['fix', '--pin', '--index-url', index.url, 'Dockerfile'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /pylock\.toml cannot be read as a lockfile: pylock\.toml, line 2: not valid TOML/);
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /tinypkg==1\.1\.0/);
  });

  it('leaves every package alone and says why when the index cannot be reached', async () => {
    const dir = project('unreachable', { Dockerfile: 'FROM python:3.11-slim\nRUN pip install tinypkg\n' });
    const r = await layerwise(['fix', '--pin', '--index-url', 'http://127.0.0.1:9/simple', 'Dockerfile'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /left tinypkg unpinned: 127\.0\.0\.1:9 cannot be reached/);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM python:3.11-slim\nRUN pip install tinypkg\n');
  });

  it('asks the index through the proxy HTTP_PROXY names, and directly where NO_PROXY says', async () => {
    // A name only the proxy resolves, to the index on loopback.
    const proxy = await startConnectProxy({ hosts: { 'index.layerwise.test': '127.0.0.1' } });
    try {
      const url = index.url.replace('127.0.0.1', 'index.layerwise.test');
      const noProxy = { HTTP_PROXY: '', http_proxy: '', HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '' };
      const dir = project('proxied', { Dockerfile: 'FROM python:3.11-slim\nRUN pip install tinypkg\n' });
      const r = await layerwise(['fix', '--pin', '--index-url', url, 'Dockerfile'], dir, { ...noProxy, HTTP_PROXY: proxy.url });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM python:3.11-slim\nRUN pip install tinypkg==1.1.0\n', r.stdout + r.stderr);
      assert.deepEqual([...new Set(proxy.connects.map((c) => c.target))], [new URL(url).host]);
      const direct = project('direct', { Dockerfile: 'FROM python:3.11-slim\nRUN pip install tinypkg\n' });
      const asked = proxy.connects.length;
      const d = await layerwise(['fix', '--pin', '--index-url', url, 'Dockerfile'], direct, { ...noProxy, HTTP_PROXY: proxy.url, NO_PROXY: 'layerwise.test' });
      assert.match(d.stdout, /left tinypkg unpinned: index\.layerwise\.test:\d+ cannot be reached/);
      assert.equal(proxy.connects.length, asked, 'not through the proxy');
    } finally {
      await proxy.stop();
    }
  });

  it('rejects a --pin-style it does not know, with exit 2', async () => {
    const r = await layerwise(['fix', '--pin', '--pin-style', 'exact', 'Dockerfile'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--pin-style takes pin or arg/);
  });
});
