// The engine-backed pin actions over LSP: offered only in a trusted
// workspace, resolved on codeAction/resolve with the user's run arguments.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { withDocker } from '../support/docker';
import { LspClient } from '../support/lspClient';

const text = 'FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends hello \\\n    && rm -rf /var/lib/apt/lists/*\n';
const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };

withDocker(() => {
  describe('engine pin actions in the editor', () => {
    let tmp: string;
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lsp-engine-'));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('are not offered in an untrusted workspace', async () => {
      const client = await LspClient.start({ resolveActions: true, settings: { docker: { runArgs: ['--network=host'] } } });
      try {
        const uri = pathToFileURL(path.join(tmp, 'Dockerfile')).href;
        await client.open(uri, text);
        await client.diagnostics(uri);
        const titles = (await client.codeActions(uri, range)).map((a) => a.title);
        assert.ok(!titles.some((t) => /versions in debian|digest/.test(t)), JSON.stringify(titles));
      } finally {
        await client.stop();
      }
    });

    it('pin apt packages to the base image\'s versions when resolved, naming snapshot.debian.org; a FROM without a RepoDigest gets no edit', async () => {
      const client = await LspClient.start({ resolveActions: true, settings: { docker: { runArgs: ['--network=host'] } }, initializationOptions: { workspaceTrusted: true } });
      try {
        const uri = pathToFileURL(path.join(tmp, 'Dockerfile')).href;
        await client.open(uri, text);
        await client.diagnostics(uri);
        const actions = await client.codeActions(uri, range);
        const apt = actions.find((a) => a.title.startsWith('Pin hello to the versions in debian:bookworm-slim'));
        assert.ok(apt, JSON.stringify(actions.map((a) => a.title)));
        assert.match(apt.title, /snapshot\.debian\.org/);
        assert.equal(apt.edit, undefined);
        const resolved = await client.resolveCodeAction(apt);
        assert.ok(resolved.edit, 'no edit after resolve');
        client.applyWorkspaceEdit(resolved.edit);
        assert.match(client.text(uri), /install -y --no-install-recommends hello=\S+ \\/);

        const from = actions.find((a) => a.title.startsWith('Pin debian:bookworm-slim to its digest'));
        assert.ok(from);
        assert.equal((await client.resolveCodeAction(from)).edit, undefined);
      } finally {
        await client.stop();
      }
    });
  });
});
