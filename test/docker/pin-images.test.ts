// `layerwise fix --pin-images` against a real engine and a real registry on
// loopback: an image pushed to Debian's docker-registry and pulled back has a
// RepoDigest, and the FROM gets exactly that digest (its tag, --platform,
// AS name and the directives kept); the pinned Dockerfile builds. The base
// image made here by debootstrap has none, and is left alone with the reason.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function layerwise(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

withDocker(() => {
  describe('FROM digests from the local engine', () => {
    let tmp: string;
    let registry: ChildProcess;
    let image: string;
    let digest: string;
    const images: string[] = [];

    before(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pin-images-'));
      const port = await freePort();
      fs.writeFileSync(
        path.join(tmp, 'registry.yml'),
        `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(tmp, 'storage')}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
      );
      registry = spawn('docker-registry', ['serve', path.join(tmp, 'registry.yml')], { stdio: 'ignore' });
      for (let i = 0; i < 50; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.ok, () => false);
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const local = uniqueTag('pin-images-src');
      const ctx = path.join(tmp, 'ctx');
      fs.mkdirSync(ctx);
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM debian:bookworm-slim\nLABEL layerwise.test="${local}"\n`);
      assert.equal(docker(['build', '-q', '-t', local, ctx]).code, 0);
      images.push(local);
      image = `127.0.0.1:${port}/layerwise-pin:${local.split(':')[1]}`;
      assert.equal(docker(['tag', local, image]).code, 0);
      const push = docker(['push', image]);
      assert.equal(push.code, 0, push.stderr);
      digest = /digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)![1];
      // Pulled back, as a user's base image would be.
      assert.equal(docker(['image', 'rm', image]).code, 0);
      const pull = docker(['pull', image]);
      assert.equal(pull.code, 0, pull.stderr);
      images.push(image);
    });

    after(() => {
      if (images.length) docker(['image', 'rm', '-f', ...images]);
      registry?.kill();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('pins the FROM to the digest the registry gave, keeping directives, --platform, the tag and AS name, and the result builds', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'p-'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `# escape=\\\nFROM --platform=linux/amd64 ${image} AS base\nRUN true\n`);
      const r = layerwise(['fix', '--pin-images', 'Dockerfile'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), `# escape=\\\nFROM --platform=linux/amd64 ${image}@${digest} AS base\nRUN true\n`);
      assert.match(r.stdout, new RegExp(`pinned FROM ${image.replace(/[.]/g, '\\.')} to ${digest} \\(local docker engine\\)`));
      const built = uniqueTag('pin-images-built');
      const b = docker(['build', '-q', '-t', built, dir]);
      assert.equal(b.code, 0, b.stderr);
      images.push(built);
    });

    it('edits the ARG default when the FROM names its image through an ARG', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'a-'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `ARG BASE="${image}"\nFROM \${BASE}\nRUN true\n`);
      const r = layerwise(['fix', '--pin-images', 'Dockerfile'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), `ARG BASE="${image}@${digest}"\nFROM \${BASE}\nRUN true\n`);
    });

    it('leaves an image built here (no RepoDigest) alone and says why', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'd-'));
      const text = 'FROM debian:bookworm-slim\nRUN true\n';
      fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
      const r = layerwise(['fix', '--pin-images', 'Dockerfile'], dir);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /left FROM debian:bookworm-slim alone: .*no digest from a registry/);
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), text);
    });

    it('says the engine is down when DOCKER_HOST points at a dead socket, and missing when docker is not on PATH', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'e-'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${image}\n`);
      const down = layerwise(['fix', '--pin-images', 'Dockerfile'], dir, { ...process.env, DOCKER_HOST: `unix://${path.join(tmp, 'no-such.sock')}` });
      assert.equal(down.code, 0);
      assert.match(down.stdout, /left FROM .* alone: no docker engine answers/);
      const missing = layerwise(['fix', '--pin-images', 'Dockerfile'], dir, { ...process.env, PATH: path.join(tmp, 'empty-bin') });
      assert.match(missing.stdout, /left FROM .* alone: docker is not installed or not on PATH/);
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), `FROM ${image}\n`);
    });
  });
});
