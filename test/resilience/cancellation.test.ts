// Long requests give way: fix-all can be cancelled, and a keystroke's
// diagnostics are published while a fix-all is still running on the old text
// (which then answers ContentModified, as LSP asks, since its edit would no
// longer apply). Order of arrival is asserted, never a duration.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, CodeActionRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { change, diagnosticsFor, initialize, loggedRequest, open, startServer, stop, uriOf, type ServerProcess } from '../support/lspResilienceClient';

/** Thousands of fixable findings: fix-all lints this text at least twice. */
const BIG = 'FROM debian\n' + 'RUN apt-get update && apt-get install -y git\nRUN pip install numpy\n'.repeat(1500);

function fixAllParams(uri: string) {
  return { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.layerwise'] } };
}

async function errorOf(p: Promise<unknown>): Promise<ResponseError<unknown> | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e as ResponseError<unknown>;
  }
}

describe('long requests', () => {
  let server: ServerProcess;
  before(async () => {
    server = startServer();
    await initialize(server);
  });
  after(() => stop(server));

  it('answers a fix-all that the client cancels with RequestCancelled', async () => {
    const uri = uriOf('/work/cancel/Dockerfile');
    await open(server, uri, BIG);
    await diagnosticsFor(server, uri, 1);
    const source = new CancellationTokenSource();
    const request = server.connection.sendRequest(CodeActionRequest.type, fixAllParams(uri), source.token);
    source.cancel();
    const error = await errorOf(request);
    assert.equal(error?.code, LSPErrorCodes.RequestCancelled);
  });

  it('still answers a fix-all that nobody cancels', async () => {
    const uri = uriOf('/work/cancel/Dockerfile');
    const actions = await server.connection.sendRequest(CodeActionRequest.type, fixAllParams(uri));
    assert.equal(actions?.length, 1);
  });

  it("publishes a keystroke's diagnostics before a fix-all on the old text answers, and that fix-all gives way", async () => {
    const uri = uriOf('/work/keystroke/Dockerfile');
    await open(server, uri, BIG);
    await diagnosticsFor(server, uri, 1);
    const request = loggedRequest(server, 'fix-all', () => server.connection.sendRequest(CodeActionRequest.type, fixAllParams(uri)));
    await change(server, uri, 'FROM debian\nRUN apt-get update\n', 2);
    const error = await errorOf(request);
    await diagnosticsFor(server, uri, 2);
    const order = server.events.map((e) => (e.kind === 'response' ? e.id : e.kind === 'diagnostics' && e.params.uri === uri ? `diagnostics v${e.params.version}` : null)).filter(Boolean);
    assert.deepEqual(order, ['diagnostics v1', 'diagnostics v2', 'fix-all']);
    assert.equal(error?.code, LSPErrorCodes.ContentModified);
  });
});
