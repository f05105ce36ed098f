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
});
