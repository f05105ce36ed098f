// In an untrusted workspace Layerwise starts no process of the workspace's
// choosing. The manifest says what is limited there, and the code path holds
// to it: the client starts only the language server module bundled with the
// extension (no command, no path from settings), and neither the client nor
// the server imports child_process (see no-shell.test.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION = path.join(ROOT, 'client', 'src', 'extension.ts');
const source = ts.createSourceFile(EXTENSION, fs.readFileSync(EXTENSION, 'utf8'), ts.ScriptTarget.Latest, true);

function find<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node) => {
    if (test(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function variable(name: string): ts.Expression | undefined {
  return find(source, ts.isVariableDeclaration).find((d) => d.name.getText() === name)?.initializer;
}

describe('untrusted workspaces', () => {
  it('are declared as limited support in the manifest, with what is limited', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted.description, /runs no Docker command and nothing from the workspace/);
  });

  it('get no setting that names a program, a path or arguments to run, unless it is restricted', () => {
    const properties = Object.keys(manifest.contributes.configuration.properties);
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    // Rule severities are choices from a list, whatever a rule's name says (dockerfile-syntax).
    const runs = properties.filter((p) => !p.startsWith('layerwise.rules.') && /path|command|executable|binary|args|docker/i.test(p) && !restricted.includes(p));
    assert.deepEqual(runs, []);
  });

  it('start only the bundled server module, over stdio, and no command', () => {
    const options = variable('serverOptions');
    assert.ok(options && ts.isObjectLiteralExpression(options), 'serverOptions is an object literal');
    const modes = options.properties.filter(ts.isPropertyAssignment);
    assert.deepEqual(modes.map((m) => m.name.getText()).sort(), ['debug', 'run']);
    for (const mode of modes) {
      assert.ok(ts.isObjectLiteralExpression(mode.initializer));
      const keys = mode.initializer.properties.map((p) => p.name?.getText());
      assert.ok(keys.includes('module'), `${mode.name.getText()} starts a module`);
      assert.ok(!keys.includes('command'), `${mode.name.getText()} runs no command`);
      const transport = mode.initializer.properties.find((p) => p.name?.getText() === 'transport');
      assert.equal(transport && ts.isPropertyAssignment(transport) ? transport.initializer.getText() : null, 'TransportKind.stdio');
    }
    // `module` is the server bundled inside the extension, not a path from a setting.
    assert.equal(variable('module')?.getText(), "context.asAbsolutePath('dist/server.js')");
  });

  it('start no server from the workspace: the only ServerOptions is the one above', () => {
    const clients = find(source, ts.isNewExpression).filter((n) => n.expression.getText() === 'LanguageClient');
    assert.equal(clients.length, 1);
    assert.equal(clients[0].arguments?.[2]?.getText(), 'serverOptions');
  });
});
