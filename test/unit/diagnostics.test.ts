// The diagnostics a publish sends: the connection's writer may serialize a
// publish only after the next keystrokes have moved the findings in place (it
// waits while earlier diagnostics are flushed), so what it writes must still
// be that version's diagnostics, as a fresh lint of that text gives them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { publishedDiagnostics, toDiagnostic } from '../../server/src/lsp/diagnostics';
import { publishEncoder } from '../../server/src/lsp/publishEncoder';
import { buildModel } from '../../server/src/model/build';
import { updateModel } from '../../server/src/model/incremental';

const fixtures = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');
const STAGES = ['2.ubuntu/Dockerfile.1', '2.pip/Dockerfile.1', '2.conda/Dockerfile.1', '3.cuda/Dockerfile'];
const text = STAGES.map((f) => fs.readFileSync(path.join(fixtures, f), 'utf8')).join('\n').repeat(4);

/** A fresh lint's diagnostics, as a client reads them. */
function freshDiagnostics(version: string): unknown {
  const model = buildModel(version);
  return lint(model).findings.map((f) => toDiagnostic(model.lineStarts, f));
}

const roundTrip = (diagnostics: unknown) => JSON.parse(JSON.stringify(diagnostics));

/** A message as the stdio transport writes it, read back as the client reads it. */
async function overStdio(message: object): Promise<unknown> {
  const bytes = await publishEncoder.encode(message as never, { charset: 'utf-8' });
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

const publish = (uri: string, version: number | undefined, diagnostics: unknown[]) => ({
  jsonrpc: '2.0',
  method: 'textDocument/publishDiagnostics',
  params: version === undefined ? { uri, diagnostics } : { uri, version, diagnostics },
});

describe('published diagnostics', () => {
  it('serialize as their own version even after later keystrokes moved the findings', () => {
    // Blank lines typed above the middle RUN, one at a time: every finding below it moves, and most are kept.
    const at = text.indexOf('\nRUN ', text.length / 2) + 1;
    const versions = [text];
    for (let i = 1; i <= 3; i++) versions.push(text.slice(0, at) + '\n'.repeat(i) + text.slice(at));
    let model = buildModel(versions[0]);
    const published = [publishedDiagnostics(model.lineStarts, lint(model).findings)];
    for (let v = 1; v < versions.length; v++) {
      model = updateModel(model, versions[v], { start: at, oldEnd: at });
      published.push(publishedDiagnostics(model.lineStarts, lint(model).findings));
    }
    // Serialized only now, oldest first, as a writer that fell behind writes them.
    published.forEach((diagnostics, v) => {
      const expected = freshDiagnostics(versions[v]) as Array<{ range: { start: { line: number } } }>;
      assert.ok(expected.some((d) => d.range.start.line > text.slice(0, at).split('\n').length), 'findings stand below the edit');
      assert.deepEqual(roundTrip(diagnostics), expected, `version ${v}`);
    });
  });

  it('serialize the same twice, and as often as a transport asks', () => {
    const model = buildModel(text);
    const diagnostics = publishedDiagnostics(model.lineStarts, lint(model).findings);
    assert.equal(JSON.stringify(diagnostics), JSON.stringify(diagnostics));
    assert.deepEqual(roundTrip(diagnostics), freshDiagnostics(text));
  });

  it('are written over stdio as JSON.stringify writes them, with any other diagnostic beside them', async () => {
    // Characters outside ASCII, in a message (the file ADD copies) and in the URI, take more bytes than characters.
    const unicode = `${text}\nADD café-ü™.txt /data/\n`;
    const model = buildModel(unicode);
    const diagnostics = publishedDiagnostics(model.lineStarts, lint(model).findings);
    assert.ok(diagnostics.length > 20, 'a file with many findings');
    const other = { range: { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } }, severity: 2, source: 'layerwise', code: 'outdated-digest', message: 'digest "sha256:…" ✓' };
    diagnostics.push(other as never);
    for (const version of [7, undefined]) {
      const message = publish('file:///tmp/%C3%A9t%C3%A9/Dockerfile', version, diagnostics);
      const written = (await overStdio(message)) as { params: { diagnostics: Array<{ message: string }> } };
      assert.deepEqual(written, roundTrip(message), `version ${version}`);
      assert.ok(written.params.diagnostics.some((d) => d.message.includes('café-ü™.txt')), 'the message outside ASCII is read back whole');
    }
  });

  it('are written over stdio as their own version even after later keystrokes moved the findings', async () => {
    const at = text.indexOf('\nRUN ', text.length / 3) + 1;
    const edited = text.slice(0, at) + '\n\n' + text.slice(at);
    let model = buildModel(text);
    const first = publishedDiagnostics(model.lineStarts, lint(model).findings);
    await overStdio(publish('file:///Dockerfile', 1, first)); // keeps each finding's bytes, as a publish does
    model = updateModel(model, edited, { start: at, oldEnd: at });
    const second = publishedDiagnostics(model.lineStarts, lint(model).findings);
    assert.deepEqual(((await overStdio(publish('file:///Dockerfile', 1, first))) as { params: { diagnostics: unknown } }).params.diagnostics, freshDiagnostics(text));
    assert.deepEqual(((await overStdio(publish('file:///Dockerfile', 2, second))) as { params: { diagnostics: unknown } }).params.diagnostics, freshDiagnostics(edited));
  });

  it('leave every other message to JSON.stringify', async () => {
    const response = { jsonrpc: '2.0', id: 3, result: { items: ['é', { a: [1, 2] }] } };
    assert.deepEqual(await overStdio(response), response);
    const empty = publish('file:///Dockerfile', 2, []);
    assert.deepEqual(await overStdio(empty), empty);
  });
});
