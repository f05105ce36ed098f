// Measure image on the lesson's apt Dockerfiles (seed 2.ubuntu, FROM
// debian:bookworm-slim here), built by the real engine: sizes as docker
// reports them, per line; the waste of Dockerfile.2 on the line that wrote it;
// its quick fix proved by a rebuild without that waste.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ContainerEngine } from '../../server/src/container/engine';
import { measureImage, type MeasureReport } from '../../server/src/container/measure';
import { applyEdits } from '../../server/src/engine/fix';
import { aptDockerfile, aptImage } from '../support/aptImages';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

const engine = new ContainerEngine();
const images: string[] = [];
const dirs: string[] = [];
after(() => {
  if (images.length) docker(['image', 'rm', '-f', ...images]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function inspectSize(image: string): number {
  const r = docker(['image', 'inspect', '--format', '{{.Size}}', image]);
  assert.equal(r.code, 0, r.stderr);
  return Number(r.stdout.trim());
}

function aptListsFinding(report: MeasureReport) {
  return report.waste.findings.find((f) => f.kind === 'deleted' && f.folder === '/var/lib/apt/lists');
}

withDocker(() => {
  describe('Measure image on the lesson\'s apt Dockerfiles', () => {
    const reports = new Map<number, MeasureReport>();
    const measured = async (n: 1 | 2 | 3) => {
      if (!reports.has(n)) reports.set(n, await measureImage(engine, aptImage(n), { dockerfile: aptDockerfile(n) }));
      return reports.get(n)!;
    };

    for (const n of [1, 2, 3] as const) {
      it(`reports Dockerfile.${n}'s size as docker image inspect does, and its lines' sizes add up to it`, async () => {
        const report = await measured(n);
        assert.equal(report.size, inspectSize(aptImage(n)));
        assert.equal(report.baseImage, 'debian:bookworm-slim');
        assert.equal(report.baseSize, inspectSize('debian:bookworm-slim'));
        const own = report.instructions.reduce((s, i) => s + i.size, 0);
        assert.equal(report.baseSize + own, report.size);
        const run = report.instructions.find((i) => i.line === 3);
        assert.ok(run && run.size > 100_000_000, `line 3's RUN installs the compilers: ${JSON.stringify(report.instructions.map(({ line, size }) => ({ line, size })))}`);
      });
    }

    it('puts Dockerfile.2\'s deleted apt lists on line 3, with their size in that layer within 5%', async () => {
      const report = await measured(2);
      const finding = aptListsFinding(report);
      assert.ok(finding, JSON.stringify(report.waste.findings.map((f) => f.message)));
      assert.equal(finding.line, 3);
      assert.equal(finding.byLine, 10);
      assert.match(finding.message, /^\d+(\.\d+)? MB of \/var\/lib\/apt\/lists written here are deleted by line 10: merge the cleanup into this RUN$/);
      // What line 3 left in /var/lib/apt/lists, read from Dockerfile.1's image (the same layer) by a container.
      const r = docker(['run', '--rm', '--network', 'none', '--entrypoint', 'find', aptImage(1), '/var/lib/apt/lists', '-type', 'f', '-printf', '%s\n']);
      assert.equal(r.code, 0, r.stderr);
      const lists = r.stdout.trim().split('\n').reduce((s, l) => s + Number(l), 0);
      assert.ok(lists > 1_000_000, `the lists hold ${lists} bytes`);
      assert.ok(Math.abs(finding.bytes - lists) / lists < 0.05, `waste ${finding.bytes} vs ${lists} bytes in /var/lib/apt/lists`);
      assert.equal(report.instructions.find((i) => i.line === 3)!.waste >= finding.bytes, true);
      assert.ok(report.dive.efficiency > 0 && report.dive.efficiency < 1);
      assert.ok(report.dive.wastedBytes >= finding.bytes, 'dive counts every copy, the first one too');
    });

    it('finds no such waste in Dockerfile.1 or Dockerfile.3', async () => {
      assert.equal(aptListsFinding(await measured(1)), undefined);
      assert.equal(aptListsFinding(await measured(3)), undefined);
    });

    it('names the largest folders of each layer', async () => {
      const report = await measured(2);
      assert.equal(report.layers.length, 3);
      assert.equal(report.layers[1].line, 3);
      assert.ok(report.layers[1].largestFolders[0].bytes > 10_000_000);
      assert.ok(report.layers[1].largestFolders.every((f, i, all) => i === 0 || all[i - 1].bytes >= f.bytes));
    });

    it('offers the fix that merges the cleanup into line 3, and the rebuilt image has no such waste', async () => {
      const report = await measured(2);
      const finding = aptListsFinding(report)!;
      assert.ok(finding.fix, 'the waste finding carries the cleanup-in-separate-layer fix');
      const fixed = applyEdits(aptDockerfile(2), finding.fix.edits);
      assert.match(fixed, /&& rm -r \/var\/lib\/apt\/lists\/\*\s*$/);
      assert.doesNotMatch(fixed, /^RUN apt-get clean/m);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-measure-'));
      dirs.push(dir);
      fs.writeFileSync(path.join(dir, 'Dockerfile'), fixed);
      const tag = uniqueTag('measure-fixed');
      images.push(tag);
      const r = docker(['build', '--network', 'host', '-q', '-t', tag, dir]);
      assert.equal(r.code, 0, r.stderr);
      const rebuilt = await measureImage(engine, tag, { dockerfile: fixed });
      assert.equal(aptListsFinding(rebuilt), undefined, JSON.stringify(rebuilt.waste.findings.map((f) => f.message)));
      assert.ok(rebuilt.size < report.size - finding.bytes * 0.9, `${rebuilt.size} should be about ${finding.bytes} under ${report.size}`);
    });

    it('gives the SIF size of the flattened file system through mksquashfs', { skip: !hasMksquashfs() && process.env.LAYERWISE_REQUIRE_DOCKER !== '1' && 'mksquashfs is not installed (apt-get install squashfs-tools)' }, async () => {
      const report = await measureImage(engine, 'debian:bookworm-slim', { sif: true });
      assert.ok(report.sif && report.sif.bytes > 10_000_000 && report.sif.bytes < report.size, JSON.stringify(report.sif));
      // Only the container measure made (`docker create IMAGE /bin/true`): other suites may run containers of their own.
      const left = docker(['ps', '-a', '--no-trunc', '--filter', 'name=layerwise-', '--filter', 'ancestor=debian:bookworm-slim', '--format', '{{.Command}}']).stdout;
      assert.equal(left.includes('/bin/true'), false, 'the container made for docker export is removed');
    });
  });
});

function hasMksquashfs(): boolean {
  return ['/usr/bin/mksquashfs', '/usr/sbin/mksquashfs', '/sbin/mksquashfs'].some((p) => fs.existsSync(p));
}
