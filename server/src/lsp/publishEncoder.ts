// How the server's stdio transport (the one most editors use) turns a message
// into bytes: as vscode-jsonrpc does, with JSON.stringify, except a publish of
// lint findings. In a file dense with findings a keystroke re-sends every one
// of them to an editor that takes publishes (LSP has no way to send only what
// changed; Layerwise's VS Code client takes layerwise/diagnosticChanges
// instead, see diagnosticChangesProtocol.ts), and
// JSON.stringify then walks and escapes about 400 KB of diagnostics, into a
// string as large that the young generation has to collect. Here each
// finding's diagnostic, all but its range, is kept as UTF-8 bytes from the
// publish before (diagnosticTailOf), and a publish is one buffer outside the
// JS heap: the ranges written as digits, the kept bytes copied.
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';
import { diagnosticTailOf, PublishedFindings } from './diagnostics';

const PUBLISH = 'textDocument/publishDiagnostics';

interface Publish {
  jsonrpc: string;
  method: string;
  params: { uri: string; version?: number; diagnostics: unknown[] };
}

const RANGE_START = Buffer.from('{"range":{"start":{"line":');
const CHARACTER = Buffer.from(',"character":');
const END_LINE = Buffer.from('},"end":{"line":');
const RANGE_END = Buffer.from('}}');
const COMMA = 0x2c;
/** The most a range's JSON takes: its fixed text and four numbers of at most ten digits (a 32-bit line or column). */
const RANGE_BYTES = RANGE_START.length + 2 * CHARACTER.length + END_LINE.length + RANGE_END.length + 4 * 10;

export const publishEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    const publish = message as unknown as Publish;
    if (publish.method !== PUBLISH || !publish.params.diagnostics.some((d) => d instanceof PublishedFindings)) {
      return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset));
    }
    return Promise.resolve(encodePublish(publish));
  },
};

function encodePublish({ jsonrpc, params: { uri, version, diagnostics } }: Publish): Buffer {
  const head = Buffer.from(
    `{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${PUBLISH}","params":{"uri":${JSON.stringify(uri)},${version === undefined ? '' : `"version":${version},`}"diagnostics":[`,
  );
  const tail = Buffer.from(']}}');
  // The bytes of each diagnostic: a finding's kept tail, or, for any other diagnostic, its JSON. A range takes at
  // most RANGE_BYTES, so the buffer is made that large and only the part written is sent.
  const parts: Buffer[] = new Array(diagnostics.length);
  let length = head.length + tail.length + Math.max(0, diagnostics.length - 1);
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (d instanceof PublishedFindings) {
      parts[i] = diagnosticTailOf(d.findings[i]);
      length += RANGE_BYTES;
    } else {
      parts[i] = Buffer.from(JSON.stringify(d));
    }
    length += parts[i].length;
  }
  const out = Buffer.allocUnsafe(length);
  // Uint8Array's set, not Buffer's copy: a thousand small copies cost more in copy's checks than in the bytes.
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const d = diagnostics[i];
    if (d instanceof PublishedFindings) {
      const p = d.positions;
      const q = i * 4;
      out.set(RANGE_START, at);
      at = writeNumber(out, at + RANGE_START.length, p[q]);
      out.set(CHARACTER, at);
      at = writeNumber(out, at + CHARACTER.length, p[q + 1]);
      out.set(END_LINE, at);
      at = writeNumber(out, at + END_LINE.length, p[q + 2]);
      out.set(CHARACTER, at);
      at = writeNumber(out, at + CHARACTER.length, p[q + 3]);
      out.set(RANGE_END, at);
      at += RANGE_END.length;
    }
    out.set(parts[i], at);
    at += parts[i].length;
  }
  out.set(tail, at);
  return out.subarray(0, at + tail.length);
}

/** Writes a line or character number (never negative) as ASCII digits at `at`, and returns where it ends. */
function writeNumber(out: Buffer, at: number, n: number): number {
  let end = at + 1;
  for (let rest = n; rest >= 10; rest = (rest / 10) | 0) end++;
  for (let i = end - 1; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = (n / 10) | 0;
  }
  return end;
}
