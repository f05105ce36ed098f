// Base-image completion in real VS Code (code-server): `FROM ` lists the
// catalogue's images with their docs, and after `image:` the tags of a
// Debian docker-registry on 127.0.0.1 that the test pushed to, and of the same
// registry over TLS under a name that only a CONNECT proxy of the test's own
// resolves, reached through VS Code's `http.proxy`. Screenshots land in
// test-results/e2e/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { dockerAsync } from '../support/docker';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { selfSignedCertificate, startRegistry, type Registry } from '../support/registry';
import { QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession } from './workbench';

const PROXIED = 'registry.layerwise.test';

const settings = {
  ...QUIET_WORKBENCH,
  'workbench.editor.enablePreview': false,
  'files.autoSave': 'off',
  // Word-based suggestions would mix the file's words into the list this test reads.
  'editor.wordBasedSuggestions': 'off',
};

describe('base-image completion in real VS Code (code-server)', () => {
  let workspace: string;
  let registryDir: string;
  let registry: Registry;
  let secure: Registry;
  let proxy: ConnectProxy;
  let repo: string;
  let editor: EditorSession;
  let wb: Workbench;

  before(async () => {
    registryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-registry-'));
    registry = await startRegistry(registryDir, path.join(registryDir, 'storage'));
    repo = `${registry.host}/layerwise-test/e2e-${process.pid}`;
    for (const tag of ['1.0', '2.0']) {
      for (const args of [['tag', 'debian:bookworm-slim', `${repo}:${tag}`], ['push', `${repo}:${tag}`], ['image', 'rm', `${repo}:${tag}`]]) {
        const r = await dockerAsync(args);
        assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
      }
    }
    // The same images over TLS (a self-signed certificate, which http.proxyStrictSSL: false accepts through the proxy).
    const tls = await selfSignedCertificate(registryDir, PROXIED, [`DNS:${PROXIED}`, 'IP:127.0.0.1']);
    secure = await startRegistry(registryDir, path.join(registryDir, 'storage'), { kind: 'none' }, tls);
    proxy = await startConnectProxy({ hosts: { [PROXIED]: '127.0.0.1' } });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-completion-'));
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), '');
    editor = await openEditor(workspace, { ...settings, 'http.proxy': proxy.url, 'http.proxyStrictSSL': false });
    wb = editor.wb;
  });

  afterEach(async () => {
    await wb?.page.keyboard.press('Escape');
  });

  after(async () => {
    await editor?.close();
    await registry?.stop();
    await secure?.stop();
    await proxy?.stop();
    for (const dir of [workspace, registryDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const rows = () => wb.page.locator('.suggest-widget .monaco-list-row');
  const labels = async () => (await rows().allInnerTexts()).map((t) => t.split('\n')[0].trim());

  test('`FROM ` lists the curated images, python slim first for a pip Dockerfile, with the lesson\'s reason in the docs', async () => {
    await wb.openFile('Dockerfile');
    await wb.page.keyboard.type('\nRUN pip install --no-cache-dir astropy');
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.type('FROM ');
    // The space is a trigger character; Ctrl+Space as well, in case the server was still starting.
    await wb.page.keyboard.press('Control+Space');
    await wb.screenshot('completion-0-typed');
    const seen = await waitFor(labels, (l) => l.some((x) => x.startsWith('python:3.12-slim')), 'the catalogue in the suggest widget');
    assert.ok(seen[0].startsWith('python:3.12-slim'), seen.join(', '));
    // Ctrl+Space on an open list shows the focused item's docs beside it.
    await wb.page.keyboard.press('Control+Space');
    const details = wb.page.locator('.suggest-details');
    const docs = await waitFor(() => details.innerText().catch(() => ''), (t) => t.includes('unneeded packages'), 'the docs of python:3.12-slim');
    assert.match(docs, /Registry page/);
    await wb.screenshot('completion-1-from-images');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
  });

  test('after `image:`, the tags of the local registry complete, newest first', async () => {
    await wb.page.keyboard.type(`FROM ${repo}:`);
    await wb.page.keyboard.press('Control+Space');
    const seen = await waitFor(labels, (l) => l.includes('2.0') && l.includes('1.0'), 'the registry\'s tags');
    assert.deepEqual(seen.slice(0, 2), ['2.0', '1.0']);
    await wb.screenshot('completion-2-registry-tags');
    await wb.page.keyboard.press('Enter');
    const text = await waitFor(() => wb.editorText(), (t) => t.startsWith(`FROM ${repo}:2.0`), 'the tag written');
    assert.equal(text.split('\n')[0], `FROM ${repo}:2.0`);
  });

  test('the tags of a registry that only the proxy reaches come through VS Code\'s http.proxy', async () => {
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    const image = `${PROXIED}:${secure.host.split(':')[1]}/${repo.slice(registry.host.length + 1)}`;
    await wb.page.keyboard.type(`FROM ${image}:`);
    await wb.page.keyboard.press('Control+Space');
    const seen = await waitFor(labels, (l) => l.includes('2.0') && l.includes('1.0'), 'the tags through the proxy');
    assert.deepEqual(seen.slice(0, 2), ['2.0', '1.0']);
    await wb.screenshot('completion-3-through-proxy');
    assert.ok(proxy.connects.some((c) => c.target === `${PROXIED}:${secure.host.split(':')[1]}`), 'the proxy tunnelled to the registry');
  });
});
