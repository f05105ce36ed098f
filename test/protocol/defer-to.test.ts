// layerwise.deferTo over LSP: the editor's setting takes effect at once on an
// open Dockerfile, and a .layerwise.yaml beside it adds its own entries once
// the editor's file watcher says it was written.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lspClient';

const TEXT = 'FROM debian:bookworm-slim\nMAINTAINER someone@example.org\nRUN apt-get update && apt-get install -y git\nCMD ["a"]\nCMD ["b"]\n';

describe('layerwise.deferTo in the language server', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-defer-'));
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('drops what the named extensions report when the setting changes, and a .layerwise.yaml adds to it', async () => {
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.open(uri, TEXT);
    const codes = (d: Array<{ code?: string | number }>) => d.map((x) => String(x.code));
    const all = codes(await client.diagnostics(uri, (d) => d.length > 0));
    for (const rule of ['maintainer-deprecated', 'repeated-cmd-or-entrypoint', 'apt-lists-not-removed', 'debian-frontend-not-set']) assert.ok(all.includes(rule), `${rule} in ${all}`);

    await client.changeSettings({ deferTo: ['container-tools'] });
    const beside = codes(await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'maintainer-deprecated')));
    assert.ok(!beside.includes('repeated-cmd-or-entrypoint'), String(beside));
    assert.ok(beside.includes('apt-lists-not-removed') && beside.includes('debian-frontend-not-set'), String(beside));

    // Saved beside the Dockerfile, and told as an editor's file watcher tells it.
    const yaml = path.join(dir, '.layerwise.yaml');
    fs.writeFileSync(yaml, 'deferTo: [DL3009]\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(yaml).toString(), type: FileChangeType.Created }] });
    const both = codes(await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'apt-lists-not-removed')));
    assert.ok(both.includes('debian-frontend-not-set') && !both.includes('maintainer-deprecated'), String(both));

    fs.rmSync(yaml);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(yaml).toString(), type: FileChangeType.Deleted }] });
    await client.changeSettings({});
    await client.diagnostics(uri, (d) => ['maintainer-deprecated', 'apt-lists-not-removed'].every((c) => d.some((x) => x.code === c)));
  });
});
