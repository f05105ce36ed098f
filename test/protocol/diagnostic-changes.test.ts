// layerwise/diagnosticChanges, the way Layerwise's VS Code client takes
// diagnostics: only what each edit changed. Two real servers get the same
// edits, one from a client that takes changes and one from a client that takes
// whole publishes (as other editors do); after every edit the first client
// must hold exactly what the second was sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DidCloseTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { lessonStagesDockerfile } from '../support/lessonStages';
import { LspClient } from '../support/lspClient';
import { seededRandom } from '../support/seededRandom';

/** The diagnostics as a sorted list of their JSON, so that two lists compare whatever their order. */
function asSet(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => JSON.stringify([d.range, d.severity, d.source, d.code, d.codeDescription, d.message])).sort();
}

/** One edit as an offset range and its new text, chosen at random the ways a user edits. */
function randomEdit(text: string, random: () => number): { start: number; end: number; newText: string } {
  const at = Math.floor(random() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const kind = random();
  if (kind < 0.3) return { start: at, end: at, newText: 'x-1. =\\'[Math.floor(random() * 7)] }; // typing
  if (kind < 0.45) return { start: at, end: at, newText: '\n' }; // a new line
  if (kind < 0.6) return { start: Math.max(0, at - 1), end: at, newText: '' }; // backspace
  if (kind < 0.7) return { start: lineStart, end: Math.min(text.length, lineEnd + 1), newText: '' }; // delete a line
  if (kind < 0.8) return { start: lineStart, end: lineStart, newText: 'RUN pip install numpy\n' }; // a new instruction
  if (kind < 0.9) {
    // Paste a few lines from elsewhere in the file.
    const from = Math.floor(random() * text.length);
    const pasted = text.slice(text.lastIndexOf('\n', from) + 1, from + Math.floor(random() * 300));
    return { start: lineStart, end: lineStart, newText: pasted.endsWith('\n') ? pasted : `${pasted}\n` };
  }
  // Cut a span that may cross lines and instructions.
  return { start: at, end: Math.min(text.length, at + Math.floor(random() * 200)), newText: '' };
}

describe('layerwise/diagnosticChanges (the VS Code client takes only what changed)', () => {
  let changes: LspClient;
  let whole: LspClient;
  before(async () => {
    [changes, whole] = await Promise.all([LspClient.start({ diagnosticChanges: true }), LspClient.start()]);
  });
  after(async () => {
    await Promise.all([changes.stop(), whole.stop()]);
  });

  /** Opens or edits the document in both clients, and returns what each holds for its new version. */
  async function both(act: (client: LspClient) => Promise<void>, uri: string): Promise<[Diagnostic[], Diagnostic[]]> {
    await Promise.all([act(changes), act(whole)]);
    return Promise.all([changes.diagnostics(uri), whole.diagnostics(uri)]);
  }

  async function editBoth(uri: string, edit: { start: number; end: number; newText: string }): Promise<[Diagnostic[], Diagnostic[]]> {
    return both(async (client) => {
      const document = client.documents.get(uri)!;
      await client.edit(uri, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText }]);
    }, uri);
  }

  it('after every edit of a random session, the client holds exactly the diagnostics a whole publish sends', async () => {
    const uri = 'file:///changes/random/Dockerfile';
    const opened = await both((client) => client.open(uri, lessonStagesDockerfile(600)), uri);
    assert.ok(opened[1].length > 100, `a file dense with findings (${opened[1].length})`);
    assert.deepEqual(asSet(opened[0]), asSet(opened[1]));
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      for (let i = 0; i < 60; i++) {
        const edit = randomEdit(changes.text(uri), random);
        const [held, published] = await editBoth(uri, edit);
        assert.deepEqual(asSet(held), asSet(published), `seed ${seed}, edit ${i}: ${JSON.stringify(edit)}`);
      }
    }
    assert.equal(changes.text(uri), whole.text(uri));
    // The edits moved diagnostics down and up, and added and removed some: each part was tried. (Kept diagnostics
    // placed one by one, which real edits seldom need, are tried in test/unit/diagnostic-changes.test.ts.)
    const sent = changes.changes.filter((c) => c.uri === uri);
    const tried = {
      down: sent.some((c) => c.shift && c.shift.by > 0),
      up: sent.some((c) => c.shift && c.shift.by < 0),
      removed: sent.some((c) => c.removed.length > 0),
      added: sent.some((c) => c.added.length > 0 && !c.reset),
    };
    assert.deepEqual(tried, { down: true, up: true, removed: true, added: true });
  });

  it('a keystroke in a file dense with findings sends only the diagnostics it changed', async () => {
    const uri = 'file:///changes/dense/Dockerfile';
    const text = lessonStagesDockerfile(2000);
    const [opened] = await both((client) => client.open(uri, text), uri);
    const first = changes.changes.filter((c) => c.uri === uri);
    assert.equal(first.length, 1);
    assert.equal(first[0].reset, true);
    assert.equal(first[0].added.length, opened.length);

    // Open a new line above an instruction in the middle of the file: every diagnostic below moves down one line.
    const middle = text.indexOf('\nRUN ', Math.floor(text.length / 2)) + 1;
    assert.ok(!text.slice(0, middle).endsWith('\\\n'), 'the line before is not continued');
    const [held, published] = await editBoth(uri, { start: middle, end: middle, newText: '\n' });
    assert.deepEqual(asSet(held), asSet(published));
    const newLine = changes.changes.at(-1)!;
    // Only the findings of the instructions beside the new line are sent again (the engine lints them again).
    assert.equal(newLine.shift?.by, 1);
    const resent = newLine.removed.length + newLine.moved.length + newLine.added.length;
    assert.ok(resent <= 10, JSON.stringify(newLine));
    const wholeBytes = JSON.stringify(published).length;
    assert.ok(JSON.stringify(newLine).length * 100 < wholeBytes, `${JSON.stringify(newLine).length} bytes against ${wholeBytes} for all ${published.length}`);

    // Type an instruction with a finding on it: each keystroke sends that finding as it now reads, and drops the one
    // before it ('nump' has no version), and nothing else.
    for (const [k, ch] of [...'RUN pip install numpy'].entries()) {
      const [typedHeld, typedPublished] = await editBoth(uri, { start: middle + k, end: middle + k, newText: ch });
      assert.deepEqual(asSet(typedHeld), asSet(typedPublished));
    }
    const typed = changes.changes.at(-1)!;
    const typedLine = changes.documents.get(uri)!.positionAt(middle).line;
    assert.equal(typed.shift, undefined);
    assert.deepEqual(
      typed.added.map(([, d]) => `${d.code} ${d.range.start.line}:${d.range.start.character}`),
      [`pip-package-not-pinned ${typedLine}:16`],
    );
    assert.deepEqual([typed.removed.length, typed.moved], [1, []]);
    assert.ok(JSON.stringify(typed).length * 100 < wholeBytes);
  });

  it('a document over the size limit holds only its notice, and closing a document empties it', async () => {
    const uri = 'file:///changes/limits/Dockerfile';
    await both((client) => client.open(uri, 'FROM python:3.12\nRUN pip install numpy\n'), uri);
    assert.ok((await changes.diagnostics(uri)).some((d) => d.code === 'pip-cache-not-disabled'));
    await Promise.all([changes.changeSettings({ maxFileSize: 20 }), whole.changeSettings({ maxFileSize: 20 })]);
    const [held, published] = await Promise.all([
      changes.diagnostics(uri, (ds) => ds.some((d) => d.code === 'file-too-large')),
      whole.diagnostics(uri, (ds) => ds.some((d) => d.code === 'file-too-large')),
    ]);
    assert.deepEqual(asSet(held), asSet(published));
    assert.deepEqual(held.map((d) => d.code), ['file-too-large']);
    await Promise.all([changes.changeSettings({}), whole.changeSettings({})]);
    const [back] = await Promise.all([changes.diagnostics(uri, (ds) => ds.some((d) => d.code === 'pip-cache-not-disabled')), whole.diagnostics(uri, (ds) => ds.some((d) => d.code === 'pip-cache-not-disabled'))]);
    assert.ok(!back.some((d) => d.code === 'file-too-large'));

    await changes.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const closed = await changes.diagnostics(uri, (ds) => ds.length === 0);
    assert.deepEqual(closed, []);
    assert.equal(changes.changes.at(-1)!.reset, true);
    // Opened again, it starts afresh: every diagnostic is sent, with new ids.
    changes.documents.delete(uri);
    await changes.open(uri, 'FROM python:3.12\nRUN pip install numpy\n');
    const reopened = await changes.diagnostics(uri, (ds) => ds.length > 0);
    assert.equal(changes.changes.at(-1)!.reset, true);
    assert.deepEqual(asSet(reopened), asSet(back));
  });
});
