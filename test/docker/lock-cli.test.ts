// `layerwise lock` as a user runs it (the bundled dist/cli.js), against the real
// engine and a real package index on 127.0.0.1: the pins, the hashes, the
// rewritten Dockerfile rebuilt, and every way it can fail. The index is served
// from this process, so every docker call here is asynchronous.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pinsFromCompiled, pinsFromFreeze, dateLabel } from '../../server/src/container/lockfile';
import { docker, dockerAsync, withDocker } from '../support/docker';
import { fixtureImage, pythonImage, removeStepImages, uniqueTag } from '../support/images';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const NETWORK = '--docker-arg=--network=host';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function layerwise(args: string[], options: { env?: NodeJS.ProcessEnv; started?: (child: ChildProcess) => void } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    options.started?.(child);
  });
}

const dirs: string[] = [];
const images: string[] = [];
const indexes: PackageIndex[] = [];

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lock-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const names = (pins: Array<{ name: string; version: string }>) => pins.map((p) => `${p.name.toLowerCase()}==${p.version}`).sort();

withDocker(() => {
  let python: string;
  let index: PackageIndex;

  before(async () => {
    python = pythonImage();
    index = await startPackageIndex([
      { name: 'alpha', version: '1.0', requires: ['beta>=1.0'] },
      { name: 'beta', version: '1.0' },
      { name: 'beta', version: '2.0' },
      { name: 'gamma', version: '1.5' },
    ]);
    indexes.push(index);
  });

  after(async () => {
    for (const i of indexes) await i.close();
    if (images.length) docker(['image', 'rm', '-f', ...images]);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const dockerfile = () =>
    [`FROM ${python}`, 'ARG PIP_INDEX_URL', 'COPY requirements.in /tmp/', 'RUN pip --no-cache-dir install -r /tmp/requirements.in', 'CMD ["python3"]', ''].join('\n');

  describe('layerwise lock', () => {
    it('pins the two packages named and the one they depend on, with exact versions, in requirements-<date>.txt', async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\ngamma\n' });
      const r = await layerwise(['lock', '--index-url', index.url.replace('http://', 'http://me:s3cret@'), NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      const file = path.join(dir, `requirements-${dateLabel(new Date())}.txt`);
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(names(pinsFromCompiled(text)), ['alpha==1.0', 'beta==2.0', 'gamma==1.5']);
      assert.match(text, new RegExp(`^# image: ${python.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(image ID sha256:[0-9a-f]{64}\\), platform linux/\\w+$`, 'm'));
      assert.match(text, /^# strategy: report \(pip \d+\.\d+(\.\d+)?, Python 3\.\d+\.\d+\)$/m);
      assert.match(text, new RegExp(`^# index: ${index.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
      assert.doesNotMatch(text, /s3cret|me:/);
      assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.tmp')), 'no temporary file is left');
      // Without --rewrite the Dockerfile is untouched and the rewrite is shown.
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), dockerfile());
      assert.match(r.stdout, /\+RUN pip --no-cache-dir install --no-deps -r \/requirements.txt/);
    });

    it('writes the hashes the index published when asked', async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\ngamma\n' });
      const r = await layerwise(['lock', '--label', 'hashed', '--generate-hashes', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      const pins = pinsFromCompiled(fs.readFileSync(path.join(dir, 'requirements-hashed.txt'), 'utf8'));
      for (const p of pins) assert.deepEqual(p.hashes, [index.wheels.get(`${p.name}==${p.version}`)!.sha256], p.name);
      assert.equal(pins.length, 3);
    });

    it('gives the same pins and hashes with the report and with a trial install and pip freeze', async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\ngamma\n' });
      const report = await layerwise(['lock', '--strategy', 'report', '--label', 'report', '--generate-hashes', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      const freeze = await layerwise(['lock', '--strategy', 'freeze', '--label', 'freeze', '--generate-hashes', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(report.code, 0, report.stderr);
      assert.equal(freeze.code, 0, freeze.stderr);
      const a = pinsFromCompiled(fs.readFileSync(path.join(dir, 'requirements-report.txt'), 'utf8'));
      const b = pinsFromCompiled(fs.readFileSync(path.join(dir, 'requirements-freeze.txt'), 'utf8'));
      assert.deepEqual(names(b), ['alpha==1.0', 'beta==2.0', 'gamma==1.5']);
      assert.deepEqual(b, a);
      assert.match(fs.readFileSync(path.join(dir, 'requirements-freeze.txt'), 'utf8'), /^# strategy: freeze /m);
    });

    it("locks pyproject.toml's dependencies when there is no requirements.in, with docker.runArgs from .layerwise.yaml", async () => {
      const dir = project({
        Dockerfile: dockerfile(),
        'pyproject.toml': '[project]\nname = "mine"\nversion = "0.1"\ndependencies = ["alpha", "gamma>=1"]\n',
        '.layerwise.yaml': `docker:\n  runArgs: [--network=host]\npip:\n  indexUrl: ${index.url}\n`,
      });
      // --platform as docker run takes it; only the engine's own platform can run here (no emulation).
      const platform = `linux/${(await dockerAsync(['version', '--format', '{{.Server.Arch}}'])).stdout.trim()}`;
      const r = await layerwise(['lock', '--label', 'py', '--platform', platform, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(path.join(dir, 'requirements-py.txt'), 'utf8');
      assert.deepEqual(names(pinsFromCompiled(text)), ['alpha==1.0', 'beta==2.0', 'gamma==1.5']);
      assert.ok(text.split('\n').some((l) => l.startsWith('# image: ') && l.endsWith(`), platform ${platform}`)), text);
      assert.match(text, /^# requirements-py\.txt: made by layerwise lock from pyproject\.toml, /m);
    });

    it('resolves in the stage the final one is built FROM, built first and removed after', async () => {
      const before = (await dockerAsync(['images', '-q', '--filter', 'reference=layerwise-tmp/*'])).stdout.trim().split('\n').filter(Boolean).sort();
      const dir = project({
        Dockerfile: [`FROM ${python} AS base`, 'RUN python3 -m pip --version', 'FROM base', 'COPY requirements.in /tmp/', 'RUN pip install -r /tmp/requirements.in', ''].join('\n'),
        'requirements.in': 'gamma\n',
      });
      const r = await layerwise(['lock', '--label', 'staged', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /building stage base/);
      const text = fs.readFileSync(path.join(dir, 'requirements-staged.txt'), 'utf8');
      assert.match(text, /^# image: stage base of Dockerfile \(image ID sha256:[0-9a-f]{64}\)/m);
      assert.deepEqual(names(pinsFromCompiled(text)), ['gamma==1.5']);
      const left = (await dockerAsync(['images', '-q', '--filter', 'reference=layerwise-tmp/*'])).stdout.trim().split('\n').filter(Boolean).sort();
      assert.deepEqual(left, before, 'the stage built for the lock is left');
    });

    it('--rewrite gives a Dockerfile whose image holds exactly the lockfile; with hashes, a tampered wheel fails its build', async () => {
      // An index of its own, since its wheel is tampered with below.
      const index = await startPackageIndex([
        { name: 'alpha', version: '1.0', requires: ['beta>=1.0'] },
        { name: 'beta', version: '2.0' },
        { name: 'gamma', version: '1.5' },
      ]);
      indexes.push(index);
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\ngamma\n' });
      const r = await layerwise(['lock', '--label', 'rw', '--generate-hashes', '--rewrite', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      const rewritten = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      assert.equal(
        rewritten,
        [`FROM ${python}`, 'ARG PIP_INDEX_URL', 'ARG REQ_FILE=requirements-rw.txt', 'COPY requirements.in /', 'COPY $REQ_FILE /requirements.txt', 'RUN pip --no-cache-dir install --no-deps --require-hashes -r /requirements.txt', 'CMD ["python3"]', ''].join('\n'),
      );
      const tag = uniqueTag('lock-rebuilt');
      const build = await dockerAsync(['build', '--network', 'host', '--build-arg', `PIP_INDEX_URL=${index.url}`, '-t', tag, dir]);
      assert.equal(build.code, 0, build.stderr);
      images.push(tag);
      const frozen = await dockerAsync(['run', '--rm', '--network', 'none', '--entrypoint', 'pip', tag, 'freeze']);
      assert.equal(frozen.code, 0, frozen.stderr);
      assert.deepEqual(names(pinsFromFreeze(frozen.stdout)), names(pinsFromCompiled(fs.readFileSync(path.join(dir, 'requirements-rw.txt'), 'utf8'))));

      // The same Dockerfile against an index whose beta wheel changed after it was locked.
      index.tamper('beta', '2.0');
      const tampered = uniqueTag('lock-tampered');
      const failed = await dockerAsync(['build', '--no-cache', '--force-rm', '--network', 'host', '--build-arg', `PIP_INDEX_URL=${index.url}`, '-t', tampered, dir]);
      images.push(tampered);
      assert.notEqual(failed.code, 0, 'the build with a tampered wheel succeeded');
      assert.match(failed.stdout + failed.stderr, /THESE PACKAGES DO NOT MATCH THE HASHES/);
      // Its COPY steps' images stay untagged behind the failed RUN.
      removeStepImages(failed.stdout);
    });
  });

  describe('layerwise lock, when it cannot', () => {
    it('says which file it looked for when there is no requirements.in, before running anything (exit 2)', async () => {
      const dir = project({ Dockerfile: dockerfile() });
      const r = await layerwise(['lock', NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no requirements\.in \(or pyproject\.toml with \[project\] dependencies\) beside .*Dockerfile/);
      assert.doesNotMatch(r.stderr, /looking at the Python/);
    });

    it("shows pip's own error when the requirements cannot be resolved (exit 1), and writes nothing", async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\nnothere>=1\n' });
      const r = await layerwise(['lock', '--label', 'x', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /pip could not resolve requirements\.in in .*:\nERROR: Could not find a version that satisfies the requirement nothere>=1/);
      assert.ok(!fs.existsSync(path.join(dir, 'requirements-x.txt')));
    });

    it("shows pip's error, not an engine's, when the index does not answer", async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\n' });
      const closed = await startPackageIndex([]);
      await closed.close();
      const r = await layerwise(['lock', '--index-url', closed.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /pip could not resolve requirements\.in in [^\n]*:\n(WARNING|ERROR)[^\n]*[Cc]onnection refused/);
      assert.doesNotMatch(r.stderr, /no docker engine answers/);
    });

    it('says the image has no Python (debian:bookworm-slim)', async () => {
      const dir = project({ Dockerfile: 'FROM debian:bookworm-slim\n', 'requirements.in': 'alpha\n' });
      const r = await layerwise(['lock', NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /the image debian:bookworm-slim has no Python \(neither python3 nor python is on its PATH\)/);
    });

    it('says the image has Python but no pip', async () => {
      const noPip = fixtureImage(
        'python-without-pip',
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n',
      );
      const dir = project({ Dockerfile: `FROM ${noPip}\n`, 'requirements.in': 'alpha\n' });
      const r = await layerwise(['lock', NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /has Python 3\.\d+\.\d+ but no pip: install pip in the image/);
    });

    it('says the container CLI is missing (exit 2)', async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\n' });
      const empty = project({});
      const r = await layerwise(['lock', path.join(dir, 'Dockerfile')], { env: { ...process.env, PATH: empty } });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /docker is not installed or not on PATH/);
    });

    it('never overwrites an existing lockfile without --force', async () => {
      const dir = project({ Dockerfile: dockerfile(), 'requirements.in': 'alpha\n', 'requirements-kept.txt': 'alpha==0.1\n' });
      const r = await layerwise(['lock', '--label', 'kept', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /requirements-kept\.txt exists already beside .*: give another --label, or --force to replace it/);
      assert.equal(fs.readFileSync(path.join(dir, 'requirements-kept.txt'), 'utf8'), 'alpha==0.1\n');
      const forced = await layerwise(['lock', '--label', 'kept', '--force', '--index-url', index.url, NETWORK, path.join(dir, 'Dockerfile')]);
      assert.equal(forced.code, 0, forced.stderr);
      assert.deepEqual(names(pinsFromCompiled(fs.readFileSync(path.join(dir, 'requirements-kept.txt'), 'utf8'))), ['alpha==1.0', 'beta==2.0']);
    });

    it('stops on Ctrl+C and leaves no container behind', async () => {
      // An image of this test's own, so that its containers are told apart from other suites'.
      const tag = uniqueTag('lock-cancel');
      const built = await dockerAsync(['build', '-t', tag, '-'], { input: `FROM ${python}\nLABEL layerwise.test=${tag}\n` });
      assert.equal(built.code, 0, built.stderr);
      images.push(tag);
      const slow = await startPackageIndex([{ name: 'alpha', version: '1.0' }], { delayMs: 60_000 });
      indexes.push(slow);
      const dir = project({ Dockerfile: `FROM ${tag}\n`, 'requirements.in': 'alpha\n' });
      const running = async () => (await dockerAsync(['ps', '-a', '-q', '--filter', `ancestor=${tag}`])).stdout.trim();
      const r = await layerwise(['lock', '--index-url', slow.url, NETWORK, path.join(dir, 'Dockerfile')], {
        started: (child) => {
          const poll = setInterval(async () => {
            // Interrupt once pip is waiting on the index inside its container.
            if (slow.requests.length > 0 && (await running())) {
              clearInterval(poll);
              child.kill('SIGINT');
            }
          }, 200);
          child.on('close', () => clearInterval(poll));
        },
      });
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /cancelled/);
      assert.equal(await running(), '', 'a container of the lock is left');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['Dockerfile', 'requirements.in']);
    });
  });
});
