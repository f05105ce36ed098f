// Pin actions over LSP, as an editor sees them: lockfile versions as quick
// fixes, a lockfile edit re-linting the Dockerfile, a malformed lockfile
// reported on it, and the package index asked only on codeAction/resolve in a
// trusted workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';

const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 200 } });
const titles = (actions: CodeAction[]) => actions.map((a) => a.title);

describe('pin actions over LSP', () => {
  let tmp: string;
  let index: PackageIndex;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-lsp-pin-'));
    index = await startPackageIndex([
      { name: 'tinypkg', version: '1.0.0' },
      { name: 'tinypkg', version: '1.1.0' },
    ]);
  });
  after(async () => {
    await index.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function folder(name: string, files: Record<string, string>): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
  }

  it('offers the lockfile\'s version for the package and the command, and re-lints when the lockfile changes', async () => {
    const dir = folder('lock', { 'requirements-3sep.txt': 'astropy==3.2.3\nnumpy==1.19.1\n' });
    const client = await LspClient.start({ rootUri: pathToFileURL(tmp).href, resolveActions: true });
    try {
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      await client.open(uri, 'FROM python:3.8-slim\nRUN pip install --no-cache-dir astropy numpy\n');
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-package-not-pinned'));
      let actions = await client.codeActions(uri, { start: { line: 1, character: 31 }, end: { line: 1, character: 31 } });
      assert.ok(titles(actions).includes('Pin 2 packages (requirements-3sep.txt) (changes the image)'), JSON.stringify(titles(actions)));
      assert.ok(titles(actions).includes('Pin astropy to 3.2.3 (requirements-3sep.txt) (changes the image)'));
      // One diagnostic for the install command; the cursor on astropy offers astropy's pin, not numpy's.
      assert.equal((await client.diagnostics(uri, () => true)).filter((d) => d.code === 'pip-package-not-pinned').length, 1);
      assert.ok(!titles(actions).some((t) => t.startsWith('Pin numpy')), JSON.stringify(titles(actions)));
      const onNumpy = await client.codeActions(uri, { start: { line: 1, character: 40 }, end: { line: 1, character: 40 } });
      assert.ok(titles(onNumpy).includes('Pin numpy to 1.19.1 (requirements-3sep.txt) (changes the image)'), JSON.stringify(titles(onNumpy)));
      assert.ok(titles(onNumpy).includes('Pin 2 packages (requirements-3sep.txt) (changes the image)'));
      assert.ok(!titles(onNumpy).some((t) => t.startsWith('Pin astropy')));
      const arg = actions.find((a) => a.title === 'Pin astropy to 3.2.3 in ARG ASTROPY_VERSION (requirements-3sep.txt) (changes the image)');
      assert.ok(arg?.edit);
      client.applyWorkspaceEdit(arg.edit);
      assert.equal(client.text(uri), 'FROM python:3.8-slim\nARG ASTROPY_VERSION="3.2.3"\nRUN pip install --no-cache-dir astropy==$ASTROPY_VERSION numpy\n');

      fs.writeFileSync(path.join(dir, 'requirements-3sep.txt'), 'astropy==3.2.3\nnumpy==1.20.0\n');
      await client.filesChanged([pathToFileURL(path.join(dir, 'requirements-3sep.txt')).href]);
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'pip-package-not-pinned'));
      // The re-lint after the watcher's event is published for the same version: wait for the new action.
      const deadline = Date.now() + 5000;
      do {
        actions = await client.codeActions(uri, lineRange(2));
      } while (!titles(actions).includes('Pin numpy to 1.20.0 (requirements-3sep.txt) (changes the image)') && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 50)), true));
      assert.ok(titles(actions).includes('Pin numpy to 1.20.0 (requirements-3sep.txt) (changes the image)'), JSON.stringify(titles(actions)));
    } finally {
      await client.stop();
    }
  });

  it('reports a malformed lockfile on the COPY that copies it, and keeps serving', async () => {
    const dir = folder('malformed', { 'pylock.toml': 'lock-version = "1.0"\n[[packages]\nname = "x"\n' });
    const client = await LspClient.start({ rootUri: pathToFileURL(tmp).href });
    try {
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      await client.open(uri, 'FROM python:3.12-slim\nCOPY pylock.toml /app/\nRUN pip install --no-cache-dir tinypkg\n');
      const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'lockfile-not-readable'));
      const d = diagnostics.find((x) => x.code === 'lockfile-not-readable')!;
      assert.equal(d.range.start.line, 1);
      assert.match(String(d.message), /pylock\.toml cannot be read as a lockfile: pylock\.toml, line 2: not valid TOML/);
    } finally {
      await client.stop();
    }
  });

  it('asks the package index only when the action is resolved, and only in a trusted workspace', async () => {
    const dir = folder('index', {});
    const text = 'FROM python:3.11-slim\nRUN pip install --no-cache-dir tinypkg\n';
    const untrusted = await LspClient.start({ rootUri: pathToFileURL(tmp).href, resolveActions: true, settings: { pip: { indexUrl: index.url } } });
    try {
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      await untrusted.open(uri, text);
      await untrusted.diagnostics(uri, (d) => d.length > 0);
      const actions = await untrusted.codeActions(uri, lineRange(1));
      assert.ok(!titles(actions).some((t) => t.includes('newest')), JSON.stringify(titles(actions)));
    } finally {
      await untrusted.stop();
    }
    const asked = index.requests.length;
    const client = await LspClient.start({
      rootUri: pathToFileURL(tmp).href,
      resolveActions: true,
      settings: { pip: { indexUrl: index.url } },
      initializationOptions: { workspaceTrusted: true },
    });
    try {
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      await client.open(uri, text);
      await client.diagnostics(uri, (d) => d.length > 0);
      const host = new URL(index.url).host;
      let action: CodeAction | undefined;
      const deadline = Date.now() + 5000;
      while (!action && Date.now() < deadline) {
        action = (await client.codeActions(uri, lineRange(1))).find((a) => a.title === `Pin tinypkg to the newest on ${host} (changes the image)`);
        if (!action) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(action, 'no index action');
      assert.equal(action.edit, undefined);
      assert.equal(index.requests.length, asked, 'the index was asked before the action was picked');
      const resolved = await client.resolveCodeAction(action);
      assert.ok(resolved.edit);
      client.applyWorkspaceEdit(resolved.edit);
      assert.equal(client.text(uri), 'FROM python:3.11-slim\nRUN pip install --no-cache-dir tinypkg==1.1.0\n');
      assert.ok(index.requests.includes('/simple/tinypkg/'));
    } finally {
      await client.stop();
    }
  });
});
