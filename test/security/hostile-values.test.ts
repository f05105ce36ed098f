// Hostile values are inert wherever Layerwise writes a file or reads settings
// from a value it was given: `layerwise fix` (it writes the files named on its
// command line, or found in the folders named there) and the settings files
// (.layerwise.yaml, .hadolint.yaml) that the CLI and the server read from disk.
// Each hostile value would create a marker file if a shell ever ran it; the
// tests check that no file appears anywhere but the Dockerfiles being fixed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diagnosticsFor, initialize, open, ROOT, startServer, stop, uriOf } from '../support/lspResilienceClient';

/** The rules these texts are written to trigger; other rules may report on them too. */
const WATCHED = ['apt-lists-not-removed', 'pip-cache-not-disabled'];

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Every file under `dir` with its content, so a test sees any file created or changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath ?? entry.path, entry.name);
      out.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  }
  return out;
}

/** Values a shell would act on: each one touches `marker` if it is ever run. */
function hostile(marker: string): string[] {
  return [`$(touch ${marker})`, `\`touch ${marker}\``, `; touch ${marker}`, `&& touch ${marker}`, `| touch ${marker}`, `\ntouch ${marker}\n`, `--output=${marker}`, `-o${marker}`];
}

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

describe('layerwise fix with hostile values', () => {
  let root: string;
  let work: string;
  let marker: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-hostile-'));
    work = path.join(root, 'work');
    fs.mkdirSync(work);
    marker = path.join(root, 'pwned');
    const values = hostile(marker);
    // Every fix fires on a RUN whose words carry a hostile value.
    const dockerfile = [
      'FROM debian',
      ...values.map((v) => `RUN apt-get update && apt-get install -y "${v.replace(/\n/g, ' ')}"`),
      ...values.map((v) => `RUN pip install '${v.replace(/\n/g, ' ')}'`),
      `LABEL note="${values.join(' ').replace(/\n/g, ' ')}"`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(work, 'Dockerfile'), dockerfile);
    // File names that are hostile too, found by walking the folder.
    for (const name of ['Dockerfile.$(touch pwned)', 'Dockerfile.`touch pwned`', 'Dockerfile.;touch pwned', 'Dockerfile.\ntouch pwned', '--output=pwned.dockerfile']) {
      fs.writeFileSync(path.join(work, name), 'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends tree\n');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('fixes the Dockerfiles in place and creates no other file', () => {
    const before = snapshot(root);
    // --fail-on never: what is left (an unpinned base image, say) is not what this test is about.
    const run = cli(['fix', '--fail-on', 'never', work], root);
    assert.equal(run.status, 0, run.stderr);
    const afterFix = snapshot(root);
    assert.deepEqual([...afterFix.keys()].sort(), [...before.keys()].sort(), 'no file created or removed');
    for (const [file, text] of afterFix) {
      assert.notEqual(text, before.get(file), `${JSON.stringify(file)} was fixed`);
      assert.match(text, /rm -rf \/var\/lib\/apt\/lists\/\*/);
    }
    assert.ok(!fs.existsSync(marker));
    assert.ok(!fs.existsSync(path.join(root, 'pwned')) && !fs.existsSync(path.join(work, 'pwned')));
  });

  it('keeps each hostile value as text in the fixed Dockerfile', () => {
    const text = fs.readFileSync(path.join(work, 'Dockerfile'), 'utf8');
    for (const v of hostile(marker)) assert.ok(text.includes(v.replace(/\n/g, ' ')), `${JSON.stringify(v)} kept`);
    assert.equal((text.match(/--no-cache-dir/g) ?? []).length, hostile(marker).length);
  });

  it('rejects an injected option as a usage error and writes nothing', () => {
    const before = snapshot(root);
    const run = cli(['fix', `--output=${marker}`, path.join(work, 'Dockerfile')], root);
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.deepEqual(snapshot(root), before);
  });

  it('reads a file whose name looks like an option as a file after --', () => {
    const file = path.join(work, '--output=pwned.dockerfile');
    fs.writeFileSync(file, 'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends tree\n');
    const before = snapshot(root);
    const run = cli(['fix', '--fail-on', 'never', '--', '--output=pwned.dockerfile'], work);
    assert.equal(run.status, 0, run.stderr);
    const afterFix = snapshot(root);
    assert.deepEqual([...afterFix.keys()].sort(), [...before.keys()].sort());
    assert.match(fs.readFileSync(file, 'utf8'), /rm -rf \/var\/lib\/apt\/lists/);
  });
});

describe('settings files with hostile values', () => {
  let root: string;
  let marker: string;
  let project: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-hostile-settings-'));
    marker = path.join(root, 'pwned');
    project = path.join(root, 'project');
    fs.mkdirSync(project);
    const values = hostile(marker);
    const yaml = [
      'rules:',
      ...values.map((v) => `  ${JSON.stringify(v)}: ${JSON.stringify(v)}`),
      `  pip-cache-not-disabled: ${JSON.stringify(values[0])}`,
      'ignore:',
      ...values.map((v) => `  - ${JSON.stringify(v)}`),
      'trustedRegistries:',
      ...values.map((v) => `  - ${JSON.stringify(v)}`),
      `maxFileSize: ${JSON.stringify(values[0])}`,
      `exec: !!js/function "function () { require('fs').writeFileSync('${marker}', '') }"`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(project, '.layerwise.yaml'), yaml);
    fs.writeFileSync(path.join(project, '.hadolint.yaml'), `ignored:\n${values.map((v) => `  - ${JSON.stringify(v)}`).join('\n')}\n`);
    fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM debian\nRUN apt-get update\nRUN pip install numpy\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('are read as data by the CLI: each problem on one line, the rules still run, no file appears', () => {
    const before = snapshot(root);
    const run = cli(['lint', '--format', 'json', path.join(project, 'Dockerfile')], root);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout)[0].findings.map((f: { rule: string }) => f.rule);
    assert.deepEqual(findings.filter((r: string) => WATCHED.includes(r)), WATCHED);
    assert.match(run.stderr, /unknown rule/);
    assert.deepEqual(snapshot(root), before);
    assert.ok(!fs.existsSync(marker));
  });

  it('are read as data by --config too', () => {
    const run = cli(['lint', '--config', path.join(project, '.layerwise.yaml'), path.join(project, 'Dockerfile')], root);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(!fs.existsSync(marker));
  });

  it('cannot stall the CLI with an alias bomb', () => {
    const bomb = path.join(root, 'bomb.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    fs.writeFileSync(bomb, `${levels.join('\n')}\nignore: *j\n`);
    const run = cli(['lint', '--config', bomb, path.join(project, 'Dockerfile')], root);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /bomb\.yaml/);
  });

  it('are read as data by the language server, which still reports', async () => {
    const server = startServer();
    try {
      await initialize(server);
      const uri = uriOf(path.join(project, 'Dockerfile'));
      await open(server, uri, fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8'));
      const diagnostics = await diagnosticsFor(server, uri, 1);
      assert.deepEqual(diagnostics.map((d) => String(d.code)).filter((r) => WATCHED.includes(r)), WATCHED);
      assert.ok(server.events.some((e) => e.kind === 'log' && /unknown rule/.test(e.params.message)));
      assert.ok(!fs.existsSync(marker));
    } finally {
      await stop(server);
    }
  });
});
