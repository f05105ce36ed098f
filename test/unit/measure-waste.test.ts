// The save-stream reader and the waste count on archives made here, in both
// layouts an engine writes: what dive gets wrong (N writes waste N-1 copies, a
// deleted folder wastes all under it, a chmod copies a file whole), whiteouts
// and opaque folders, gzip layers, long names and a stream cut short.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { analyseLayers } from '../../server/src/container/layerWaste';
import { readSaveStream, SaveStreamError } from '../../server/src/container/saveStream';

type File = { name: string; size?: number; mode?: number; uid?: number; type?: 'file' | 'directory' | 'symlink' };

function pack(entries: Array<{ header: Partial<tar.Header> & { name: string }; body?: Buffer }>): Promise<Buffer> {
  const p = tar.pack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<Buffer>((resolve) => p.on('end', () => resolve(Buffer.concat(chunks))));
  for (const e of entries) p.entry(e.header as tar.Header, e.body ?? Buffer.alloc(0));
  p.finalize();
  return done;
}

function layerTar(files: File[]): Promise<Buffer> {
  return pack(files.map((f) => ({ header: { name: f.name, type: f.type ?? 'file', size: f.type && f.type !== 'file' ? 0 : (f.size ?? 0), mode: f.mode ?? 0o644, uid: f.uid ?? 0, linkname: f.type === 'symlink' ? 'x' : undefined }, body: f.type && f.type !== 'file' ? undefined : Buffer.alloc(f.size ?? 0, 1) })));
}

async function classicArchive(layers: File[][]): Promise<Buffer> {
  const tars = await Promise.all(layers.map(layerTar));
  const ids = tars.map((_, i) => `l${i}`);
  const config = { history: layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` })) };
  // The layers first and manifest.json last, as docker save writes them.
  return pack([
    ...tars.map((t, i) => ({ header: { name: `${ids[i]}/layer.tar`, size: t.length }, body: t })),
    { header: { name: 'cfg.json' }, body: Buffer.from(JSON.stringify(config)) },
    { header: { name: 'manifest.json' }, body: Buffer.from(JSON.stringify([{ Config: 'cfg.json', Layers: ids.map((id) => `${id}/layer.tar`) }])) },
  ]);
}

async function ociArchive(layers: File[][], gzip: boolean): Promise<Buffer> {
  const blobs = (await Promise.all(layers.map(layerTar))).map((t) => (gzip ? gzipSync(t) : t));
  const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const config = Buffer.from(JSON.stringify({ history: layers.map((_, i) => ({ created_by: `step ${i}` })) }));
  const manifest = Buffer.from(JSON.stringify({ config: { digest: digest(config) }, layers: blobs.map((b) => ({ digest: digest(b) })) }));
  const index = Buffer.from(JSON.stringify({ manifests: [{ digest: digest(manifest) }] }));
  const blob = (b: Buffer) => ({ header: { name: `blobs/${digest(b).replace(':', '/')}`, size: b.length }, body: b });
  return pack([{ header: { name: 'index.json' }, body: index }, blob(manifest), blob(config), ...blobs.map(blob)]);
}

const MB = 1_000_000;

describe('the waste of stacked layers', () => {
  it('counts a file written three times as two wasted copies, where dive counts all three', () => {
    const w = (size: number) => [{ path: 'opt/data.bin', kind: 'file' as const, size, mode: 0o644, uid: 0, gid: 0 }];
    const a = analyseLayers([w(3 * MB), w(2 * MB), w(1 * MB)]);
    assert.equal(a.wastedBytes, 5 * MB);
    assert.equal(a.diveWastedBytes, 6 * MB);
    assert.deepEqual(a.groups.map((g) => [g.kind, g.writer, g.by, g.bytes]), [['rewritten', 0, 1, 3 * MB], ['rewritten', 1, 2, 2 * MB]]);
    assert.equal(a.diveEfficiency, 1 * MB / (6 * MB));
  });

  it('counts everything under a folder a later layer deletes, on the layer that wrote it', () => {
    const a = analyseLayers([
      [{ path: 'tmp/build', kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 }, { path: 'tmp/build/a.o', kind: 'file', size: 2 * MB, mode: 0o644, uid: 0, gid: 0 }, { path: 'tmp/build/sub/b.o', kind: 'file', size: 1 * MB, mode: 0o644, uid: 0, gid: 0 }],
      [{ path: 'tmp/.wh.build', kind: 'file', size: 0, mode: 0, uid: 0, gid: 0 }],
    ]);
    assert.equal(a.wastedBytes, 3 * MB);
    assert.deepEqual(a.groups.map((g) => [g.kind, g.writer, g.by, g.folder, g.files]), [['deleted', 0, 1, '/tmp/build', 2]]);
  });

  it('treats an opaque folder as deleting what earlier layers had in it, and keeps what the layer writes there', () => {
    const a = analyseLayers([
      [{ path: 'var/cache/x', kind: 'file', size: 4 * MB, mode: 0o644, uid: 0, gid: 0 }],
      [{ path: 'var/cache/.wh..wh..opq', kind: 'file', size: 0, mode: 0, uid: 0, gid: 0 }, { path: 'var/cache/y', kind: 'file', size: MB, mode: 0o644, uid: 0, gid: 0 }],
      [{ path: 'var/cache/y', kind: 'file', size: MB, mode: 0o600, uid: 1000, gid: 0 }],
    ]);
    assert.deepEqual(a.groups.map((g) => [g.kind, g.writer, g.by, g.bytes]), [['deleted', 0, 1, 4 * MB], ['metadata', 1, 2, MB]]);
  });
});

describe('reading a save archive', () => {
  const layers: File[][] = [
    [{ name: 'usr/', type: 'directory' }, { name: 'usr/bin/tool', size: 5000 }, { name: `opt/${'long-name-'.repeat(15)}/file`, size: 700 }],
    [{ name: 'usr/bin/.wh.tool' }, { name: 'etc/link', type: 'symlink' }],
  ];

  it('reads the classic layout, the manifest last', async () => {
    const saved = await readSaveStream(Readable.from([await classicArchive(layers)]));
    assert.deepEqual(saved.layers.map((l) => l.entries.map((e) => `${e.kind} ${e.path} ${e.size}`)), [
      ['dir usr 0', 'file usr/bin/tool 5000', `file opt/${'long-name-'.repeat(15)}/file 700`],
      ['file usr/bin/.wh.tool 0', 'symlink etc/link 0'],
    ]);
    assert.equal(saved.history.length, 2);
    assert.equal(analyseLayers(saved.layers.map((l) => l.entries)).wastedBytes, 5000);
  });

  for (const gzip of [false, true]) {
    it(`reads the OCI layout with ${gzip ? 'gzipped' : 'plain'} layers as the classic one`, async () => {
      const oci = await readSaveStream(Readable.from([await ociArchive(layers, gzip)]));
      const classic = await readSaveStream(Readable.from([await classicArchive(layers)]));
      assert.deepEqual(oci.layers.map((l) => l.entries), classic.layers.map((l) => l.entries));
    });
  }

  it('says a stream cut short was cut short, at any point', async () => {
    const whole = await classicArchive(layers);
    for (const at of [100, 1500, Math.floor(whole.length / 2), whole.length - 1500]) {
      const cut = new PassThrough();
      cut.end(whole.subarray(0, at));
      await assert.rejects(readSaveStream(cut), (e: Error) => e instanceof SaveStreamError && /cut short/.test(e.message), `cut at ${at}`);
    }
  });
});
