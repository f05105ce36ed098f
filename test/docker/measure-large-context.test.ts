// A build context over 1 GB (a sparse file, so the test writes nothing to
// disk): the upload is told as progress and can be cancelled part-way; the
// CLI then ends, no image and no container are left, and the temp folder goes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildImage } from '../../server/src/container/build';
import { ContainerEngine, EngineError } from '../../server/src/container/engine';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

withDocker(() => {
  describe('a build context over 1 GB', () => {
    it('shows the upload as progress and stops when cancelled', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-large-context-'));
      const tag = uniqueTag('large-context');
      try {
        fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM debian:bookworm-slim\nCOPY big /big\nRUN true # ${tag}\n`);
        fs.closeSync(fs.openSync(path.join(dir, 'big'), 'w'));
        fs.truncateSync(path.join(dir, 'big'), 1_200_000_000);
        const controller = new AbortController();
        const steps: string[] = [];
        const started = Date.now();
        const building = buildImage(new ContainerEngine(), {
          dockerfile: path.join(dir, 'Dockerfile'),
          tag,
          signal: controller.signal,
          onStep: (s) => {
            steps.push(s);
            // Cancel as soon as the upload is told, part-way through it.
            if (steps.length === 1) setTimeout(() => controller.abort(), 1000);
          },
        });
        await assert.rejects(building, (e: Error) => e instanceof EngineError && e.kind === 'cancelled');
        assert.deepEqual(steps, ['Sending the build context: about 1.2 GB'], 'cancelled before any step ran');
        assert.ok(Date.now() - started < 15_000, 'the upload stopped when cancelled');
        assert.equal(docker(['image', 'inspect', tag]).code, 1, 'no image was made');
        assert.equal(docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).stdout.includes(tag), false, 'no container is left');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.equal(fs.existsSync(dir), false);
    });
  });
});
