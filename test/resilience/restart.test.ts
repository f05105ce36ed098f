// The server's life cycle as a client drives it: a clean shutdown and exit,
// then a new server that answers as the first did (what "Restart the language
// server" does); an exit without shutdown; and a client that vanishes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitNotification } from 'vscode-languageserver-protocol/node';
import { diagnosticsFor, initialize, open, shutdownAndExit, startServer, uriOf } from '../support/lspResilienceClient';

const TEXT = 'FROM debian\nRUN apt-get update\n';

async function firstDiagnostics(): Promise<{ codes: unknown[]; server: ReturnType<typeof startServer> }> {
  const server = startServer();
  await initialize(server);
  const uri = uriOf('/work/restart/Dockerfile');
  await open(server, uri, TEXT);
  return { codes: (await diagnosticsFor(server, uri, 1)).map((d) => d.code), server };
}

describe('restarting the server', () => {
  it('ends with code 0 after shutdown and exit, and a new server answers as the first did', async () => {
    const first = await firstDiagnostics();
    assert.equal(await shutdownAndExit(first.server), 0);
    first.server.connection.dispose();
    const second = await firstDiagnostics();
    assert.deepEqual(second.codes, first.codes);
    assert.ok(second.codes.includes('apt-lists-not-removed'), JSON.stringify(second.codes));
    assert.equal(await shutdownAndExit(second.server), 0);
    second.server.connection.dispose();
  });

  it('ends with code 1 on exit without shutdown, as LSP asks', async () => {
    const { server } = await firstDiagnostics();
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 1);
    server.connection.dispose();
  });

  it('ends when its client goes away and closes the pipe', async () => {
    const { server } = await firstDiagnostics();
    server.child.stdin!.end();
    assert.notEqual(await server.exited, null, 'it exits by itself rather than being killed');
    server.connection.dispose();
  });
});
