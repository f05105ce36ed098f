// The same checks as test/e2e/layerwise.e2e.ts, through VS Code's API inside
// the extension host (@vscode/test-electron): findings, the fix and the ignore
// action, fix-all on save, severity from settings, which file names are linted.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { fixUntilStable } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import { pipCacheNotDisabled } from '../../../server/src/rules/pipCacheNotDisabled';

const WAIT_MS = 30_000;

function uriOf(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, relative));
}

function layerwise(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'layerwise');
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const at = (d: vscode.Diagnostic) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`;

/** Resolves when the file's Layerwise diagnostics satisfy `done`, checking on every change. */
function diagnosticsFor(uri: vscode.Uri, done: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = layerwise(uri);
      if (!done(ds)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(ds);
      return true;
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`gave up waiting for ${what}; last seen: ${layerwise(uri).map(at).join(', ')}`));
    }, WAIT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    check();
  });
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

async function actionsAt(document: vscode.TextDocument, line: number, column: number): Promise<vscode.CodeAction[]> {
  const position = new vscode.Position(line - 1, column - 1);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(position, position), vscode.CodeActionKind.QuickFix.value);
}

suite('Layerwise in VS Code (extension host)', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.layerwise': 'explicit' }, vscode.ConfigurationTarget.Global);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening a seed Dockerfile reports its findings with their rule ids', async () => {
    await open('findings/Dockerfile.2');
    const ds = await diagnosticsFor(uriOf('findings/Dockerfile.2'), (d) => d.length >= 2, 'two findings');
    const seen = ds.map(at);
    assert.ok(seen.includes('apt-lists-not-removed 3:5'), seen.join(', '));
    assert.ok(seen.includes('cleanup-in-separate-layer 10:5'), seen.join(', '));
  });

  test('the quick fix is offered; applying it changes the text and the finding goes', async () => {
    const document = await open('lightbulb/Dockerfile.1');
    const original = document.getText();
    await diagnosticsFor(document.uri, (ds) => ds.some((d) => codeOf(d) === 'pip-cache-not-disabled'), 'the pip finding');
    const actions = await actionsAt(document, 3, 5);
    const fix = actions.find((a) => a.title === pipCacheNotDisabled.meta.messages.fix);
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), original.replace('RUN pip install astropy', 'RUN pip install --no-cache-dir astropy'));
    await diagnosticsFor(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'pip-cache-not-disabled'), 'the finding to go');
  });

  test('"Ignore <rule> for this instruction" adds the comment above it and the finding goes', async () => {
    const document = await open('ignore/Dockerfile.1');
    const lines = document.getText().split('\n');
    await diagnosticsFor(document.uri, (ds) => ds.some((d) => codeOf(d) === 'apt-lists-not-removed'), 'the apt finding');
    const ignore = (await actionsAt(document, 3, 5)).find((a) => a.title === 'Ignore apt-lists-not-removed for this instruction');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    lines.splice(2, 0, '# layerwise-ignore=apt-lists-not-removed');
    assert.equal(document.getText(), lines.join('\n'));
    await diagnosticsFor(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'apt-lists-not-removed'), 'the finding to go');
  });

  test('with editor.codeActionsOnSave set to source.fixAll.layerwise, saving applies the safe fixes', async () => {
    const document = await open('on-save/Dockerfile.2');
    const expected = fixUntilStable(document.getText(), (t) => lint(t).findings, 'safe').text;
    assert.notEqual(expected, document.getText());
    await diagnosticsFor(document.uri, (ds) => ds.length > 0, 'the findings');
    // An explicit save (what Ctrl+S runs) runs the save participants even on an unmodified file.
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(document.getText(), expected);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString('utf8'), expected);
  });

  test("changing a rule's severity in the settings changes the diagnostics without a reload", async () => {
    const document = await open('severity/Dockerfile.1');
    const pip = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'pip-cache-not-disabled');
    const config = () => vscode.workspace.getConfiguration('layerwise');
    await diagnosticsFor(document.uri, (ds) => pip(ds)?.severity === vscode.DiagnosticSeverity.Warning, 'a warning');
    await config().update('rules.pip-cache-not-disabled', 'error', vscode.ConfigurationTarget.Global);
    await diagnosticsFor(document.uri, (ds) => pip(ds)?.severity === vscode.DiagnosticSeverity.Error, 'an error');
    await config().update('rules.pip-cache-not-disabled', 'off', vscode.ConfigurationTarget.Global);
    await diagnosticsFor(document.uri, (ds) => pip(ds) === undefined, 'the finding to go');
    await config().update('rules.pip-cache-not-disabled', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsFor(document.uri, (ds) => pip(ds)?.severity === vscode.DiagnosticSeverity.Warning, 'a warning again');
  });

  test('a Containerfile and a build.Dockerfile are linted; a text file with the same content is not', async () => {
    const notes = await open('names/notes.txt');
    assert.notEqual(notes.languageId, 'dockerfile');
    for (const name of ['names/Containerfile', 'names/build.Dockerfile']) {
      const document = await open(name);
      assert.equal(document.languageId, 'dockerfile', name);
      const ds = await diagnosticsFor(document.uri, (d) => d.length > 0, `findings in ${name}`);
      assert.deepEqual(ds.map(at), ['pip-cache-not-disabled 3:5']);
    }
    // The server has answered for both later files, so it would have reported on the text file by now.
    assert.deepEqual(layerwise(notes.uri), []);
  });
});
