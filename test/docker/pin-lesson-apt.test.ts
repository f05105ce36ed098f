// The lesson's apt example, proved with real builds: 2.ubuntu/Dockerfile.1 on
// debian:bookworm-slim (no hub here for ubuntu:18.04), after `layerwise fix`,
// builds no larger than the lesson's hand-written Dockerfile.3 on the same
// base, with the same installed packages (dpkg-query -W). The apt set is
// heavy, so each variant is built once per machine (fixtureImage).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { docker, withDocker } from '../support/docker';
import { fixtureImage } from '../support/images';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const lesson = path.resolve(__dirname, '../fixtures/seed-workshop/exercises/2.ubuntu');
const onBookworm = (file: string) => fs.readFileSync(path.join(lesson, file), 'utf8').replace('FROM ubuntu:18.04', 'FROM debian:bookworm-slim');

function fixed(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lesson-apt-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    const r = spawnSync(process.execPath, [CLI, 'fix', '--fail-on', 'never', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function inspect(image: string): { size: number; packages: string } {
  const size = Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).stdout.trim());
  const r = docker(['run', '--rm', '--network', 'none', image, 'dpkg-query', '-W']);
  assert.equal(r.code, 0, r.stderr);
  return { size, packages: r.stdout };
}

withDocker(() => {
  describe("the lesson's apt example after layerwise fix", () => {
    it('builds no larger than the hand-written Dockerfile.3 on the same base, with the same dpkg-query -W list', () => {
      const original = onBookworm('Dockerfile.1');
      const after = fixed(original);
      assert.notEqual(after, original);
      assert.match(after, /rm -rf \/var\/lib\/apt\/lists\/\*/);
      const fixedImage = inspect(fixtureImage('lesson-apt-fixed', after));
      const handWritten = inspect(fixtureImage('lesson-apt-3', onBookworm('Dockerfile.3')));
      assert.equal(fixedImage.packages, handWritten.packages);
      assert.ok(fixedImage.size <= handWritten.size, `fixed ${fixedImage.size} bytes, Dockerfile.3 ${handWritten.size} bytes`);
      console.log(`# lesson apt example on bookworm: fixed Dockerfile.1 ${fixedImage.size} bytes, Dockerfile.3 ${handWritten.size} bytes`);
    });
  });
});
