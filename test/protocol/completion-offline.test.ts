// Tag completion when the registry is not well: stopped, refusing, missing,
// limiting, garbled, or slow while the user types. The editor gets what is
// known at once, one line in its log per failure, and its diagnostics on time.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startServer, type CountingServer } from '../support/countingServer';
import { LspClient } from '../support/lspClient';

describe('tag completion when the registry is not well', () => {
  let client: LspClient;
  let dir: string;
  let flaky: CountingServer;
  let n = 0;
  const uri = () => pathToFileURL(path.join(dir, `Dockerfile.${++n}`)).toString();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-offline-'));
    flaky = await startServer((req, res) => {
      const what = /^\/v2\/([^/]+)\//.exec(req.url ?? '')?.[1];
      const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      if (what === 'refused') return answer(401, '{}');
      if (what === 'missing') return answer(404, '{"errors":[{"code":"NAME_UNKNOWN"}]}');
      if (what === 'limited') return answer(429, '{}', { 'retry-after': '60' });
      if (what === 'garbled') return answer(200, '<html>not json');
      // 'slow': answers after 5 s, as a registry far away may.
      setTimeout(() => answer(200, '{"tags":["1.0","2.0"]}'), 5000);
    });
    client = await LspClient.start({ initializationOptions: { workspaceTrusted: true } });
  });
  after(async () => {
    await client.stop();
    await flaky.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [what, says] of [
    ['refused', /refused the request and named no way to log in/],
    ['missing', /has no such image or tag/],
    ['limited', /is limiting requests \(429\)/],
    ['garbled', /not JSON/],
  ] as const) {
    it(`answers at once and says it once in the log: ${what}`, async () => {
      const u = uri();
      const text = `FROM ${flaky.host}/${what}/app:`;
      await client.open(u, text);
      for (let i = 0; i < 3; i++) {
        const list = await client.completion(u, { line: 0, character: text.length });
        assert.deepEqual(list.items, []);
      }
      const lines = client.logs.filter((l) => l.includes(`${flaky.host}/${what}/app`));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], says);
      assert.equal(flaky.requests.filter((r) => r.url.startsWith(`/v2/${what}/`)).length, 1, 'asked once: the failure is remembered');
    });
  }

  it('answers at once and says it once when the registry is stopped', async () => {
    const stopped = await startServer(() => undefined);
    await stopped.stop();
    const u = uri();
    const text = `FROM ${stopped.host}/team/app:`;
    await client.open(u, text);
    let list = await client.completion(u, { line: 0, character: text.length });
    for (let i = 0; list.isIncomplete && i < 50; i++) list = await client.completion(u, { line: 0, character: text.length });
    assert.deepEqual(list, { isIncomplete: false, items: [] });
    await client.completion(u, { line: 0, character: text.length });
    assert.equal(client.logs.filter((l) => l.includes(stopped.host)).length, 1);
    assert.match(client.logs.find((l) => l.includes(stopped.host))!, /could not be reached \(connection refused\)/);
  });

  it('keeps diagnostics on time while a registry takes 5 s: they arrive before the completion answers', async () => {
    const u = uri();
    const text = `FROM ${flaky.host}/slow/app:\n`;
    await client.open(u, text);
    await client.diagnostics(u);
    const order: string[] = [];
    const completion = client.completion(u, { line: 0, character: text.length - 1 }).then((list) => {
      order.push('completion');
      return list;
    });
    // The user types on while the lookup is out.
    await client.edit(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'RUN apt-get install curl\n' }]);
    const diagnostics = await client.diagnostics(u, (d) => d.length > 0);
    order.push('diagnostics');
    const list = await completion;
    assert.deepEqual(order, ['diagnostics', 'completion']);
    assert.ok(diagnostics.some((d) => d.code === 'apt-install-without-yes'));
    assert.equal(list.isIncomplete, true, 'the editor is told to ask again');
    assert.deepEqual(list.items, []);
  });
});
