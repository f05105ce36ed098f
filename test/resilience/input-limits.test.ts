// Inputs that must not stall or confuse the server or the CLI: a document
// over the size limit gets one info diagnostic instead of a long wait, and a
// binary file gets no diagnostics (the CLI skips it with a one-line note).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { change, diagnosticsFor, initialize, open, ROOT, startServer, stop, uriOf, type ServerProcess } from '../support/lspResilienceClient';

const FINDINGS = 'FROM debian\nRUN apt-get update && apt-get install -y git\nRUN pip install numpy\n';
/** Far over the default limit of 1 MB, and full of findings were it linted. */
const HUGE = FINDINGS + '# padding line that a linter would have to read\n'.repeat(25_000);

describe('the server with the default size limit', () => {
  let server: ServerProcess;
  before(async () => {
    server = startServer();
    await initialize(server);
  });
  after(() => stop(server));

  it('gives a document over 1 MB one info diagnostic that says why it is not linted', async () => {
    assert.ok(HUGE.length > 1024 * 1024);
    const uri = uriOf('/work/huge/Dockerfile');
    await open(server, uri, HUGE);
    const diagnostics = await diagnosticsFor(server, uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.equal(diagnostics[0].code, 'file-too-large');
    assert.match(String(diagnostics[0].message), /layerwise\.maxFileSize/);
  });

  it('lints the same document once an edit brings it under the limit', async () => {
    const uri = uriOf('/work/huge/Dockerfile');
    await change(server, uri, FINDINGS, 2);
    const codes = (await diagnosticsFor(server, uri, 2)).map((d) => String(d.code));
    assert.deepEqual(codes.filter((c) => ['apt-lists-not-removed', 'pip-cache-not-disabled'].includes(c)).sort(), ['apt-lists-not-removed', 'pip-cache-not-disabled']);
  });

  it('gives a binary file no diagnostics', async () => {
    const uri = uriOf('/work/binary/Dockerfile');
    await open(server, uri, `${FINDINGS}\0\u0001\u0002binary`);
    assert.deepEqual(await diagnosticsFor(server, uri, 1), []);
  });
});

describe('the server with layerwise.maxFileSize set', () => {
  let server: ServerProcess;
  before(async () => {
    server = startServer();
    await initialize(server, { maxFileSize: 100 });
  });
  after(() => stop(server));

  it('holds documents to the limit from the settings', async () => {
    const uri = uriOf('/work/small-limit/Dockerfile');
    await open(server, uri, FINDINGS + 'RUN pip install scipy\n');
    assert.deepEqual((await diagnosticsFor(server, uri, 1)).map((d) => d.code), ['file-too-large']);
  });
});

describe('the CLI given a binary file', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-binary-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    fs.mkdirSync(path.join(dir, 'app'));
    // A Dockerfile that follows every practice, so that the binary one is the only thing said.
    fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), 'FROM debian:12\nLABEL maintainer="a@example.org"\nENV LANG="C.UTF-8" LC_ALL="C.UTF-8"\nCMD ["/bin/bash"]\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('skips it with a one-line note and lints the rest', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stderr.split('\n').filter(Boolean), [`layerwise: skipping ${path.join(dir, 'Dockerfile')}: binary file`]);
    assert.deepEqual(JSON.parse(run.stdout), [{ file: path.join(dir, 'app', 'Dockerfile'), findings: [] }]);
  });
});
