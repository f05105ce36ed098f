// The claim of permissions-in-separate-layer and move-in-separate-layer, on a
// real engine: a RUN that only changes modes, or only moves files, stores
// every file it changes or moves again, whole, in its own layer; the same
// change in the RUN that makes the files costs nothing more.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

const SIZE = 3_000_000;
const images: string[] = [];
const dirs: string[] = [];
after(() => {
  if (images.length) docker(['image', 'rm', '-f', ...images]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The built image's layer sizes in bytes, each with the instruction that made it, oldest first. */
function layers(text: string): Array<{ size: number; createdBy: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-build-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const tag = uniqueTag('permissions');
  const r = docker(['build', '--network', 'none', '--force-rm', '-q', '-t', tag, dir]);
  assert.equal(r.code, 0, r.stderr);
  images.push(tag);
  const h = docker(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', tag]);
  assert.equal(h.code, 0, h.stderr);
  return h.stdout
    .trim()
    .split('\n')
    .map((l) => ({ size: Number(l.split('\t')[0]), createdBy: l.split('\t').slice(1).join('\t') }))
    .reverse();
}

withDocker(() => {
  describe('RUNs that only rearrange files, built by a real Docker engine', () => {
    it('a chmod -R in a RUN of its own stores the files again; in the RUN that makes them, it does not', () => {
      const make = `mkdir /opt/data && head -c ${SIZE} /dev/urandom > /opt/data/blob`;
      const separate = `FROM debian:bookworm-slim\nRUN ${make}\nRUN chmod -R 777 /opt/data\n`;
      assert.deepEqual(
        lint(separate).findings.filter((f) => f.rule === 'permissions-in-separate-layer').map((f) => separate.slice(f.span.start, f.span.end)),
        ['chmod -R 777 /opt/data'],
      );
      const apart = layers(separate);
      const chmodLayer = apart.find((l) => l.createdBy.includes('chmod -R 777'))!;
      assert.ok(chmodLayer.size >= SIZE, `the chmod layer holds the file again: ${chmodLayer.size} bytes`);

      const merged = `FROM debian:bookworm-slim\nRUN ${make} && chmod -R 777 /opt/data\n`;
      assert.equal(lint(merged).findings.filter((f) => f.rule === 'permissions-in-separate-layer').length, 0);
      const total = (ls: Array<{ size: number }>) => ls.reduce((s, l) => s + l.size, 0);
      assert.ok(total(apart) - total(layers(merged)) >= SIZE, 'the merged image is smaller by the file');
    });

    it('a mv of built files in a RUN of its own stores them again at the new place; in the RUN that builds them, it does not', () => {
      const make = `mkdir -p /src/out && head -c ${SIZE} /dev/urandom > /src/out/tool`;
      const separate = `FROM debian:bookworm-slim\nRUN ${make}\nRUN mkdir -p /opt/tool && mv /src/out /opt/tool/bin\n`;
      assert.deepEqual(
        lint(separate).findings.filter((f) => f.rule === 'move-in-separate-layer').map((f) => separate.slice(f.span.start, f.span.end)),
        ['mv /src/out /opt/tool/bin'],
      );
      const apart = layers(separate);
      const mvLayer = apart.find((l) => l.createdBy.includes('mv /src/out'))!;
      assert.ok(mvLayer.size >= SIZE, `the mv layer holds the file again: ${mvLayer.size} bytes`);

      const merged = `FROM debian:bookworm-slim\nRUN ${make} && mkdir -p /opt/tool && mv /src/out /opt/tool/bin\n`;
      assert.equal(lint(merged).findings.filter((f) => f.rule === 'move-in-separate-layer').length, 0);
      const total = (ls: Array<{ size: number }>) => ls.reduce((s, l) => s + l.size, 0);
      assert.ok(total(apart) - total(layers(merged)) >= SIZE, 'the merged image is smaller by the file');
    });
  });
});
