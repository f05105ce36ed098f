// One typing session, run in a process of its own by bench/run.ts: the client
// for the editing-latency rows. It runs apart from the bench's own process,
// whose heap (every in-process measurement before it) would stretch the
// client's GC pauses into the latencies it measures, and it computes every
// keystroke's position before the session starts, as an editor knows them, so
// that between a keystroke and its diagnostics the client only sends and reads.
// The server is started with bench/gcObserver.cjs, so that each keystroke can
// say whether the server paused for a GC before its diagnostics came.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './lspClient';
import { editSession, positionIn } from './session';

export interface TypingRequest {
  command: string;
  /** The server's arguments: its Node.js options first, then the script and its own. */
  args: string[];
  text: string;
  keystrokes: number;
}

export interface Keystroke {
  /** From sending the change to reading its diagnostics, in ms. */
  latency: number;
  /** Whether the server paused for a GC in that time. */
  gc: boolean;
}

interface Pause {
  at: number;
  ms: number;
}

const OBSERVER = path.join(__dirname, 'gcObserver.cjs');

async function typingSession({ command, args, text, keystrokes }: TypingRequest): Promise<Keystroke[]> {
  const uri = 'file:///bench/Dockerfile';
  const changes: Array<{ range: { start: ReturnType<typeof positionIn>; end: ReturnType<typeof positionIn> }; text: string }> = [];
  let current = text;
  for (const k of editSession(text, keystrokes)) {
    changes.push({ range: { start: positionIn(current, k.start), end: positionIn(current, k.end) }, text: k.newText });
    current = current.slice(0, k.start) + k.newText + current.slice(k.end);
  }
  const gcFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-gc-')), 'pauses.json');
  process.env.LAYERWISE_BENCH_GC = gcFile;
  const client = new LspClient(command, ['--require', OBSERVER, ...args]);
  await client.initialize();
  const opened = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await opened;
  const windows: Array<{ sent: number; arrived: number }> = [];
  let version = 1;
  for (const change of changes) {
    const params = { textDocument: { uri, version: ++version }, contentChanges: [change] };
    const arrived = client.nextDiagnostics(uri);
    const sent = performance.now();
    client.notify('textDocument/didChange', params);
    windows.push({ sent, arrived: await arrived });
  }
  await client.shutdown();
  const pauses = readPauses(gcFile);
  fs.rmSync(path.dirname(gcFile), { recursive: true, force: true });
  // The server's pauses are epoch times; this process's windows are on its own clock, from its time origin.
  const origin = performance.timeOrigin;
  return windows.map(({ sent, arrived }) => ({
    latency: arrived - sent,
    gc: pauses.some((p) => p.at + p.ms > origin + sent && p.at < origin + arrived),
  }));
}

function readPauses(file: string): Pause[] {
  if (!fs.existsSync(file)) throw new Error(`the server exited without writing its GC pauses to ${file}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Pause[];
}

process.once('message', (request: TypingRequest) => {
  typingSession(request).then(
    (keystrokes) => process.send!({ keystrokes }, () => process.exit(0)),
    (e: Error) => process.send!({ error: e.stack ?? e.message }, () => process.exit(1)),
  );
});
