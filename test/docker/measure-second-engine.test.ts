// A second engine, as a remote one would be: its own dockerd (data-root,
// exec-root, pidfile, socket) reached through a docker context. Build goes
// there, Measure reads from there, nothing lands on the default engine; the
// engine restarted during a build ends that build with a message; two builds
// at once both finish. The main engine is never restarted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';
import { startSecondEngine, type SecondEngine } from '../support/secondEngine';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
let engine: SecondEngine;
let work: string;

function layerwise(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DOCKER_CONTEXT: engine.context, LAYERWISE_BUILD_HISTORY: path.join(work, 'builds.json'), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function second(args: string[]) {
  return engine.docker(args);
}

withDocker(() => {
  describe('Build and Measure on a second engine through a docker context', () => {
    before(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-second-'));
      engine = await startSecondEngine('layerwise-test', ['debian:bookworm-slim']);
    });
    after(async () => {
      await engine?.remove();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('builds there and measures there, and nothing lands on the default engine', async () => {
      const file = path.join(work, 'a', 'Dockerfile');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, 'FROM debian:bookworm-slim\nRUN head -c 2000000 /dev/zero > /junk && echo remote > /where\nRUN rm /junk\n');
      const tag = uniqueTag('second-engine');
      const built = await layerwise(['build', '--tag', tag, '-q', '--docker-arg=--network=none', file]);
      assert.equal(built.code, 0, built.stderr);
      assert.equal(second(['image', 'inspect', tag]).code, 0, 'the image is on the second engine');
      assert.equal(docker(['--context', 'default', 'image', 'inspect', tag]).code, 1, 'and not on the default one');
      const r = await layerwise(['measure', tag, '--dockerfile', file, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.size, Number(second(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout.trim()));
      assert.equal(report.waste.findings.find((f: { folder: string }) => f.folder === '/junk').line, 2);
    });

    it('runs two builds at once, of the same Dockerfile and of two', async () => {
      const a = path.join(work, 'two', 'Dockerfile.a');
      const b = path.join(work, 'two', 'Dockerfile.b');
      fs.mkdirSync(path.dirname(a));
      fs.writeFileSync(a, `FROM debian:bookworm-slim\nRUN echo a-${process.pid} > /a\n`);
      fs.writeFileSync(b, `FROM debian:bookworm-slim\nRUN echo b-${process.pid} > /b\n`);
      const tags = [uniqueTag('twice'), uniqueTag('twice'), uniqueTag('twice')];
      const results = await Promise.all([layerwise(['build', '--tag', tags[0], '-q', a]), layerwise(['build', '--tag', tags[1], '-q', a]), layerwise(['build', '--tag', tags[2], '-q', b])]);
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      for (const t of tags) assert.equal(second(['image', 'inspect', t]).code, 0);
    });

    it('ends a build with a message when its engine is restarted part-way, and the engine comes back', async () => {
      const file = path.join(work, 'restart', 'Dockerfile');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, `FROM debian:bookworm-slim\nRUN sleep 40 # restart-${process.pid}\n`);
      const building = layerwise(['build', '--tag', uniqueTag('restart'), '-q', file]);
      const started = Date.now();
      while (!second(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).stdout.includes(`restart-${process.pid}`) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 300));
      await engine.stop();
      const r = await building;
      assert.equal(r.code, 2);
      assert.match(r.stderr, /layerwise: /);
      assert.ok(Date.now() - started < 40_000, 'the build ended with the engine, not after its sleep');
      await engine.start();
      const down = await layerwise(['measure', 'layerwise-test/none:gone']);
      assert.match(down.stderr, /no image layerwise-test\/none:gone/);
    });
  });
});
