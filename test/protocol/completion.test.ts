// Base-image completion over LSP, without a registry: the catalogue after
// FROM, ordered by what the Dockerfile does, the file's stages, the default of
// an ARG a FROM uses; and that nothing is looked up where it must not be.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import { startServer, type CountingServer } from '../support/countingServer';
import { LspClient } from '../support/lspClient';

let n = 0;
const uri = (dir: string) => pathToFileURL(path.join(dir, `Dockerfile.${++n}`)).toString();
const labels = (list: CompletionList) => list.items.map((i) => i.label);

/** Completes at the end of the given line of the text. */
async function completeAtEnd(client: LspClient, dir: string, text: string, line: number): Promise<CompletionList> {
  const u = uri(dir);
  await client.open(u, text);
  return client.completion(u, { line, character: text.split('\n')[line].length });
}

describe('base-image completion from the catalogue', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-completion-'));
    client = await LspClient.start({ initializationOptions: { workspaceTrusted: false } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces completion and hover', () => {
    assert.ok(client.initializeResult.capabilities.completionProvider);
    assert.equal(client.initializeResult.capabilities.hoverProvider, true);
  });

  it('offers the curated images after FROM, each with its docs', async () => {
    const list = await completeAtEnd(client, dir, 'FROM ', 0);
    const all = labels(list);
    for (const want of ['python:3.12-slim', 'continuumio/miniconda3:24.7.1-0', 'intelpython/intelpython3_core:2024.2.0', 'nvidia/cuda:12.4.1-devel-ubuntu22.04', 'pawsey/mpich-base:3.4.3_ubuntu20.04', 'quay.io/jupyter/scipy-notebook:2024-10-07', 'rocker/r-ver:4.4.1', 'ghcr.io/astral-sh/uv:python3.12-bookworm-slim', 'debian:bookworm-slim']) {
      assert.ok(all.includes(want), `${want} is offered`);
    }
    const slim = list.items.find((i) => i.label === 'python:3.12-slim')!;
    const docs = (slim.documentation as MarkupContent).value;
    assert.equal((slim.documentation as MarkupContent).kind, 'markdown');
    assert.match(docs, /avoid including unneeded packages/);
    assert.match(docs, /Based on: Debian/);
    assert.match(docs, /\[Registry page\]\(https:\/\/hub\.docker\.com\/_\/python\)/);
    assert.match(docs, /\[Dockerfile\]\(https:\/\//);
    assert.match(docs, /Typical size: about/);
    assert.deepEqual(slim.textEdit, { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, newText: 'python:3.12-slim' });
  });

  it('puts first what the Dockerfile does: pip -> python slim, conda -> miniconda3, nvcc or numba -> CUDA devel', async () => {
    const first = async (body: string) => {
      const list = await completeAtEnd(client, dir, `FROM \n${body}\n`, 0);
      return [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0].label;
    };
    assert.equal(await first('RUN pip install --no-cache-dir astropy'), 'python:3.12-slim');
    assert.equal(await first('RUN conda install -y numpy && conda clean -afy'), 'continuumio/miniconda3:24.7.1-0');
    assert.equal(await first('RUN nvcc -o app app.cu'), 'nvidia/cuda:12.4.1-devel-ubuntu22.04');
    assert.equal(await first('RUN pip install numba'), 'python:3.12-slim', 'pip and numba: both score, python first in the file order');
    assert.equal(await first('RUN conda install -y numba cudatoolkit\nRUN python -c "from numba import cuda"'), 'nvidia/cuda:12.4.1-devel-ubuntu22.04');
  });

  it('offers the stages declared above, and completes the default of an ARG that a FROM uses', async () => {
    const stages = await completeAtEnd(client, dir, 'FROM python:3.12-slim AS build\nRUN pip wheel -w /w x\nFROM ', 2);
    assert.equal(labels(stages)[0], 'build');
    const arg = await completeAtEnd(client, dir, 'ARG BASE_IMAGE=\nFROM ${BASE_IMAGE}\n', 0);
    assert.ok(labels(arg).includes('python:3.12-slim'));
    const unused = await completeAtEnd(client, dir, 'ARG VERSION=\nFROM python:3.12-slim\n', 0);
    assert.deepEqual(unused.items, [], 'an ARG no FROM uses gets no images');
  });

  it('hovers on a FROM image with the catalogue\'s text, and nothing looked up in an untrusted workspace', async () => {
    const u = uri(dir);
    await client.open(u, 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN nvcc --version\n');
    const hover = await client.hover(u, { line: 0, character: 10 });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /\*\*NVIDIA CUDA\*\*/);
    assert.match(text, /Recommended: \*\*devel\*\*.*Numba needs the full CUDA SDK/);
    assert.doesNotMatch(text, /On this machine|points to/);
    assert.deepEqual(hover!.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 41 } });
    assert.equal(await client.hover(u, { line: 1, character: 6 }), null, 'nothing on a RUN');
  });

  it('hovers on a FROM that names its image by ARGs with what their defaults make of it', async () => {
    const u = uri(dir);
    await client.open(u, 'ARG CUDA=12.4.1\nARG BASE=nvidia/cuda:${CUDA}-devel-ubuntu22.04\nARG LATER\nFROM ${BASE} AS build\nFROM $LATER\nFROM build\n');
    const hover = await client.hover(u, { line: 3, character: 8 });
    const text = (hover!.contents as MarkupContent).value;
    assert.ok(text.startsWith('`${BASE}` is `nvidia/cuda:12.4.1-devel-ubuntu22.04` by the ARG defaults'), text);
    assert.match(text, /\*\*NVIDIA CUDA\*\*/);
    assert.deepEqual(hover!.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 12 } });
    assert.equal(await client.hover(u, { line: 4, character: 7 }), null, 'an ARG without a default names no image');
    assert.equal(await client.hover(u, { line: 5, character: 7 }), null, 'a stage is no image');
  });

  it('completes tags from the catalogue, newest first with variants together, in an untrusted workspace', async () => {
    const list = await completeAtEnd(client, dir, 'FROM python:', 0);
    assert.equal(list.isIncomplete, false);
    const tags = labels(list);
    assert.deepEqual(tags.slice(0, 6), ['3.13', '3.13-alpine', '3.13-bookworm', '3.13-slim', '3.13-slim-bookworm', '3.12']);
    assert.equal(list.items[0].detail, 'from the Layerwise catalogue');
  });
});

describe('what completion looks up', () => {
  let registry: CountingServer;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-completion-'));
    registry = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'team/app', tags: ['1.0', '2.0'] }));
    });
  });
  after(async () => {
    await registry.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('contacts no registry and runs no credential helper in an untrusted workspace', async () => {
    const helperLog = path.join(dir, 'helper.log');
    const bin = fs.mkdtempSync(path.join(dir, 'bin-'));
    fs.writeFileSync(path.join(bin, 'docker-credential-layerwisetest'), `#!/bin/sh\necho ran >> '${helperLog}'\nexit 1\n`, { mode: 0o755 });
    const config = fs.mkdtempSync(path.join(dir, 'config-'));
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ credsStore: 'layerwisetest' }));
    const client = await LspClient.start({ initializationOptions: { workspaceTrusted: false }, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_CONFIG: config } });
    try {
      const u = uri(dir);
      const text = `FROM ${registry.host}/team/app:1.0@sha256:${'0'.repeat(64)}\nFROM ${registry.host}/team/app:`;
      await client.open(u, text);
      const list = await client.completion(u, { line: 1, character: text.split('\n')[1].length });
      assert.deepEqual(list.items, [], 'no tags: the catalogue does not know the image, and nothing is asked');
      await client.hover(u, { line: 0, character: 8 });
      await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      await client.diagnostics(u);
      assert.equal(registry.requests.length, 0);
      assert.equal(fs.existsSync(helperLog), false, 'the credential helper never ran');
    } finally {
      await client.stop();
    }
  });

  it('asks the registry once trusted, and nothing when layerwise.offline is set', async () => {
    const client = await LspClient.start({ initializationOptions: { workspaceTrusted: true }, settings: { offline: true } });
    try {
      const u = uri(dir);
      const text = `FROM ${registry.host}/team/app:`;
      await client.open(u, text);
      await client.diagnostics(u);
      const offline = await client.completion(u, { line: 0, character: text.length });
      assert.deepEqual(offline.items, []);
      const known = `FROM nvidia/cuda:`;
      const ku = uri(dir);
      await client.open(ku, known);
      const curated = await client.completion(ku, { line: 0, character: known.length });
      assert.equal(curated.isIncomplete, false);
      assert.equal(curated.items[0].label, '12.6.2-base-ubuntu24.04', 'offline: the catalogue\'s tags, newest first');
      assert.ok(curated.items.every((i) => i.detail === 'from the Layerwise catalogue'));
      assert.equal(registry.requests.length, 0, 'offline: nothing asked');
      await client.changeSettings({ offline: false });
      // The server pulls the changed settings, then asks; the editor asks again while the list is incomplete.
      let list = await client.completion(u, { line: 0, character: text.length });
      for (let i = 0; (list.isIncomplete || list.items.length === 0) && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        list = await client.completion(u, { line: 0, character: text.length });
      }
      assert.deepEqual(labels(list), ['2.0', '1.0']);
      assert.ok(registry.requests.some((r) => r.url.startsWith('/v2/team/app/tags/list')));
      assert.equal(list.items[0].detail, `from ${registry.host}`);
    } finally {
      await client.stop();
    }
  });
});
