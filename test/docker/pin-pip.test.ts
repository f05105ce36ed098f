// Pip pins proved with real pip: a package index on 127.0.0.1 with two
// versions of one package. `layerwise fix --pin` pins the newer from the
// index, or the one a lockfile names; pip in the built image installs
// exactly those (pip freeze), and no pip cache is left in the image.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerAsync, withDocker } from '../support/docker';
import { pythonImage, uniqueTag } from '../support/images';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function layerwise(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIP_INDEX_URL: '', PIP_CONFIG_FILE: os.devNull } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

withDocker(() => {
  describe('pip pins with a local index and real pip', () => {
    let index: PackageIndex;
    let tmp: string;
    let base: string;
    const images: string[] = [];
    before(async () => {
      base = pythonImage();
      index = await startPackageIndex([
        { name: 'tinypkg', version: '1.0.0' },
        { name: 'tinypkg', version: '1.1.0' },
        // Cacheable, as PyPI's files are, and trusted below: without --no-cache-dir, pip's HTTP cache would keep them.
      ], { cacheable: true });
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pin-pip-'));
    });
    after(async () => {
      if (images.length) await dockerAsync(['image', 'rm', '-f', ...images]);
      await index.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    async function pinAndBuild(name: string, files: Record<string, string>): Promise<{ text: string; freeze: string; cache: string }> {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
      const r = await layerwise(['fix', '--pin', '--index-url', index.url, 'Dockerfile'], dir);
      assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      const tag = uniqueTag(`pin-pip-${name}`);
      const b = await dockerAsync(['build', '--network', 'host', '-q', '--build-arg', `INDEX=${index.url}`, '-t', tag, dir]);
      assert.equal(b.code, 0, b.stderr);
      images.push(tag);
      const freeze = await dockerAsync(['run', '--rm', '--network', 'none', tag, 'pip', 'freeze']);
      const cache = await dockerAsync(['run', '--rm', '--network', 'none', tag, 'sh', '-c', 'ls -A /root/.cache/pip 2>/dev/null | head -3; true']);
      return { text, freeze: freeze.stdout.trim(), cache: cache.stdout.trim() };
    }

    const dockerfile = (base: string) => `FROM ${base}\nARG INDEX\nRUN pip install --no-cache-dir --index-url "$INDEX" --trusted-host 127.0.0.1 tinypkg\n`;

    it('the index pin takes the newer version, and pip installs exactly it', async () => {
      const { text, freeze, cache } = await pinAndBuild('index', { Dockerfile: dockerfile(base) });
      assert.match(text, / tinypkg==1\.1\.0\n/);
      assert.equal(freeze, 'tinypkg==1.1.0');
      assert.equal(cache, '');
    });

    it('the lockfile pin takes the version the file names, and pip installs exactly it', async () => {
      const { text, freeze, cache } = await pinAndBuild('lockfile', { Dockerfile: dockerfile(base), 'requirements.txt': 'tinypkg==1.0.0 \\\n    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000\n' });
      assert.match(text, / tinypkg==1\.0\.0\n/);
      assert.equal(freeze, 'tinypkg==1.0.0');
      assert.equal(cache, '');
    });
  });
});
