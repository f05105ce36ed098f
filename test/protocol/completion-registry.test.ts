// Tags, hovers, digest pins and their updates over LSP against Debian's
// docker-registry on 127.0.0.1, with images pushed from the local engine and
// one multi-platform index made with `docker manifest`; the same images
// behind htpasswd, a credential helper of the test's own, and token auth
// whose tokens the registry checks itself.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { dockerAsync, withDocker } from '../support/docker';
import { uniqueTag } from '../support/images';
import { LspClient } from '../support/lspClient';
import { startRegistry, startTokenServer, type Registry, type TokenServer } from '../support/registry';

const BASE = 'debian:bookworm-slim';

async function mustDocker(args: string[], input?: string): Promise<string> {
  const r = await dockerAsync(args, { input, timeoutMs: 5 * 60_000 });
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Asks again while the list is incomplete, as an editor does while the user types. */
async function settledCompletion(client: LspClient, uri: string, line: number, character: number): Promise<CompletionList> {
  let list = await client.completion(uri, { line, character });
  for (let i = 0; list.isIncomplete && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    list = await client.completion(uri, { line, character });
  }
  return list;
}

let n = 0;

withDocker(() => {
  describe('tags, digests and pins from a real registry', () => {
    let dir: string;
    let storage: string;
    let open: Registry;
    let emptyConfig: string;
    let repo: string;
    const digests: Record<string, string> = {};
    let baseId: string;
    let other: string;
    const localTags: string[] = [];
    let client: LspClient;
    const uri = () => pathToFileURL(path.join(dir, `Dockerfile.${++n}`)).toString();

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-registry-'));
      storage = path.join(dir, 'storage');
      emptyConfig = fs.mkdtempSync(path.join(dir, 'config-'));
      open = await startRegistry(dir, storage);
      repo = `${open.host}/layerwise-test/base-${process.pid}`;
      baseId = (await mustDocker(['image', 'inspect', '--format', '{{.Id}}', BASE])).trim();
      other = uniqueTag('registry-other');
      await mustDocker(['build', '-q', '-t', other, '-'], `FROM ${BASE}\nLABEL layerwise.test=other\n`);
      for (const [tag, source] of [['1.0', BASE], ['1.1-slim', BASE], ['2.0', BASE], ['b', other]] as const) {
        await mustDocker(['tag', source, `${repo}:${tag}`]);
        localTags.push(`${repo}:${tag}`);
        const out = await mustDocker(['push', `${repo}:${tag}`]);
        digests[tag] = /digest: (sha256:[a-f0-9]{64})/.exec(out)![1];
      }
      // A tag only this machine has: completion lists it from the engine.
      await mustDocker(['tag', BASE, `${repo}:0.9-local`]);
      localTags.push(`${repo}:0.9-local`);
      await mustDocker(['manifest', 'create', '--insecure', `${repo}:multi`, `${repo}:2.0`, `${repo}:b`]);
      await mustDocker(['manifest', 'annotate', `${repo}:multi`, `${repo}:b`, '--arch', 'arm64']);
      const pushed = await mustDocker(['manifest', 'push', '--purge', '--insecure', `${repo}:multi`]);
      digests.multi = /sha256:[a-f0-9]{64}/.exec(pushed)![0];
      client = await LspClient.start({ initializationOptions: { workspaceTrusted: true }, env: { ...process.env, DOCKER_CONFIG: emptyConfig } });
    });

    after(async () => {
      await client?.stop();
      for (const tag of localTags) await dockerAsync(['image', 'rm', tag]);
      await dockerAsync(['image', 'rm', `${repo}@${digests.multi}`]);
      if (other) await dockerAsync(['image', 'rm', other]);
      await open?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('completes the tags of the local engine and the registry, newest version first, variants together', async () => {
      const u = uri();
      const text = `FROM ${repo}:`;
      await client.open(u, text);
      const list = await settledCompletion(client, u, 0, text.length);
      assert.deepEqual(
        list.items.map((i) => i.label),
        ['2.0', '1.1-slim', '1.0', '0.9-local', 'b', 'multi'],
      );
      assert.equal(list.items.find((i) => i.label === '0.9-local')!.detail, 'on this machine');
      assert.equal(list.items.find((i) => i.label === 'multi')!.detail, `from ${open.host}`);
      assert.deepEqual((list.items[0].textEdit as TextEdit).range, { start: { line: 0, character: text.length }, end: { line: 0, character: text.length } });
    });

    it('hovers with the local copy and the digest the tag points to now', async () => {
      const u = uri();
      await client.open(u, `FROM ${repo}:1.0\nFROM ${repo}:multi\n`);
      const local = (await client.hover(u, { line: 0, character: 7 }))!.contents as MarkupContent;
      assert.match(local.value, /\*\*On this machine:\*\* [\d.]+ MB, created \d{4}-\d\d-\d\d/);
      assert.match(local.value, /linux\/amd64/);
      assert.ok(local.value.includes(`${repo}@${digests['1.0']}`), 'the local repo digest');
      assert.ok(local.value.includes(`\`1.0\` points to \`${digests['1.0']}\``));
      const multi = (await client.hover(u, { line: 1, character: 7 }))!.contents as MarkupContent;
      assert.ok(multi.value.includes(`\`multi\` points to \`${digests.multi}\` (a multi-platform index)`));
    });

    it('pins a tag to the digest the registry gives, and the pinned FROM builds the image pushed', async () => {
      const u = uri();
      await client.open(u, `FROM ${repo}:multi\nRUN true\n`);
      const actions = await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      const pin = actions.find((a) => a.title.startsWith("Pin the image to its registry's digest"));
      assert.ok(pin, `offered: ${actions.map((a) => a.title).join('; ')}`);
      client.applyWorkspaceEdit(pin.edit!);
      await client.diagnostics(u);
      assert.equal(client.text(u), `FROM ${repo}:multi@${digests.multi}\nRUN true\n`);

      // The proof: docker builds from the pinned line, and the image pulled back by that digest is the one pushed.
      const context = fs.mkdtempSync(path.join(dir, 'context-'));
      fs.writeFileSync(path.join(context, 'Dockerfile'), client.text(u));
      const built = uniqueTag('registry-pinned');
      localTags.push(built);
      await mustDocker(['build', '-q', '-t', built, context]);
      await mustDocker(['pull', '-q', `${repo}@${digests.multi}`]);
      assert.equal((await mustDocker(['image', 'inspect', '--format', '{{.Id}}', `${repo}@${digests.multi}`])).trim(), baseId, 'linux/amd64 of the index is the image pushed');
    });

    it('asks the registry only when the pin is picked, in an editor that resolves actions later', async () => {
      const resolving = await LspClient.start({ initializationOptions: { workspaceTrusted: true }, resolveActions: true, env: { ...process.env, DOCKER_CONFIG: emptyConfig } });
      try {
        const u = uri();
        await resolving.open(u, `FROM ${repo}:1.0\n`);
        const actions = await resolving.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
        const pin = actions.find((a) => a.title.startsWith("Pin the image to its registry's digest"))!;
        assert.equal(pin.edit, undefined, 'no edit until picked');
        const resolved = await resolving.resolveCodeAction(pin);
        assert.deepEqual((resolved.edit!.changes![u] as TextEdit[]).map((e) => e.newText), [`${repo}:1.0@${digests['1.0']}`]);
      } finally {
        await resolving.stop();
      }
    });

    it('warns when a pinned digest is no longer the tag\'s, and updates it to what the tag points to now', async () => {
      const u = uri();
      await client.open(u, `FROM ${repo}:multi@${digests['1.0']}\n`);
      const stale = await client.diagnostics(u, (d) => d.some((x) => x.code === 'pinned-digest-outdated'), 10_000);
      const warning = stale.find((x) => x.code === 'pinned-digest-outdated')!;
      assert.equal(warning.severity, 2);
      assert.match(String(warning.message), /no longer what '.*:multi' points to/);
      const actions = await client.codeActions(u, warning.range);
      const update = actions.find((a) => a.title.startsWith('Update the digest to what the tag points to now'));
      assert.ok(update);
      assert.equal(actions.filter((a) => a.title.startsWith('Pin the image')).length, 0, 'one action at a time');
      assert.deepEqual((update.edit!.changes![u] as TextEdit[]).map((e) => e.newText), [digests.multi]);
      client.applyWorkspaceEdit(update.edit!);
      const fresh = await client.diagnostics(u, (d) => !d.some((x) => x.code === 'pinned-digest-outdated'));
      assert.equal(client.text(u), `FROM ${repo}:multi@${digests.multi}\n`);
      assert.equal(fresh.filter((x) => x.code === 'pinned-digest-outdated').length, 0);
    });

    it('warns on the ARG default a FROM uses when its digest is stale, once for two FROMs, and the update edits that default', async () => {
      const u = uri();
      const text = `ARG BASE=${repo}:multi@${digests['1.0']}\nFROM \${BASE}\nRUN true\nFROM $BASE AS x\n`;
      await client.open(u, text);
      const stale = await client.diagnostics(u, (d) => d.some((x) => x.code === 'pinned-digest-outdated'), 10_000);
      const warnings = stale.filter((x) => x.code === 'pinned-digest-outdated');
      assert.equal(warnings.length, 1, 'one warning for the one default');
      const [warning] = warnings;
      assert.deepEqual(warning.range, { start: { line: 0, character: 4 }, end: { line: 0, character: text.indexOf('\n') } }, 'on the ARG word that writes the digest');
      assert.match(String(warning.message), /digest pinned in ARG BASE's default is no longer what '.*:multi' points to/);
      assert.deepEqual(
        warning.relatedInformation!.map((r) => [r.location.range.start.line, r.message]),
        [
          [1, 'FROM ${BASE} uses it'],
          [3, 'FROM $BASE AS x uses it'],
        ],
      );
      const actions = await client.codeActions(u, warning.range);
      const updates = actions.filter((a) => a.title.startsWith('Update the digest to what the tag points to now'));
      assert.equal(updates.length, 1, `offered: ${actions.map((a) => a.title).join('; ')}`);
      client.applyWorkspaceEdit(updates[0].edit!);
      await client.diagnostics(u, (d) => !d.some((x) => x.code === 'pinned-digest-outdated'));
      assert.equal(client.text(u), `ARG BASE=${repo}:multi@${digests.multi}\nFROM \${BASE}\nRUN true\nFROM $BASE AS x\n`);
    });

    it('updates a digest pinned in a default made of other ARGs, from the FROM line too', async () => {
      const u = uri();
      const [registry, image] = [open.host, repo.slice(open.host.length + 1)];
      const lines = [`ARG REGISTRY=${registry}`, `ARG IMAGE=${image}`, 'ARG TAG=1.0', `ARG BASE=$REGISTRY/$IMAGE:\${TAG}@${digests.b}`, 'FROM $BASE AS app', ''];
      await client.open(u, lines.join('\n'));
      const stale = await client.diagnostics(u, (d) => d.some((x) => x.code === 'pinned-digest-outdated'), 10_000);
      const warning = stale.find((x) => x.code === 'pinned-digest-outdated')!;
      assert.equal(warning.range.start.line, 3);
      assert.match(String(warning.message), new RegExp(`no longer what '${repo.replace(/[.]/g, '\\.')}:1\\.0' points to`));
      const actions = await client.codeActions(u, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
      const update = actions.find((a) => a.title.startsWith('Update the digest'));
      assert.ok(update, `offered on the FROM: ${actions.map((a) => a.title).join('; ')}`);
      client.applyWorkspaceEdit(update.edit!);
      await client.diagnostics(u, (d) => !d.some((x) => x.code === 'pinned-digest-outdated'));
      lines[3] = `ARG BASE=$REGISTRY/$IMAGE:\${TAG}@${digests['1.0']}`;
      assert.equal(client.text(u), lines.join('\n'));
    });

    it('hovers on FROM $BASE with what the registry says of the ARG default\'s image', async () => {
      const u = uri();
      await client.open(u, `ARG BASE=${repo}:1.0@${digests.b}\nFROM $BASE\n`);
      const hover = (await client.hover(u, { line: 1, character: 7 }))!;
      const text = (hover.contents as MarkupContent).value;
      assert.ok(text.startsWith(`\`$BASE\` is \`${repo}:1.0@${digests.b}\` by the ARG defaults`), text);
      assert.ok(text.includes(`\`1.0\` points to \`${digests['1.0']}\``), text);
      assert.ok(text.includes(`The pinned digest \`${digests.b}\` is no longer what \`1.0\` points to.`), text);
      assert.deepEqual(hover.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 10 } });
    });

    describe('behind a login', () => {
      let basic: Registry;
      let token: TokenServer;
      let bearer: Registry;
      let bin: string;
      const helperLog = () => path.join(dir, 'helper.log');

      before(async () => {
        basic = await startRegistry(dir, storage, { kind: 'htpasswd', user: 'ada', password: 'lovelace-1815' });
        token = await startTokenServer(dir, { grace: 'hopper-1906' });
        bearer = await startRegistry(dir, storage, { kind: 'token', realm: token.realm, service: token.service, issuer: token.issuer, certFile: token.certFile });
        bin = fs.mkdtempSync(path.join(dir, 'bin-'));
        // A credential helper as docker runs one: `get`, the server on stdin, JSON on stdout.
        fs.writeFileSync(
          path.join(bin, 'docker-credential-layerwisetest'),
          `#!/bin/sh\nread server\necho "$1 $server" >> '${helperLog()}'\ncase "$server" in\n  ${basic.host}) echo '{"Username":"ada","Secret":"lovelace-1815"}' ;;\n  ${bearer.host}) echo '{"Username":"grace","Secret":"hopper-1906"}' ;;\n  *) echo 'credentials not found in native keychain'; exit 1 ;;\nesac\n`,
          { mode: 0o755 },
        );
      });
      after(async () => {
        await basic?.stop();
        await bearer?.stop();
        await token?.stop();
      });

      async function withClient(config: object, check: (c: LspClient) => Promise<void>): Promise<void> {
        const configDir = fs.mkdtempSync(path.join(dir, 'config-'));
        fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify(config));
        const c = await LspClient.start({ initializationOptions: { workspaceTrusted: true }, env: { ...process.env, DOCKER_CONFIG: configDir, PATH: `${bin}:${process.env.PATH}` } });
        try {
          await check(c);
        } finally {
          await c.stop();
        }
      }

      async function tagsFrom(c: LspClient, host: string): Promise<string[]> {
        const u = uri();
        const text = `FROM ${host}/layerwise-test/base-${process.pid}:`;
        await c.open(u, text);
        return (await settledCompletion(c, u, 0, text.length)).items.map((i) => i.label);
      }

      it('uses basic auth with the Docker config\'s credentials, and says a login is wanted without them', async () => {
        await withClient({}, async (c) => {
          assert.deepEqual(await tagsFrom(c, basic.host), []);
          assert.ok(c.logs.some((l) => l.includes(`${basic.host} wants a login`)), c.logs.join('\n'));
          assert.ok(!c.logs.join('\n').includes('lovelace'));
        });
        await withClient({ auths: { [basic.host]: { auth: Buffer.from('ada:lovelace-1815').toString('base64') } } }, async (c) => {
          assert.deepEqual(await tagsFrom(c, basic.host), ['2.0', '1.1-slim', '1.0', 'b', 'multi']);
        });
      });

      it('runs the credential helper the config names, with the host on stdin', async () => {
        await withClient({ credHelpers: { [basic.host]: 'layerwisetest' } }, async (c) => {
          assert.deepEqual(await tagsFrom(c, basic.host), ['2.0', '1.1-slim', '1.0', 'b', 'multi']);
        });
        assert.ok(fs.readFileSync(helperLog(), 'utf8').includes(`get ${basic.host}`));
      });

      it('follows the bearer challenge to the token service, whose signed token the registry accepts', async () => {
        const before = token.requests.length;
        await withClient({ credsStore: 'layerwisetest' }, async (c) => {
          assert.deepEqual(await tagsFrom(c, bearer.host), ['2.0', '1.1-slim', '1.0', 'b', 'multi']);
        });
        const asked = token.requests.slice(before);
        assert.ok(asked.length >= 1);
        assert.ok(asked.every((r) => r.authorization === `Basic ${Buffer.from('grace:hopper-1906').toString('base64')}`));
        assert.ok(asked.some((r) => r.url.includes(`scope=repository%3Alayerwise-test%2Fbase-${process.pid}%3Apull`)));
      });

      it('sends no credentials to a token service on another host than the registry', async () => {
        const elsewhere = await startRegistry(dir, storage, { kind: 'token', realm: token.realm.replace('127.0.0.1', 'localhost'), service: token.service, issuer: token.issuer, certFile: token.certFile });
        const before = token.requests.length;
        try {
          await withClient({ auths: { [elsewhere.host]: { auth: Buffer.from('grace:hopper-1906').toString('base64') } } }, async (c) => {
            assert.deepEqual(await tagsFrom(c, elsewhere.host), [], 'the token service refuses an anonymous ask');
          });
        } finally {
          await elsewhere.stop();
        }
        const asked = token.requests.slice(before);
        assert.ok(asked.length >= 1, 'the token service was asked');
        assert.ok(asked.every((r) => r.authorization === undefined), 'without the registry\'s credentials');
      });
    });
  });
});
