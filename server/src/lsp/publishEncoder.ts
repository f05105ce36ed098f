// How the stream transports (stdio, socket, pipe) turn a message into bytes:
// as vscode-jsonrpc does, with JSON.stringify, except a publish of lint
// findings. In a file dense with findings a keystroke re-sends every one of
// them (LSP has no way to send only what changed), and JSON.stringify then
// walks and escapes about 400 KB of diagnostics, into a string as large that
// the young generation has to collect. Here each finding's diagnostic, all
// but its range, is kept as UTF-8 bytes from the publish before
// (diagnosticTailOf), and a publish is one buffer outside the JS heap: the
// ranges written as digits, the kept bytes copied.
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
  // The bytes of each diagnostic: a finding's kept tail, or, for any other diagnostic, its JSON.
  const parts: Buffer[] = new Array(diagnostics.length);
  let length = head.length + tail.length + Math.max(0, diagnostics.length - 1);
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (d instanceof PublishedFindings) {
      const at = i * 4;
      const p = d.positions;
      parts[i] = diagnosticTailOf(d.findings[i]);
      length += RANGE_START.length + 2 * CHARACTER.length + END_LINE.length + RANGE_END.length;
      length += digits(p[at]) + digits(p[at + 1]) + digits(p[at + 2]) + digits(p[at + 3]);
    } else {
      parts[i] = Buffer.from(JSON.stringify(d));
    }
    length += parts[i].length;
  }
  const out = Buffer.allocUnsafe(length);
  let at = head.copy(out, 0);
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const d = diagnostics[i];
    if (d instanceof PublishedFindings) {
      const p = d.positions;
      const q = i * 4;
      at += RANGE_START.copy(out, at);
      at = writeNumber(out, at, p[q]);
      at += CHARACTER.copy(out, at);
      at = writeNumber(out, at, p[q + 1]);
      at += END_LINE.copy(out, at);
      at = writeNumber(out, at, p[q + 2]);
      at += CHARACTER.copy(out, at);
      at = writeNumber(out, at, p[q + 3]);
      at += RANGE_END.copy(out, at);
    }
    at += parts[i].copy(out, at);
  }
  tail.copy(out, at);
  return out;
}

/** How many digits a line or character number has (never negative). */
function digits(n: number): number {
  let count = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    count++;
  }
  return count;
}

function writeNumber(out: Buffer, at: number, n: number): number {
  const end = at + digits(n);
  for (let i = end - 1; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end;
}
