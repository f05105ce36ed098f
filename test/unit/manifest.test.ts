// What package.json promises VS Code and the Marketplace: when the extension
// wakes up, what it does in untrusted workspaces, that every setting explains
// itself, that every command sits in the Layerwise category with a when-clause,
// and that what it points at (snippets, icon, commands) exists.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBytes } from '../../server/src/container/units';
import { rules } from '../../server/src/rules';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const commands: Array<{ command: string; title: string; category?: string }> = pkg.contributes.commands;
const palette: Array<{ command: string; when?: string }> = pkg.contributes.menus.commandPalette;
const properties: Record<string, { description?: string; markdownDescription?: string }> = pkg.contributes.configuration.properties;

test('the extension activates only for Dockerfiles and its own commands', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:dockerfile', ...commands.map((c) => `onCommand:${c.command}`)]);
});

test('in an untrusted workspace it is limited to linting and fixing, and says so', () => {
  const untrusted = pkg.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.match(untrusted.description, /only lints and fixes/);
});

test('every setting has a markdownDescription, and every rule has a severity setting', () => {
  for (const [key, schema] of Object.entries(properties)) {
    assert.ok(schema.markdownDescription && schema.markdownDescription.length > 20, `${key} needs a markdownDescription`);
    assert.equal(schema.description, undefined, `${key}: use markdownDescription only`);
  }
  for (const rule of rules) assert.ok(properties[`layerwise.rules.${rule.meta.id}`], `no setting for ${rule.meta.id} (run npm run generate)`);
  for (const key of ['layerwise.enable', 'layerwise.trace.server']) assert.ok(properties[key], key);
});

test('every command is in the Layerwise category, has a when-clause and is registered by the client', () => {
  // The extension's entry registers some; the Docker commands are registered from client/src/docker/.
  const clientFiles = ['client/src/extension.ts', ...fs.readdirSync(path.join(root, 'client/src/docker')).map((f) => `client/src/docker/${f}`)];
  const registering = clientFiles.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).filter((text) => text.includes('registerCommand('));
  assert.ok(commands.length > 0);
  for (const c of commands) {
    assert.equal(c.category, 'Layerwise', c.command);
    assert.ok(palette.find((m) => m.command === c.command)?.when, `${c.command} needs a when-clause in menus.commandPalette`);
    assert.ok(registering.some((text) => text.includes(`'${c.command}'`)), `${c.command} is not registered by the client`);
  }
});

test('the listing has a name, categories, keywords, license, repository and a 128x128 PNG icon', () => {
  assert.ok(pkg.displayName && pkg.description);
  assert.deepEqual(pkg.categories, ['Linters', 'Programming Languages']);
  assert.ok(pkg.keywords.length >= 5);
  assert.equal(pkg.license, 'MIT');
  assert.match(pkg.repository.url, /^https:\/\//);
  const icon = fs.readFileSync(path.join(root, pkg.icon));
  assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
});

test('the snippets file it contributes exists and is packaged', () => {
  const [snippets] = pkg.contributes.snippets;
  assert.equal(snippets.language, 'dockerfile');
  assert.ok(fs.existsSync(path.join(root, snippets.path)));
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!snippets/**'));
  assert.ok(ignore.includes(`!${pkg.icon}`));
});

test('the Settings editor flags a minWaste that is no size, as layerwise measure --max-waste would', () => {
  const schema = pkg.contributes.configuration.properties['layerwise.measure.minWaste'];
  const pattern = new RegExp(schema.pattern);
  assert.ok(pattern.test(schema.default));
  for (const text of ['1 MB', '500kB', '2MiB', '1.5G', '1000', ' 20 mb ', 'MB', '1 XB', '-1MB', '1e6', '']) {
    assert.equal(pattern.test(text), parseBytes(text) !== null, text);
  }
});
