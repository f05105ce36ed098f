// Reads the archive that `docker save` / `podman save` writes, as a stream:
// the classic layout (manifest.json, <id>/layer.tar, <id>.json) and the OCI one
// (index.json, blobs/sha256/..., layers gzipped or not; Docker 25 and later
// write both at once, `podman save --format oci-archive` the OCI one). Each
// layer is read for names and sizes only, as it passes; no layer is held, so
// memory stays flat whatever the image's size. The layers come in any order
// and the manifest last, so entries are kept per archive path and put in
// order at the end.
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { LayerTarScanner, normaliseEntryPath, type LayerEntry } from './layerTar';

export interface HistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

export interface SavedImage {
  /** The layers, base first, each with the entries of its tar. */
  layers: Array<{ archivePath: string; entries: LayerEntry[] }>;
  /** The image config's history, oldest first; the entries without empty_layer are the layers, in order. */
  history: HistoryEntry[];
  /** Bytes of the archive read. */
  bytes: number;
}

export class SaveStreamError extends Error {}

/** JSON documents of the archive are small; anything larger is not one. */
const MAX_JSON = 8 * 1024 * 1024;

type Blob = { kind: 'json'; value: unknown } | { kind: 'layer'; entries: LayerEntry[] } | { kind: 'other' };

/** Takes one archive member, decides from its first bytes what it is, and reads it so. */
class MemberSink extends Writable {
  private target: Writable | null = null;
  private json: Buffer[] | null = null;
  private jsonBytes = 0;
  private entries: LayerEntry[] | null = null;
  private skipping = false;
  result: Blob = { kind: 'other' };

  constructor(private readonly mayBeLayer: boolean) {
    super();
  }

  override _write(chunk: Buffer, _e: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.target && !this.json && !this.skipping) this.choose(chunk);
    if (this.skipping) return callback();
    if (this.json) {
      this.jsonBytes += chunk.length;
      if (this.jsonBytes > MAX_JSON) {
        this.json = null;
        this.skipping = true;
      } else this.json.push(chunk);
      return callback();
    }
    if (this.target!.write(chunk)) callback();
    else this.target!.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.json) {
      try {
        this.result = { kind: 'json', value: JSON.parse(Buffer.concat(this.json).toString('utf8')) };
      } catch {
        this.result = { kind: 'other' };
      }
      return callback();
    }
    if (!this.target) return callback();
    const target = this.target;
    let settled = false;
    const settle = (e?: Error | null) => {
      if (settled) return;
      settled = true;
      if (!e) this.result = { kind: 'layer', entries: this.entries! };
      callback(e);
    };
    this.scanner!.once('finish', () => settle());
    this.scanner!.once('error', settle);
    target.once('error', settle);
    target.end();
  }

  private scanner: LayerTarScanner | null = null;

  private choose(first: Buffer): void {
    if (first[0] === 0x7b || first[0] === 0x5b /* { or [ */) {
      this.json = [];
      return;
    }
    if (!this.mayBeLayer) {
      this.skipping = true;
      return;
    }
    if (first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd) {
      throw new SaveStreamError('a layer is compressed with zstd, which Measure does not read yet');
    }
    this.entries = [];
    const entries = this.entries;
    this.scanner = new LayerTarScanner((e) => entries.push(e));
    if (first[0] === 0x1f && first[1] === 0x8b) {
      const gunzip = createGunzip();
      gunzip.pipe(this.scanner);
      this.target = gunzip;
    } else {
      this.target = this.scanner;
    }
  }
}

function isLayerCandidate(name: string): boolean {
  return name.endsWith('/layer.tar') || name.startsWith('blobs/') || name.endsWith('.tar') || name.endsWith('.tar.gz');
}

/** Reads a whole save archive; rejects with a SaveStreamError when it is cut short or not an image archive. */
export function readSaveStream(input: Readable, options: { onProgress?: (bytes: number) => void } = {}): Promise<SavedImage> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const layers = new Map<string, LayerEntry[]>();
    const jsons = new Map<string, unknown>();
    const links = new Map<string, string>();
    let bytes = 0;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      input.unpipe(extract);
      extract.destroy();
      reject(e instanceof SaveStreamError ? e : new SaveStreamError(truncated(e) ? `the image archive ended early, after ${bytes} bytes: it was cut short (was docker save interrupted?)` : `cannot read the image archive: ${e.message}`));
    };
    input.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      options.onProgress?.(bytes);
    });
    input.on('error', fail);
    extract.on('entry', (header, stream, next) => {
      const name = normaliseEntryPath(header.name);
      if (header.type === 'symlink' && header.linkname) {
        // Docker 25+: <id>/layer.tar is a link to the OCI blob.
        links.set(name, normaliseEntryPath(joinPath(dirOf(name), header.linkname)));
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      const sink = new MemberSink(isLayerCandidate(name));
      stream.pipe(sink);
      stream.on('error', (e) => sink.destroy(e));
      sink.on('error', fail);
      sink.on('finish', () => {
        if (sink.result.kind === 'json') jsons.set(name, sink.result.value);
        else if (sink.result.kind === 'layer') layers.set(name, sink.result.entries);
        next();
      });
    });
    extract.on('error', fail);
    extract.on('finish', () => {
      if (failed) return;
      try {
        resolve({ ...order(layers, jsons, links), bytes });
      } catch (e) {
        fail(e as Error);
      }
    });
    input.pipe(extract);
  });
}

function truncated(e: Error): boolean {
  return /unexpected end|cut short|premature|ended early/i.test(e.message);
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return rel;
  const parts = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part) parts.push(part);
  }
  return parts.join('/');
}

function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
}

/** Puts the layers in the image's order, from manifest.json (classic) or index.json (OCI). */
function order(layers: Map<string, LayerEntry[]>, jsons: Map<string, unknown>, links: Map<string, string>): Omit<SavedImage, 'bytes'> {
  const find = (p: string) => layers.get(p) ?? layers.get(links.get(p) ?? '');
  const classic = jsons.get('manifest.json') as Array<{ Config: string; Layers: string[] }> | undefined;
  let layerPaths: string[];
  let config: { history?: HistoryEntry[] } | undefined;
  if (Array.isArray(classic) && classic[0]?.Layers) {
    layerPaths = classic[0].Layers.map(normaliseEntryPath);
    config = jsons.get(normaliseEntryPath(classic[0].Config)) as typeof config;
  } else {
    let doc = jsons.get('index.json') as { manifests?: Descriptor[]; layers?: Descriptor[]; config?: Descriptor } | undefined;
    if (!doc) throw new SaveStreamError('no manifest.json or index.json in the archive: the stream is not an image that docker save or podman save wrote, or it was cut short');
    // An index points at a manifest (or at another index, as Docker 25's does).
    for (let depth = 0; doc && !doc.layers && depth < 4; depth++) {
      const next: Descriptor | undefined = doc.manifests?.[0];
      doc = next ? (jsons.get(blobPath(next.digest)) as typeof doc) : undefined;
    }
    if (!doc?.layers) throw new SaveStreamError('the archive\'s index.json leads to no image manifest');
    layerPaths = doc.layers.map((l) => blobPath(l.digest));
    config = doc.config ? (jsons.get(blobPath(doc.config.digest)) as typeof config) : undefined;
  }
  const ordered = layerPaths.map((p) => {
    const entries = find(p);
    if (!entries) throw new SaveStreamError(`the archive names the layer ${p} but does not hold it: it was cut short or is damaged`);
    return { archivePath: p, entries };
  });
  return { layers: ordered, history: config?.history ?? [] };
}
