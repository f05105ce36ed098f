// The cache-mount fix proved with a builder that has it: podman's (buildah)
// accepts RUN --mount=type=cache, which this engine's classic builder
// rejects. The pip example, fixed, builds with `podman build`, pip installs
// the package, and no layer of the image holds /root/.cache/pip; the same
// RUN without the fix leaves the cache in its layer, so the check can fail.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { docker, withDocker } from '../support/docker';
import { pythonImage, uniqueTag } from '../support/images';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

const hasPodman = spawnSync('podman', ['--version']).status === 0;

function podman(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('podman', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.on('error', (e) => resolve({ code: null, stdout, stderr: String(e) }));
  });
}

/** Every path in every layer of a saved image (docker-archive: one tar per layer). */
function layerPaths(archive: string, dir: string): string[] {
  const out = path.join(dir, 'unpacked');
  fs.mkdirSync(out);
  assert.equal(spawnSync('tar', ['-xf', archive, '-C', out]).status, 0);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Array<{ Layers: string[] }>;
  return manifest[0].Layers.flatMap((layer) => spawnSync('tar', ['-tf', path.join(out, layer)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout.split('\n'));
}

withDocker(() => {
  describe('the cache-mount fix, built with podman', { skip: hasPodman || process.env.LAYERWISE_REQUIRE_DOCKER === '1' ? false : 'podman is not installed (apt-get install -y podman)' }, () => {
    let index: PackageIndex;
    let tmp: string;
    let base: string;
    let loaded = false;
    const tags: string[] = [];
    before(async () => {
      const python = pythonImage();
      base = `localhost/${python}`;
      if ((await podman(['image', 'exists', base])).code !== 0) {
        const archive = path.join(os.tmpdir(), `layerwise-podman-${process.pid}.tar`);
        assert.equal(docker(['save', '-o', archive, python]).code, 0);
        const load = await podman(['load', '-i', archive]);
        fs.rmSync(archive, { force: true });
        assert.equal(load.code, 0, load.stderr);
        loaded = true;
      }
      // Cacheable, as PyPI's files are: without the fix, pip's HTTP cache keeps the wheel in the layer.
      index = await startPackageIndex([{ name: 'tinypkg', version: '1.1.0' }], { cacheable: true });
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-cache-mount-'));
    });
    after(async () => {
      for (const t of tags) await podman(['rmi', '-f', t]);
      if (loaded) await podman(['rmi', '-f', base]);
      await index?.close();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    async function buildAndList(name: string, text: string): Promise<string[]> {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
      const tag = uniqueTag(`cache-mount-${name}`);
      const b = await podman(['build', '--network', 'host', '--build-arg', `INDEX=${index.url}`, '-t', tag, dir]);
      assert.equal(b.code, 0, `${b.stderr}\n${text}`);
      tags.push(tag);
      const archive = path.join(dir, 'image.tar');
      const s = await podman(['save', '--format', 'docker-archive', '-o', archive, tag]);
      assert.equal(s.code, 0, s.stderr);
      return layerPaths(archive, dir);
    }

    it('builds, installs the package, and leaves no pip cache in any layer', async () => {
      const original = `# syntax=docker/dockerfile:1\nFROM ${base}\nARG INDEX\nRUN pip install --index-url "$INDEX" --trusted-host 127.0.0.1 tinypkg==1.1.0\n`;
      const finding = lint(original).findings.find((f) => f.rule === 'pip-cache-not-disabled');
      const fix = finding?.fixes.find((f) => f.title.startsWith('Use a BuildKit cache mount'));
      assert.ok(fix, 'no cache-mount fix offered');
      const fixed = applyEdits(original, fix.edits);
      assert.match(fixed, /^RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install/m);

      const withMount = await buildAndList('fixed', fixed);
      assert.ok(withMount.some((p) => /site-packages\/tinypkg\/__init__\.py$/.test(p)), 'tinypkg is not installed');
      assert.deepEqual(withMount.filter((p) => p.includes('root/.cache/pip/')), []);

      const without = await buildAndList('original', original);
      assert.ok(without.some((p) => p.includes('root/.cache/pip/')), `the unfixed build should leave the pip cache: ${without.filter((p) => p.includes('.cache')).join(' ')}`);
    });
  });
});
