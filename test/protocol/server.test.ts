// The bundled server, spawned over stdio and spoken to as an editor does.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient, SERVER } from '../support/lspClient';

const fixtures = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');
const read = (p: string) => fs.readFileSync(path.join(fixtures, p), 'utf8');

function uriIn(dir: string, name: string): string {
  return pathToFileURL(path.join(dir, name)).toString();
}

describe('the language server over stdio', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lsp-'));
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces incremental sync, quick fixes, fix-all and its command', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync, 2);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.layerwise']);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['layerwise.server.fixAll']);
  });

  it('publishes diagnostics with exact ranges, the rule id and a link to its docs page', async () => {
    const uri = uriIn(dir, 'Dockerfile');
    await client.open(uri, read('2.ubuntu/Dockerfile.1'));
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const apt = diagnostics.find((d) => d.code === 'apt-lists-not-removed');
    assert.ok(apt, JSON.stringify(diagnostics));
    assert.deepEqual(apt.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } });
    assert.equal(apt.source, 'layerwise');
    assert.equal(apt.severity, 2);
    assert.match(String(apt.message), /package lists/);
    const href = apt.codeDescription?.href ?? '';
    assert.match(href, /docs\/rules\/apt-lists-not-removed\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(href)), `${href} should exist`);
  });

  it('updates diagnostics on incremental changes', async () => {
    const uri = uriIn(dir, 'Dockerfile.changes');
    await client.open(uri, 'FROM python:3.8-slim\nRUN pip install astropy\n');
    let diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-cache-not-disabled'));
    assert.deepEqual(diagnostics.find((d) => d.code === 'pip-cache-not-disabled')!.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 15 } });
    // Type the flag in, as a user would.
    await client.edit(uri, [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } }, newText: ' --no-cache-dir' }]);
    diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.filter((d) => d.code === 'pip-cache-not-disabled').length, 0);
    // A new line with the same problem brings it back, on the new line.
    await client.edit(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'RUN pip3 install numpy\n' }]);
    diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-cache-not-disabled'));
    assert.deepEqual(diagnostics.find((d) => d.code === 'pip-cache-not-disabled')!.range.start, { line: 2, character: 4 });
  });

  it('offers the fix as a quick fix, and applying it clears the finding', async () => {
    const uri = uriIn(dir, 'Dockerfile.quickfix');
    await client.open(uri, read('2.pip/Dockerfile.1'));
    const [diagnostic] = (await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-cache-not-disabled'))).filter((d) => d.code === 'pip-cache-not-disabled');
    const actions = await client.codeActions(uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Add --no-cache-dir');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    client.applyWorkspaceEdit(fix.edit!);
    assert.equal(client.text(uri), 'FROM python:3.8-slim\n\nRUN pip install --no-cache-dir astropy\n\nCMD [ "/bin/bash" ]\n');
    const after = await client.diagnostics(uri);
    assert.equal(after.filter((d) => d.code === 'pip-cache-not-disabled').length, 0);
  });

  /** Opens `text`, applies "Ignore apt-lists-not-removed for this instruction", and returns the text and diagnostics after. */
  async function ignoreAptLists(name: string, text: string) {
    const uri = uriIn(dir, name);
    await client.open(uri, text);
    const [diagnostic] = (await client.diagnostics(uri, (d) => d.some((x) => x.code === 'apt-lists-not-removed'))).filter((d) => d.code === 'apt-lists-not-removed');
    const actions = await client.codeActions(uri, diagnostic.range, ['quickfix']);
    const ignore = actions.find((a) => a.title === 'Ignore apt-lists-not-removed for this instruction');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    client.applyWorkspaceEdit(ignore.edit!);
    return { text: client.text(uri), after: await client.diagnostics(uri) };
  }

  it('offers "Ignore <rule> for this instruction", which inserts the comment above it in its indentation', async () => {
    const { text, after } = await ignoreAptLists('Dockerfile.ignore', 'FROM debian\n  RUN apt-get update && apt-get install -y git\n');
    assert.equal(text, 'FROM debian\n  # layerwise-ignore=apt-lists-not-removed\n  RUN apt-get update && apt-get install -y git\n');
    assert.equal(after.filter((d) => d.code === 'apt-lists-not-removed').length, 0);
  });

  it('adds the rule to a `# layerwise-ignore=` list just above, after its last id and before its reason', async () => {
    const { text, after } = await ignoreAptLists('Dockerfile.ignore-more', 'FROM debian\n# layerwise-ignore=debian-frontend-not-set, apt-install-without-yes -- why\nRUN apt-get update && apt-get install git\n');
    assert.equal(text, 'FROM debian\n# layerwise-ignore=debian-frontend-not-set, apt-install-without-yes,apt-lists-not-removed -- why\nRUN apt-get update && apt-get install git\n');
    assert.deepEqual(after.filter((d) => ['apt-lists-not-removed', 'debian-frontend-not-set', 'apt-install-without-yes'].includes(String(d.code))), []);
  });

  it('runs fix-all as the source.fixAll.layerwise code action', async () => {
    const uri = uriIn(dir, 'Dockerfile.fixall');
    await client.open(uri, read('2.ubuntu/Dockerfile.2'));
    await client.diagnostics(uri, (d) => d.some((x) => x.code === 'cleanup-in-separate-layer'));
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll.layerwise']);
    assert.deepEqual(actions.map((a) => a.title), ['Fix all Layerwise problems']);
    assert.equal(actions[0].kind, 'source.fixAll.layerwise');
    client.applyWorkspaceEdit(actions[0].edit!);
    // The lesson's Dockerfile.2 becomes its Dockerfile.3: one RUN that installs and cleans (other rules may add
    // lines of their own, such as an ARG, which do not change the image).
    const dockerfile3Run = read('2.ubuntu/Dockerfile.3').slice(read('2.ubuntu/Dockerfile.3').indexOf('RUN'));
    assert.ok(client.text(uri).endsWith(dockerfile3Run), client.text(uri));
    assert.equal(client.text(uri).split('\nRUN ').length, 2, 'one RUN is left');
    const after = await client.diagnostics(uri);
    assert.deepEqual(after.filter((d) => ['cleanup-in-separate-layer', 'apt-lists-not-removed'].includes(String(d.code))), []);
  });

  it('runs fix-all as a command that applies a workspace edit', async () => {
    const uri = uriIn(dir, 'Dockerfile.command');
    await client.open(uri, 'FROM python:3.8-slim\nRUN pip install a && pip install b\n');
    await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-cache-not-disabled'));
    const result = await client.executeCommand('layerwise.server.fixAll', [uri]);
    assert.deepEqual(result, { applied: true });
    assert.equal(client.text(uri), 'FROM python:3.8-slim\nRUN pip install --no-cache-dir a && pip install --no-cache-dir b\n');
  });

  it('shows no diagnostics for a binary file', async () => {
    const uri = uriIn(dir, 'Dockerfile.binary');
    await client.open(uri, 'FROM debian\nRUN apt-get update\n\u0000\u0001\u0002');
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  it('gives a file over the size limit one note instead of findings', async () => {
    const uri = uriIn(dir, 'Dockerfile.huge');
    const line = 'RUN apt-get update && pip install numpy\n';
    await client.open(uri, 'FROM debian\n' + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'file-too-large');
    assert.equal(diagnostics[0].severity, 3);
    assert.match(String(diagnostics[0].message), /over 1\.0 MB \(this one is 10\.0 MB\)/);
  });
});

/** The lesson's Dockerfiles one after another: a file dense with findings, as a user's first try is. */
function lessonStages(): string {
  const files = ['2.ubuntu/Dockerfile.1', '2.pip/Dockerfile.1', '2.conda/Dockerfile.1', '2.mpi.python/Dockerfile', '3.cuda/Dockerfile', '3.intelpy/Dockerfile'];
  return files.map((f) => read(f)).join('\n').repeat(10);
}

/** Keystrokes a user makes across a file: a line typed at the top (moving every finding below), a flag typed into a RUN, blank lines above it, a word deleted. */
function keystrokes(text: string): { line: number; character: number; remove: number; insert: string }[] {
  const lines = text.split('\n');
  const run = lines.findIndex((l, i) => i > lines.length / 2 && /^RUN .*install /.test(l));
  const install = lines[run].indexOf('install ') + 'install '.length;
  const strokes: { line: number; character: number; remove: number; insert: string }[] = [];
  [...'# a note\n'].forEach((ch, i) => strokes.push({ line: 0, character: i, remove: 0, insert: ch }));
  // The note's line moved the RUN one line down.
  [...'--no-cache-dir '].forEach((ch, i) => strokes.push({ line: run + 1, character: install + i, remove: 0, insert: ch }));
  // Blank lines typed above the RUN move every finding below it, which the edit leaves standing, one line at a time.
  for (let i = 0; i < 3; i++) strokes.push({ line: run + 1, character: 0, remove: 0, insert: '\n' });
  for (let i = 0; i < 4; i++) strokes.push({ line: run + 4, character: 0, remove: 1, insert: '' });
  return strokes;
}

describe('diagnostics while typing fast', () => {
  let client: LspClient;
  let fresh: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lsp-burst-'));
    [client, fresh] = await Promise.all([LspClient.start(), LspClient.start()]);
  });
  after(async () => {
    await Promise.all([client.stop(), fresh.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes, for every version of a burst of changes sent without waiting, what a fresh open of that text gets', async () => {
    const uri = uriIn(dir, 'Dockerfile');
    const text = lessonStages();
    await client.open(uri, text);
    assert.ok((await client.diagnostics(uri, (d) => d.length > 0)).length > 100, 'the file is dense with findings');
    const texts = new Map<number, string>([[1, text]]);
    // Sent back to back: the server reads them while earlier versions' diagnostics are still being written.
    for (const k of keystrokes(text)) {
      await client.edit(uri, [{ range: { start: { line: k.line, character: k.character }, end: { line: k.line, character: k.character + k.remove } }, newText: k.insert }]);
      texts.set(client.documents.get(uri)!.version, client.text(uri));
    }
    const last = client.documents.get(uri)!.version;
    await client.diagnostics(uri, () => true, 20_000);
    assert.match(client.text(uri), /install --no-cache-dir /, 'the keystrokes typed what they meant to');
    const published = client.history.get(uri)!;
    assert.equal(published.at(-1)!.version, last);
    for (const { version, diagnostics } of published) {
      const freshUri = uriIn(dir, `Dockerfile.v${version}`);
      await fresh.open(freshUri, texts.get(version!)!);
      const expected = await fresh.diagnostics(freshUri, () => true, 20_000);
      assert.deepEqual(diagnostics, expected, `version ${version}`);
    }
  });

  it('publishes the same diagnostics over Node IPC, as an editor may start the server, as over stdio, where they are written from kept bytes', async () => {
    const ipc = await LspClient.start({ transport: 'ipc' });
    try {
      const uri = uriIn(dir, 'Dockerfile.ipc');
      const text = lessonStages();
      await Promise.all([ipc.open(uri, text), fresh.open(uri, text)]);
      const [overIpc, overStdio] = await Promise.all([ipc.diagnostics(uri), fresh.diagnostics(uri)]);
      assert.ok(overIpc.length > 100);
      assert.deepEqual(overIpc, overStdio);
      // After a keystroke that moves every finding, read from the model the edit updated.
      const newline = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }];
      await Promise.all([ipc.edit(uri, newline), fresh.edit(uri, newline)]);
      const [movedIpc, movedStdio] = await Promise.all([ipc.diagnostics(uri), fresh.diagnostics(uri)]);
      assert.deepEqual(movedIpc, movedStdio);
      assert.deepEqual(movedIpc[0].range.start.line, overIpc[0].range.start.line + 1);
    } finally {
      await ipc.stop();
    }
  });
});

describe('settings reach the server', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-settings-'));
    client = await LspClient.start({ settings: { enable: true, rules: { 'pip-cache-not-disabled': 'default' } } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("changes a rule's severity, or turns it off, without a restart", async () => {
    const uri = uriIn(dir, 'Dockerfile');
    await client.open(uri, 'FROM python:3.8-slim\nRUN pip install astropy\n');
    let d = await client.diagnostics(uri, (x) => x.some((y) => y.code === 'pip-cache-not-disabled'));
    assert.equal(d.find((x) => x.code === 'pip-cache-not-disabled')!.severity, 2);
    await client.changeSettings({ rules: { 'pip-cache-not-disabled': 'error' } });
    d = await client.diagnostics(uri, (x) => x.some((y) => y.code === 'pip-cache-not-disabled' && y.severity === 1));
    await client.changeSettings({ rules: { 'pip-cache-not-disabled': 'off' } });
    d = await client.diagnostics(uri, (x) => !x.some((y) => y.code === 'pip-cache-not-disabled'));
    await client.changeSettings({ enable: false });
    d = await client.diagnostics(uri, (x) => x.length === 0);
    assert.deepEqual(d, []);
    await client.changeSettings({});
  });

  it('flags a FROM outside layerwise.trustedRegistries at once, and drops it when the registry is added', async () => {
    const uri = uriIn(dir, 'registries.Dockerfile');
    await client.open(uri, 'FROM quay.io/pawsey/mpich-base:3.4.3_ubuntu24.04 AS mpi\nFROM python:3.8-slim\n');
    await client.diagnostics(uri, (x) => x.length > 0 && !x.some((y) => y.code === 'registry-not-trusted'));
    await client.changeSettings({ trustedRegistries: ['quay.io'] });
    const d = await client.diagnostics(uri, (x) => x.some((y) => y.code === 'registry-not-trusted'));
    assert.deepEqual(
      d.filter((x) => x.code === 'registry-not-trusted').map((x) => [x.range.start, x.range.end, x.severity]),
      [[{ line: 1, character: 5 }, { line: 1, character: 20 }, 1]],
    );
    await client.changeSettings({ trustedRegistries: ['quay.io', 'docker.io'] });
    await client.diagnostics(uri, (x) => x.length > 0 && !x.some((y) => y.code === 'registry-not-trusted'));
    await client.changeSettings({});
  });

  it('lets a .layerwise.yaml beside the Dockerfile override the editor settings', async () => {
    const sub = path.join(dir, 'project');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.layerwise.yaml'), 'rules:\n  apt-lists-not-removed: hint\n');
    const uri = uriIn(sub, 'Dockerfile');
    await client.changeSettings({ rules: { 'apt-lists-not-removed': 'error' } });
    await client.open(uri, 'FROM debian\nRUN apt-get update\n');
    const d = await client.diagnostics(uri, (x) => x.some((y) => y.code === 'apt-lists-not-removed'));
    assert.equal(d.find((x) => x.code === 'apt-lists-not-removed')!.severity, 4);
  });

  it("honours a .hadolint.yaml's ignored list and hadolint pragmas", async () => {
    const sub = path.join(dir, 'hadolint');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.hadolint.yaml'), 'ignored:\n  - DL3042\n');
    const uri = uriIn(sub, 'Dockerfile');
    await client.open(uri, 'FROM python:3.8-slim\nRUN pip install astropy\n# hadolint ignore=DL3009\nRUN apt-get update\nRUN apt update\n');
    const d = await client.diagnostics(uri, (x) => x.some((y) => y.code === 'apt-lists-not-removed'));
    assert.deepEqual(
      d.filter((x) => ['pip-cache-not-disabled', 'apt-lists-not-removed'].includes(String(x.code))).map((x) => [x.code, x.range.start.line]),
      [['apt-lists-not-removed', 4]],
    );
  });
});

describe('a client without workspace/configuration', () => {
  it('takes settings from initializationOptions and didChangeConfiguration', async () => {
    const client = await LspClient.start({ configuration: false, initializationOptions: { settings: { rules: { 'pip-cache-not-disabled': 'info' } } } });
    try {
      const uri = 'untitled:Dockerfile-1';
      await client.open(uri, 'FROM python:3.8-slim\nRUN pip install astropy\n');
      await client.diagnostics(uri, (x) => x.some((y) => y.code === 'pip-cache-not-disabled' && y.severity === 3));
      await client.changeSettings({ rules: { 'pip-cache-not-disabled': 'hint' } });
      await client.diagnostics(uri, (x) => x.some((y) => y.code === 'pip-cache-not-disabled' && y.severity === 4));
    } finally {
      await client.stop();
    }
  });
});

describe('layerwise-language-server from a terminal', () => {
  it('prints its usage and exits 2 without a transport flag, and prints its version', () => {
    const bare = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^Usage: layerwise-language-server --stdio/);
    const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('over stdio, exits when its stdin closes: with 0 after a shutdown request, else 1, as the protocol says', { timeout: 30_000 }, async () => {
    for (const [shutdownFirst, code] of [[true, 0], [false, 1]] as const) {
      const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
      const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
      let out = '';
      server.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const ask = async (id: number, method: string, params: unknown) => {
        const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
        server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        while (!out.includes(`"id":${id},"result"`)) await new Promise((r) => setTimeout(r, 10));
      };
      await ask(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
      if (shutdownFirst) await ask(2, 'shutdown', null);
      server.stdin.end();
      assert.equal(await exited, code, shutdownFirst ? 'after a shutdown' : 'without one');
    }
  });
});
