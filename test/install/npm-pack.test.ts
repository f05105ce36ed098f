// Installing Layerwise with npm, as a user without this repository does: the
// tarball `npm pack` makes, installed globally into a prefix of its own with
// an empty cache and --offline, so that any dependency it needed from the
// registry would fail the install. Both commands then run from that prefix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { copyWorkingTree, envWithoutNpm, ROOT } from '../support/workingTree';

const LESSON_DOCKERFILE = path.join(ROOT, 'test/fixtures/seed-workshop/exercises/2.ubuntu/Dockerfile.2');

let tmp: string;
let prefix: string;
let tarball: string;
let client: LspClient | undefined;

function run(file: string, args: string[], cwd: string) {
  const r = spawnSync(file, args, { cwd, env: envWithoutNpm(), encoding: 'utf8', timeout: 5 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-npm-'));
  // Packed from a copy: `npm pack` runs `prepare`, which rebuilds dist/, and other tests read this checkout's dist/.
  const source = path.join(tmp, 'source');
  copyWorkingTree(source, { linkNodeModules: true });
  const packed = run('npm', ['pack', '--json', '--pack-destination', tmp], source);
  assert.equal(packed.code, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info.filename);
  prefix = path.join(tmp, 'prefix');
  const installed = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--cache', path.join(tmp, 'empty-cache'), '--no-audit', '--no-fund', tarball], tmp);
  assert.equal(installed.code, 0, `npm install -g of the tarball failed:\n${installed.stderr}`);
});

after(async () => {
  await client?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm install -g of the packed tarball', () => {
  it('holds the two bundles and the rule pages, and installs no dependency at all', () => {
    const listed = run('tar', ['-tzf', tarball], tmp).stdout.split('\n');
    for (const file of ['package/dist/cli.js', 'package/dist/server.js', 'package/docs/rules/apt-lists-not-removed.md', 'package/README.md', 'package/LICENSE']) assert.ok(listed.includes(file), `${file} is missing from the tarball`);
    assert.ok(!listed.some((f) => f.startsWith('package/server/') || f.startsWith('package/test/') || f.startsWith('package/node_modules/')), 'sources, tests or node_modules were packed');
    const installedPackage = path.join(prefix, 'lib/node_modules/layerwise');
    assert.ok(fs.existsSync(path.join(installedPackage, 'dist/cli.js')));
    assert.ok(!fs.existsSync(path.join(installedPackage, 'node_modules')), 'the install brought dependencies');
  });

  it('gives a layerwise command that lints a Dockerfile', () => {
    const dockerfile = path.join(tmp, 'Dockerfile');
    fs.copyFileSync(LESSON_DOCKERFILE, dockerfile);
    const r = run(path.join(prefix, 'bin/layerwise'), ['lint', 'Dockerfile'], tmp);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Dockerfile:3:5 warning apt-lists-not-removed /m);
    assert.match(r.stdout, /^Dockerfile:10:5 warning cleanup-in-separate-layer /m);
    const help = run(path.join(prefix, 'bin/layerwise'), ['--help'], tmp);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /layerwise lint /);
  });

  it('gives a layerwise-language-server command that publishes diagnostics over LSP, linked to the rule pages it installed', async () => {
    client = await LspClient.start({ command: { file: path.join(prefix, 'bin/layerwise-language-server'), args: ['--stdio'] }, env: envWithoutNpm() });
    assert.equal(client.initializeResult.serverInfo?.name, 'layerwise');
    const uri = 'file:///project/Dockerfile';
    await client.open(uri, fs.readFileSync(LESSON_DOCKERFILE, 'utf8'));
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const lists = diagnostics.find((d) => d.code === 'apt-lists-not-removed');
    assert.ok(lists, JSON.stringify(diagnostics));
    assert.equal(lists.range.start.line, 2);
    const page = fileURLToPath(lists.codeDescription!.href);
    assert.equal(page, path.join(fs.realpathSync(prefix), 'lib/node_modules/layerwise/docs/rules/apt-lists-not-removed.md'));
    assert.ok(fs.existsSync(page));
  });
});
