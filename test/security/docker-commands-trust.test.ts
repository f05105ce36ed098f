// Generate lockfile and Capture environment changes run Docker with the
// workspace's files: VS Code disables them in an untrusted workspace, and each
// handler checks trust again before anything else (a command can be run by
// another extension, which enablement does not stop).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; enablement?: string }> };
  capabilities: { untrustedWorkspaces: { description: string } };
};

const HANDLERS = { 'layerwise.generateLockfile': 'client/src/docker/lock.ts', 'layerwise.captureEnvironment': 'client/src/docker/envDiff.ts' };

describe('the Docker commands in an untrusted workspace', () => {
  for (const [command, file] of Object.entries(HANDLERS)) {
    it(`${command} is disabled there and its handler checks trust first`, () => {
      assert.equal(pkg.contributes.commands.find((c) => c.command === command)?.enablement, 'isWorkspaceTrusted');
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      assert.match(source, /return async \(uri\?: vscode\.Uri\) => \{\n\s+if \(!\(await trusted\(WHAT\)\)\) return;\n/);
    });
  }

  it('every command that runs Docker (Build, Measure, the engine picker, the report export too) is disabled there', () => {
    const docker = pkg.contributes.commands.filter((c) => !['layerwise.fixAll', 'layerwise.showOutput', 'layerwise.restartServer'].includes(c.command));
    assert.ok(docker.length >= 6, docker.map((c) => c.command).join(', '));
    for (const c of docker) assert.equal(c.enablement, 'isWorkspaceTrusted', c.command);
  });

  it('says so in the manifest, and the check reads VS Code’s trust', () => {
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /Generate lockfile, Capture environment changes, Build image and Measure image, which run Docker, are disabled there/);
    assert.match(fs.readFileSync(path.join(root, 'client/src/docker/trust.ts'), 'utf8'), /if \(vscode\.workspace\.isTrusted\) return true;/);
  });
});
