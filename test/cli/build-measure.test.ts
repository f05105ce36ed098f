// `layerwise build` and `layerwise measure` as a user runs them (the bundled
// dist/cli.js) against the real engine: the comparison with the last build,
// JSON, thresholds as dive's CI mode, podman, and the ways it can go wrong,
// each leaving no container and no temp folder behind.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { readSaveStream, SaveStreamError } from '../../server/src/container/saveStream';
import { describeChange, formatBytes } from '../../server/src/container/units';
import { aptDockerfile, aptImage } from '../support/aptImages';
import { docker, withDocker } from '../support/docker';
import { removeUntaggedNaming, uniqueTag } from '../support/images';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
let tmp: string;
let history: string;
const images: string[] = [];

function layerwise(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LAYERWISE_BUILD_HISTORY: history, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function inspectSize(image: string): number {
  return Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).stdout.trim());
}

/** Containers whose command holds `marker`: what a build of ours could leave behind. */
function containersWith(marker: string): string {
  return docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}']).stdout.split('\n').filter((l) => l.includes(marker)).join('\n');
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-build-measure-'));
  history = path.join(tmp, 'history', 'builds.json');
});
after(() => {
  if (images.length) docker(['image', 'rm', '-f', ...images]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

withDocker(() => {
  describe('layerwise build and measure', () => {
    it('tells the change since the last build of the tag: Dockerfile.1, then Dockerfile.3', () => {
      const tag = uniqueTag('apt');
      images.push(tag);
      const before1 = inspectSize(aptImage(1));
      const before3 = inspectSize(aptImage(3));
      const one = layerwise(['build', '--tag', tag, '--docker-arg=--network=host', '-q', write('one/Dockerfile', aptDockerfile(1))]);
      assert.equal(one.code, 0, one.stderr);
      assert.match(one.stdout, new RegExp(`^Built ${tag.replace(/[/.]/g, '\\$&')}: ${formatBytes(before1)} \\(the first build measured of this tag\\)`));
      const three = layerwise(['build', '--tag', tag, '--docker-arg=--network=host', '-q', write('three/Dockerfile', aptDockerfile(3))]);
      assert.equal(three.code, 0, three.stderr);
      assert.ok(three.stdout.includes(`: ${formatBytes(before3)}, ${describeChange(before1, before3)} since the last build`), three.stdout);
      assert.match(describeChange(before1, before3), /^down \d/);
    });

    it('prints JSON with the total, each instruction\'s line, size and waste, and the waste\'s paths', () => {
      const r = layerwise(['measure', aptImage(2), '--dockerfile', write('two/Dockerfile', aptDockerfile(2)), '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.size, inspectSize(aptImage(2)));
      assert.deepEqual(report.instructions.map((i: { line: number }) => i.line), [3, 10]);
      const line3 = report.instructions[0];
      assert.ok(line3.size > 0 && line3.waste > 1_000_000 && line3.wastePaths.includes('/var/lib/apt/lists'), JSON.stringify(line3));
      const finding = report.waste.findings.find((f: { folder: string }) => f.folder === '/var/lib/apt/lists');
      assert.ok(finding.paths.some((p: { path: string }) => p.path.startsWith('/var/lib/apt/lists/')));
      assert.equal(typeof report.dive.efficiency, 'number');
    });

    it('exits 1 when a threshold fails and 0 when all hold, as dive\'s CI mode', () => {
      const file = write('two/Dockerfile', aptDockerfile(2));
      const tight = layerwise(['measure', aptImage(2), '--dockerfile', file, '--max-waste', '5MB']);
      assert.equal(tight.code, 1, tight.stderr);
      assert.match(tight.stdout, /FAILED: waste .* is over --max-waste 5 MB/);
      assert.equal(layerwise(['measure', aptImage(2), '--dockerfile', file, '--max-waste-percent', '1']).code, 1);
      assert.equal(layerwise(['measure', aptImage(2), '--min-efficiency', '0.999']).code, 1);
      const loose = layerwise(['measure', aptImage(2), '--dockerfile', file, '--max-waste', '1GB', '--max-waste-percent', '50', '--min-efficiency', '0.5']);
      assert.equal(loose.code, 0, loose.stdout + loose.stderr);
      assert.match(loose.stdout, /line 3: \d+(\.\d+)? MB of \/var\/lib\/apt\/lists written here are deleted by line 10: merge the cleanup into this RUN/);
    });

    it('compares with another image', () => {
      const r = layerwise(['measure', aptImage(3), '--compare', aptImage(2)]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.split('\n')[0].includes(`${describeChange(inspectSize(aptImage(2)), inspectSize(aptImage(3)))} from ${aptImage(2)}`), r.stdout);
    });

    it('builds and measures with podman when .layerwise.yaml says containerCommand: podman', { skip: !hasPodman() && process.env.LAYERWISE_REQUIRE_DOCKER !== '1' && 'podman is not installed' }, () => {
      const dir = path.join(tmp, 'podman');
      write('podman/.layerwise.yaml', 'containerCommand: podman\ndocker:\n  buildArgs: [--network=host]\n');
      const file = write('podman/Dockerfile', 'FROM debian:bookworm-slim\nRUN head -c 3000000 /dev/urandom > /tmp/junk\nRUN rm /tmp/junk\n');
      if (spawnSync('podman', ['image', 'exists', 'debian:bookworm-slim']).status !== 0) {
        const save = spawnSync('sh', ['-c', 'docker save debian:bookworm-slim | podman load'], { encoding: 'utf8' });
        assert.equal(save.status, 0, save.stderr);
      }
      const tag = uniqueTag('podman');
      try {
        const built = layerwise(['build', '--tag', tag, '-q', file]);
        assert.equal(built.code, 0, built.stderr);
        assert.equal(docker(['image', 'inspect', tag]).code, 1, 'the image is podman\'s, not docker\'s');
        const r = layerwise(['measure', tag, '--dockerfile', file, '--format', 'json', '--config', path.join(dir, '.layerwise.yaml')]);
        assert.equal(r.code, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        const podmanSize = Number(spawnSync('podman', ['image', 'inspect', '--format', '{{.Size}}', tag], { encoding: 'utf8' }).stdout.trim());
        assert.equal(report.size, podmanSize);
        const own = report.instructions.reduce((s: number, i: { size: number }) => s + i.size, 0);
        assert.ok(Math.abs(report.baseSize + own - report.size) / report.size < 0.001, `${report.baseSize} + ${own} vs ${report.size}`);
        const junk = report.waste.findings.find((f: { folder: string }) => f.folder === '/tmp/junk');
        assert.equal(junk.line, 2);
        assert.equal(junk.bytes, 3_000_000);
        assert.match(junk.message, /^3 MB of \/tmp\/junk written here are deleted by line 3: merge the cleanup into this RUN$/);
      } finally {
        spawnSync('podman', ['rmi', '-f', tag]);
      }
    });

    it('reads the OCI layout that podman save --format oci-archive writes, as the classic one', { skip: !hasPodman() && process.env.LAYERWISE_REQUIRE_DOCKER !== '1' && 'podman is not installed' }, async () => {
      const classic = await readSaveStream(spawn('docker', ['save', 'debian:bookworm-slim']).stdout);
      const oci = await readSaveStream(spawn('podman', ['save', '--format', 'oci-archive', 'debian:bookworm-slim']).stdout);
      assert.equal(oci.layers.length, classic.layers.length);
      assert.deepEqual(oci.layers[0].entries.map((e) => e.path).sort(), classic.layers[0].entries.map((e) => e.path).sort());
    });

    describe('failure modes', () => {
      it('says the CLI is missing', () => {
        const r = layerwise(['measure', 'debian:bookworm-slim'], { PATH: path.join(tmp, 'empty-bin') });
        assert.equal(r.code, 2);
        assert.match(r.stderr, /docker is not installed or not on PATH/);
      });

      it('says no engine answers when the daemon is not running', () => {
        const r = layerwise(['measure', 'debian:bookworm-slim'], { DOCKER_HOST: `unix://${path.join(tmp, 'no-such.sock')}` });
        assert.equal(r.code, 2);
        assert.match(r.stderr, /no docker engine answers/);
      });

      it('says which image is not found', () => {
        const r = layerwise(['measure', 'layerwise-test/none-such:missing']);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /no image layerwise-test\/none-such:missing/);
      });

      it('says the context folder is missing', () => {
        const r = layerwise(['build', '--context', path.join(tmp, 'gone'), write('ctx/Dockerfile', 'FROM debian:bookworm-slim\n')]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /the context folder .*gone does not exist/);
      });

      it('shows the failing step and its error when the build fails, and leaves no container', () => {
        const marker = `exit 7 # ${process.pid}-fail`;
        const tag = uniqueTag('fails');
        // The ENV step's image stays untagged behind the failed RUN: it names the marker, to be removed by it.
        const r = layerwise(['build', '--tag', tag, '-q', write('fail/Dockerfile', `FROM debian:bookworm-slim\nENV A=${process.pid}-fail\nRUN ${marker}\n`)]);
        removeUntaggedNaming(`${process.pid}-fail`);
        assert.equal(r.code, 2);
        // One line: the step, and the engine's error for it (not the CLI's notices before it).
        assert.match(r.stderr, /^layerwise: the build failed at Step 3\/3 : RUN exit 7 # \d+-fail: The command '\/bin\/sh -c exit 7 # \d+-fail' returned a non-zero code: 7$/m);
        assert.equal(containersWith(`${process.pid}-fail`), '');
      });

      it('stops a build cancelled part-way (Ctrl+C) and leaves no container', async () => {
        const marker = `${process.pid}${Date.now() % 100000}`;
        const file = write('cancel/Dockerfile', `FROM debian:bookworm-slim\nRUN sleep 60 # ${marker}\n`);
        const child = spawn(process.execPath, [CLI, 'build', '--tag', uniqueTag('cancel'), file], { env: { ...process.env, LAYERWISE_BUILD_HISTORY: history } });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        const started = Date.now();
        while (!containersWith(marker) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 300));
        assert.notEqual(containersWith(marker), '', 'the build reached its RUN');
        child.kill('SIGINT');
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        assert.notEqual(code, 0, stderr);
        const stopped = Date.now();
        while (containersWith(marker) && Date.now() - stopped < 30_000) await new Promise((r) => setTimeout(r, 300));
        assert.equal(containersWith(marker), '', 'the build container is removed');
        assert.ok(Date.now() - started < 50_000, 'the build stopped before its sleep ended');
      });

      it('says a truncated docker save stream was cut short', async () => {
        const saved = spawnSync('docker', ['save', 'debian:bookworm-slim'], { maxBuffer: 512 * 1024 * 1024 });
        const cut = new PassThrough();
        cut.end(saved.stdout.subarray(0, Math.floor(saved.stdout.length / 2)));
        await assert.rejects(readSaveStream(cut), (e: Error) => e instanceof SaveStreamError && /cut short/.test(e.message));
      });
    });
  });
});

function hasPodman(): boolean {
  return spawnSync('podman', ['--version']).status === 0;
}
