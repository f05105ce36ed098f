// Reads one layer's tar for its entries' names and sizes only. File bodies are
// skipped by counting bytes, never copied or held: the analysis needs no
// contents, and skipping them quickly is what keeps Measure near the rate at
// which `docker save` streams (a general tar library makes a stream per entry).
import { Writable } from 'node:stream';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface LayerEntry {
  /** Without a leading "./" or "/", without a trailing "/". */
  path: string;
  kind: EntryKind;
  /** Bytes of a regular file's content; 0 for the rest. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
}

const BLOCK = 512;

function cString(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString('utf8', start, end < 0 || end > start + length ? start + length : end);
}

function octal(block: Buffer, start: number, length: number): number {
  // GNU base-256 for values too large for octal digits (files over 8 GiB).
  if (block[start] & 0x80) {
    let value = block[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const text = cString(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** "path" and friends from a pax extended header's records ("LEN key=value\n"). */
function paxRecords(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(body.toString('ascii', at, space), 10);
    if (!(length > 0)) break;
    const record = body.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

export function normaliseEntryPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

function kindOf(flag: number): EntryKind {
  switch (flag) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7', contiguous file
      return 'file';
    case 0x31:
      return 'hardlink';
    case 0x32:
      return 'symlink';
    case 0x35:
      return 'dir';
    default:
      return 'other';
  }
}

/**
 * A writable stream fed one layer's tar; calls `onEntry` for each entry.
 * Ends with an error when the tar stops in the middle of an entry.
 */
export class LayerTarScanner extends Writable {
  /** The header being gathered (a chunk may end in the middle of one). */
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Bytes of body (with padding) still to skip. */
  private skip = 0;
  /** A pax or GNU long-name body being gathered, and what it is. */
  private meta: { type: number; body: Buffer; fill: number } | null = null;
  private pax: Record<string, string> = {};
  private longName: string | null = null;
  private done = false;
  bytes = 0;

  constructor(private readonly onEntry: (entry: LayerEntry) => void) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    try {
      this.consume(chunk);
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    // A tar that ends at a block boundary without its two zero blocks is accepted (some writers omit them);
    // one that ends inside a header or a body was cut short.
    if (!this.done && (this.headerFill > 0 || this.skip > 0 || this.meta)) callback(new Error('a layer ends in the middle of a file: the stream was cut short'));
    else callback();
  }

  private consume(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        if (this.meta) {
          const room = Math.min(n, this.meta.body.length - this.meta.fill);
          if (room > 0) chunk.copy(this.meta.body, this.meta.fill, at, at + room);
          this.meta.fill += room;
        }
        this.skip -= n;
        at += n;
        if (this.skip === 0 && this.meta) this.endMeta();
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
      if (this.headerFill === 0 && n === BLOCK) {
        this.onHeader(chunk.subarray(at, at + BLOCK));
      } else {
        chunk.copy(this.header, this.headerFill, at, at + n);
        this.headerFill += n;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.onHeader(this.header);
        }
      }
      at += n;
    }
  }

  private onHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.done = true;
      return;
    }
    const flag = block[156];
    const size = octal(block, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    // pax extended header ('x'), GNU long name ('L') or long link ('K'): a small body naming the next entry.
    if (flag === 0x78 || flag === 0x4c || flag === 0x4b || flag === 0x67) {
      if (size > 1024 * 1024) throw new Error(`a layer has a ${size}-byte extended header: not a tar this reader trusts`);
      this.meta = { type: flag, body: Buffer.alloc(size), fill: 0 };
      this.skip = padded;
      if (padded === 0) this.endMeta();
      return;
    }
    let name = cString(block, 0, 100);
    if (block.toString('ascii', 257, 263) === 'ustar\0') {
      const prefix = cString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (this.longName !== null) name = this.longName;
    if (this.pax.path !== undefined) name = this.pax.path;
    const kind = kindOf(flag);
    const entrySize = this.pax.size !== undefined ? Number(this.pax.size) : size;
    const entry: LayerEntry = {
      path: normaliseEntryPath(name),
      kind,
      size: kind === 'file' ? entrySize : 0,
      mode: octal(block, 100, 8),
      uid: this.pax.uid !== undefined ? Number(this.pax.uid) : octal(block, 108, 8),
      gid: this.pax.gid !== undefined ? Number(this.pax.gid) : octal(block, 116, 8),
    };
    this.pax = {};
    this.longName = null;
    this.onEntry(entry);
    // Only regular files carry a body (a pax size overrides the header's).
    this.skip = kind === 'file' ? Math.ceil(entrySize / BLOCK) * BLOCK : padded;
  }

  private endMeta(): void {
    const meta = this.meta!;
    this.meta = null;
    if (meta.type === 0x78) this.pax = paxRecords(meta.body);
    else if (meta.type === 0x4c) this.longName = cString(meta.body, 0, meta.body.length);
    // 'K' (long link target) and 'g' (global pax) say nothing the analysis needs.
  }
}
