// With many files open the server keeps models only for the ones being
// typed in; every other file must still get right diagnostics and fixes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';

describe('the language server with many open files', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('still fixes and re-lints a file after a dozen others were opened since', async () => {
    const first = 'untitled:Dockerfile-0';
    await client.open(first, 'FROM python:3.11-slim\nRUN pip install numpy\n');
    await client.diagnostics(first, (d) => d.some((x) => x.code === 'pip-cache-not-disabled'));
    for (let i = 1; i <= 12; i++) {
      const uri = `untitled:Dockerfile-${i}`;
      await client.open(uri, `FROM debian:12\nRUN apt-get update && apt-get install -y curl${i}\n`);
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'apt-lists-not-removed'));
    }
    const [diagnostic] = (await client.diagnostics(first)).filter((d) => d.code === 'pip-cache-not-disabled');
    const fix = (await client.codeActions(first, diagnostic.range, ['quickfix'])).find((a) => a.title === 'Add --no-cache-dir');
    assert.ok(fix, 'the quick fix is offered');
    client.applyWorkspaceEdit(fix.edit!);
    assert.equal(client.text(first), 'FROM python:3.11-slim\nRUN pip install --no-cache-dir numpy\n');
    assert.deepEqual((await client.diagnostics(first)).filter((d) => d.code === 'pip-cache-not-disabled'), []);
    // A keystroke in a file opened long ago is linted against its whole text.
    await client.edit('untitled:Dockerfile-1', [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'RUN pip install scipy\n' }]);
    const diagnostics = await client.diagnostics('untitled:Dockerfile-1', (d) => d.some((x) => x.code === 'pip-cache-not-disabled'));
    const found = diagnostics.filter((d) => d.code === 'apt-lists-not-removed' || d.code === 'pip-cache-not-disabled');
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]).sort(), [['apt-lists-not-removed', 1], ['pip-cache-not-disabled', 2]]);
  });
});
