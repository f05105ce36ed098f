// `layerwise fix --pin-apt` with a real engine: the candidate versions come
// from the stage's own base image (one container per RUN, --network=host as
// these machines need), the built image has exactly the versions written, and
// a second build from scratch installs the same. An unknown package is left
// alone and listed; a cancelled lookup leaves no container behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aptCandidates } from '../../server/src/container/aptCandidates';
import { ContainerEngine } from '../../server/src/container/engine';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function layerwise(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dpkgVersions(image: string, packages: string[]): Record<string, string> {
  const r = docker(['run', '--rm', '--network', 'none', image, 'dpkg-query', '-W', '-f', '${Package}=${Version}\\n', ...packages]);
  assert.equal(r.code, 0, r.stderr);
  return Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=') as [string, string]));
}

function lookupContainers(): string[] {
  return docker(['ps', '-a', '--no-trunc', '--format', '{{.Names}} {{.Command}}']).stdout.split('\n').filter((l) => l.startsWith('layerwise-') && l.includes('apt-cache policy'));
}

withDocker(() => {
  describe('apt pins from the base image', () => {
    let tmp: string;
    const images: string[] = [];
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pin-apt-'));
    });
    after(() => {
      if (images.length) docker(['image', 'rm', '-f', ...images]);
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('writes the base image\'s candidate versions, which the build installs exactly, twice alike', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'a-'));
      fs.writeFileSync(
        path.join(dir, 'Dockerfile'),
        'FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends hello tree nosuchpkg-layerwise-test \\\n    && rm -rf /var/lib/apt/lists/*\n',
      );
      const r = layerwise(['fix', '--pin-apt', '--docker-arg=--network=host', 'Dockerfile'], dir);
      assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      const written = Object.fromEntries([...text.matchAll(/ (hello|tree)=(\S+)/g)].map((m) => [m[1], m[2]]));
      assert.deepEqual(Object.keys(written).sort(), ['hello', 'tree'], text);
      assert.match(r.stdout, /pinned hello to \S+ \(apt in debian:bookworm-slim\)/);
      assert.match(r.stdout, /left nosuchpkg-layerwise-test unpinned: debian:bookworm-slim's apt sources have no installable version/);
      assert.match(r.stdout, /snapshot\.debian\.org/);
      assert.match(text, / nosuchpkg-layerwise-test /);

      // Built without the unknown package, which no archive has.
      fs.writeFileSync(path.join(dir, 'Dockerfile'), text.replace(' nosuchpkg-layerwise-test', ''));
      const first = uniqueTag('pin-apt-1');
      const second = uniqueTag('pin-apt-2');
      for (const tag of [first, second]) {
        const b = docker(['build', '--no-cache', '--network', 'host', '-q', '-t', tag, dir]);
        assert.equal(b.code, 0, b.stderr);
        images.push(tag);
      }
      assert.deepEqual(dpkgVersions(first, ['hello', 'tree']), written);
      assert.deepEqual(dpkgVersions(second, ['hello', 'tree']), written);
    });

    it('a cancelled lookup stops and removes its container', async () => {
      const before = new Set(lookupContainers());
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 1500);
      const answer = await aptCandidates(new ContainerEngine(), 'debian:bookworm-slim', ['hello'], { runArgs: ['--network=host'], signal: controller.signal });
      assert.ok('problem' in answer && /cancelled/.test(answer.problem), JSON.stringify(answer));
      const left = lookupContainers().filter((c) => !before.has(c));
      assert.deepEqual(left, []);
    });
  });
});
