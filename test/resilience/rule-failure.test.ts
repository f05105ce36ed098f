// A rule that throws is told once in the log and turned off for that
// document; the server stays up and the other rules still report. The server
// is the real one, started with one extra rule that throws (see
// test/support/serverWithThrowingRule.ts).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { change, diagnosticsFor, initialize, open, startServer, stop, uriOf, type ServerProcess } from '../support/lspResilienceClient';
import { THROWING_RULE } from '../support/throwingRule';

const ENTRY = path.join(__dirname, '..', 'support', 'serverWithThrowingRule.ts');
const BOOM = 'FROM debian\n# boom\nRUN apt-get update\n';
const CALM = 'FROM debian\nRUN apt-get update\n';

/** The codes of the rules these texts are written for, sorted; other rules may report on them too. */
function watched(diagnostics: Array<{ code?: number | string }>): string[] {
  return diagnostics.map((d) => String(d.code)).filter((c) => ['apt-lists-not-removed', 'pip-cache-not-disabled', THROWING_RULE].includes(c)).sort();
}

describe('a rule that throws', () => {
  let server: ServerProcess;
  before(async () => {
    server = startServer(ENTRY);
    await initialize(server);
  });
  after(() => stop(server));

  const failureLogs = (uri: string) =>
    server.events.flatMap((e) => (e.kind === 'log' && e.params.type === MessageType.Error && e.params.message.includes(`rule ${THROWING_RULE} failed on ${uri}`) ? [e.params.message] : []));

  it('is logged once, stays off for that document through later edits, and the other rules still report', async () => {
    const uri = uriOf('/work/boom/Dockerfile');
    await open(server, uri, BOOM, 1);
    const first = await diagnosticsFor(server, uri, 1);
    assert.deepEqual(watched(first), ['apt-lists-not-removed']);
    await change(server, uri, BOOM + 'RUN pip install numpy\n', 2);
    await change(server, uri, CALM, 3);
    const third = await diagnosticsFor(server, uri, 3);
    // Without `# boom` the rule would report FROM, but it stays off for this document.
    assert.deepEqual(watched(third), ['apt-lists-not-removed']);
    assert.deepEqual(watched(await diagnosticsFor(server, uri, 2)), ['apt-lists-not-removed', 'pip-cache-not-disabled']);
    assert.equal(failureLogs(uri).length, 1);
    assert.match(failureLogs(uri)[0], /Error: boom/);
  });

  it('still runs on another document that it does not throw on', async () => {
    const uri = uriOf('/work/calm/Dockerfile');
    await open(server, uri, CALM, 1);
    const diagnostics = await diagnosticsFor(server, uri, 1);
    assert.deepEqual(watched(diagnostics), ['apt-lists-not-removed', THROWING_RULE]);
    assert.equal(failureLogs(uri).length, 0);
    assert.equal(server.child.exitCode, null, 'the server is still running');
  });
});
