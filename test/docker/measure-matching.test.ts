// Sizes on the right lines: a multi-stage file (only the built stage's
// instructions made the image; a stage FROM an earlier one carries that
// one's), `--target`, metadata-only instructions at 0 bytes, and a rebuild from
// the cache that reports the same.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ContainerEngine } from '../../server/src/container/engine';
import { measureImage } from '../../server/src/container/measure';
import { docker, withDocker } from '../support/docker';
import { removeUntaggedNaming, uniqueTag } from '../support/images';

const engine = new ContainerEngine();
const images: string[] = [];
const dirs: string[] = [];
/** Written into the builder stage, whose image no tag holds, so that the untagged image it leaves can be found. */
const MARK = `layerwise-matching-${process.pid}-${Date.now()}`;
after(() => {
  if (images.length) docker(['image', 'rm', '-f', ...images]);
  removeUntaggedNaming(MARK);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function build(text: string, target?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-matching-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const tag = uniqueTag('matching');
  const r = docker(['build', '--network', 'none', '-q', '-t', tag, ...(target ? ['--target', target] : []), dir]);
  assert.equal(r.code, 0, r.stderr);
  images.push(tag);
  return tag;
}

const MULTI = [
  'FROM debian:bookworm-slim AS builder',
  `RUN head -c 1000000 /dev/urandom > /big # ${MARK}`,
  'FROM debian:bookworm-slim',
  'ARG X=1',
  'COPY --from=builder /big /copied',
  'ENV A=1',
  'RUN head -c 500000 /dev/zero > /half',
  'LABEL a=b',
  '',
].join('\n');

const sizes = (r: Awaited<ReturnType<typeof measureImage>>) => r.instructions.map((i) => [i.line, i.instruction, i.size]);

withDocker(() => {
  describe('matching history to a Dockerfile\'s lines', () => {
    it('puts a multi-stage build\'s sizes on the final stage\'s lines, metadata at 0 bytes', async () => {
      const report = await measureImage(engine, build(MULTI), { dockerfile: MULTI });
      assert.deepEqual(sizes(report), [[4, 'ARG', 0], [5, 'COPY', 1_000_000], [6, 'ENV', 0], [7, 'RUN', 500_000], [8, 'LABEL', 0]]);
      assert.equal(report.baseSize + 1_500_000, report.size);
    });

    it('reports the same after a rebuild from the cache', async () => {
      const first = await measureImage(engine, build(MULTI), { dockerfile: MULTI });
      const cached = await measureImage(engine, build(MULTI), { dockerfile: MULTI });
      assert.equal(cached.id, first.id);
      assert.deepEqual(sizes(cached), sizes(first));
    });

    it('measures the --target stage on its own lines', async () => {
      const report = await measureImage(engine, build(MULTI, 'builder'), { dockerfile: MULTI, target: 'builder' });
      assert.deepEqual(sizes(report), [[2, 'RUN', 1_000_000]]);
      assert.equal(report.stage, 'builder');
    });

    it('carries the lines of a stage built FROM an earlier one', async () => {
      const text = 'FROM debian:bookworm-slim AS base\nRUN head -c 300000 /dev/zero > /base\nFROM base\nRUN head -c 200000 /dev/zero > /top\n';
      const report = await measureImage(engine, build(text), { dockerfile: text });
      assert.deepEqual(sizes(report), [[2, 'RUN', 300_000], [4, 'RUN', 200_000]]);
      assert.equal(report.baseImage, 'debian:bookworm-slim');
    });
  });
});
