// The lesson's apt Dockerfile.2 (seed 2.ubuntu, FROM debian:bookworm-slim
// here) built and measured with podman, as measure-apt.test.ts does with
// docker: `layerwise build` and `layerwise measure` with containerCommand
// podman in .layerwise.yaml. Podman's run does not work on these machines, so
// the size of the apt lists that line 3 wrote is read from line 3's own image,
// mounted by `podman image mount`. Built once per run and removed after.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aptDockerfile } from '../support/aptImages';
import { withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const hasPodman = spawnSync('podman', ['--version']).status === 0;
const skip = !hasPodman && process.env.LAYERWISE_REQUIRE_DOCKER !== '1' && 'podman is not installed';

function podman(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('podman', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function inspectSize(image: string): number {
  const r = podman(['image', 'inspect', '--format', '{{.Size}}', image]);
  assert.equal(r.code, 0, r.stderr);
  return Number(r.stdout.trim());
}

/** The sum of the sizes that podman history gives for an image's layers. */
function layersSize(image: string): number {
  const r = podman(['history', '--format', 'json', image]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as Array<{ size: number }>).reduce((s, l) => s + l.size, 0);
}

/** The bytes of the files under /var/lib/apt/lists in a podman image, read from its mounted file system. */
function aptListsBytes(image: string): number {
  const mounted = podman(['image', 'mount', image]);
  assert.equal(mounted.code, 0, mounted.stderr);
  try {
    let total = 0;
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (d.isFile()) total += fs.statSync(full).size;
      }
    };
    walk(path.join(mounted.stdout.trim(), 'var/lib/apt/lists'));
    return total;
  } finally {
    podman(['image', 'unmount', image]);
  }
}

withDocker(() => {
  describe('Build and Measure of the lesson\'s apt Dockerfile.2 with podman', { skip }, () => {
    let tmp: string;
    let dockerfile: string;
    let config: string;
    const tag = uniqueTag('apt-2-podman');
    // The measured report, from the one build of this run.
    let report: {
      size: number;
      baseSize: number;
      instructions: Array<{ line: number; size: number; waste: number }>;
      waste: { findings: Array<{ kind: string; folder: string; line: number | null; byLine: number | null; bytes: number; message: string }> };
    };

    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-podman-apt-'));
      dockerfile = path.join(tmp, '2.ubuntu', 'Dockerfile.2');
      fs.mkdirSync(path.dirname(dockerfile));
      fs.writeFileSync(dockerfile, aptDockerfile(2));
      // apt-get reaches the Debian archive through the host's network: these machines have no bridge.
      config = path.join(tmp, '2.ubuntu', '.layerwise.yaml');
      fs.writeFileSync(config, 'containerCommand: podman\ndocker:\n  buildArgs: [--network=host]\n');
      // Podman has storage of its own: the base image comes from the docker engine, as nothing can be pulled here.
      if (podman(['image', 'exists', 'debian:bookworm-slim']).code !== 0) {
        const load = spawnSync('sh', ['-c', 'docker save debian:bookworm-slim | podman load'], { encoding: 'utf8' });
        assert.equal(load.status, 0, load.stderr);
      }
      const built = spawnSync(process.execPath, [CLI, 'build', '--tag', tag, '-q', dockerfile], { encoding: 'utf8', env: { ...process.env, LAYERWISE_BUILD_HISTORY: path.join(tmp, 'builds.json') } });
      assert.equal(built.status, 0, built.stderr);
      const measured = spawnSync(process.execPath, [CLI, 'measure', tag, '--dockerfile', dockerfile, '--format', 'json', '--config', config], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(measured.status, 0, measured.stderr);
      report = JSON.parse(measured.stdout);
    });

    after(() => {
      // Removes the tag and the build's intermediate images under it; the base image stays, as other tests use it.
      podman(['rmi', '-f', tag]);
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('builds the image in podman\'s storage, and reports its size as podman image inspect does, the lines\' sizes adding up to it', () => {
      assert.equal(report.size, inspectSize(tag));
      // Podman's image inspect counts the image's manifest and config beside its layers (1,820 bytes for the base
      // here), its history only the layers: the base's share and the lines' sizes are the history's.
      assert.equal(report.baseSize, layersSize('debian:bookworm-slim'));
      const own = report.instructions.reduce((s, i) => s + i.size, 0);
      assert.equal(report.baseSize + own, layersSize(tag));
      assert.ok(report.size - layersSize(tag) < 100_000, `${report.size} is the layers' ${layersSize(tag)} and the image's metadata`);
      assert.ok(report.instructions.find((i) => i.line === 3)!.size > 100_000_000, 'line 3\'s RUN installs the compilers');
    });

    it('puts the deleted apt lists on line 3, naming line 10, with their size in line 3\'s image within 5%', () => {
      const finding = report.waste.findings.find((f) => f.kind === 'deleted' && f.folder === '/var/lib/apt/lists');
      assert.ok(finding, JSON.stringify(report.waste.findings.map((f) => f.message)));
      assert.equal(finding.line, 3);
      assert.equal(finding.byLine, 10);
      assert.match(finding.message, /^\d+(\.\d+)? MB of \/var\/lib\/apt\/lists written here are deleted by line 10: merge the cleanup into this RUN$/);
      // Podman keeps each step's image: the one line 3's RUN made is named in the history beside its command.
      const history = podman(['history', '--no-trunc', '--format', '{{.ID}}\t{{.CreatedBy}}', tag]);
      assert.equal(history.code, 0, history.stderr);
      const line3 = history.stdout.split('\n').find((l) => l.includes('apt-get update'));
      assert.ok(line3, history.stdout);
      const lists = aptListsBytes(line3.split('\t')[0]);
      assert.ok(lists > 1_000_000, `the lists hold ${lists} bytes`);
      assert.ok(Math.abs(finding.bytes - lists) / lists < 0.05, `waste ${finding.bytes} vs ${lists} bytes in /var/lib/apt/lists`);
    });
  });
});
