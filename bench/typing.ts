// One typing session, run in a process of its own by bench/run.ts: the client
// for the editing-latency rows. It runs apart from the bench's own process,
// whose heap (every in-process measurement before it) would stretch the
// client's GC pauses into the latencies it measures, and it computes every
// keystroke's position before the session starts, as an editor knows them, so
// that between a keystroke and its diagnostics the client only sends and reads.
// The server is started with bench/serverObserver.cjs, so that each keystroke
// can say whether the server paused for a GC before its diagnostics came, and
// how much of its time the server itself took.
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
  /** Whether the client takes layerwise/diagnosticChanges, as Layerwise's VS Code client does, rather than publishDiagnostics. */
  diagnosticChanges: boolean;
}

export interface Keystroke {
  /** From sending the change to reading its diagnostics, in ms. */
  latency: number;
  /** The server's own part of it: from the change's arrival on its stdin to the start of its diagnostics' write, in ms. */
  server: number;
  /** Whether the server paused for a GC in that time. */
  gc: boolean;
}

/** What bench/serverObserver.cjs saw in the server, in ms of the machine's monotonic clock. */
interface Observed {
  pauses: Array<{ at: number; ms: number }>;
  reads: number[];
  writes: number[];
}

const OBSERVER = path.join(__dirname, 'serverObserver.cjs');

async function typingSession({ command, args, text, keystrokes, diagnosticChanges }: TypingRequest): Promise<Keystroke[]> {
  const uri = 'file:///bench/Dockerfile';
  const changes: Array<{ range: { start: ReturnType<typeof positionIn>; end: ReturnType<typeof positionIn> }; text: string }> = [];
  let current = text;
  for (const k of editSession(text, keystrokes)) {
    changes.push({ range: { start: positionIn(current, k.start), end: positionIn(current, k.end) }, text: k.newText });
    current = current.slice(0, k.start) + k.newText + current.slice(k.end);
  }
  const observedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-observed-')), 'observed.json');
  process.env.LAYERWISE_BENCH_OBSERVED = observedFile;
  const client = new LspClient(command, ['--require', OBSERVER, ...args]);
  await client.initialize({}, diagnosticChanges);
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
  const { pauses, reads, writes } = readObserved(observedFile);
  fs.rmSync(path.dirname(observedFile), { recursive: true, force: true });
  // The server's times are on the machine's monotonic clock; this process's windows are on the same clock, from
  // its own origin.
  const origin = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  return windows.map(({ sent, arrived }) => {
    const from = origin + sent;
    const to = origin + arrived;
    // The server's clock is not this process's to the microsecond: the change's arrival is found as the first read
    // after the server's last write before this keystroke (the diagnostics of the one before), which is
    // milliseconds earlier, as the write of this keystroke's diagnostics is milliseconds inside its window.
    const before = writes.filter((t) => t < from).at(-1) ?? -Infinity;
    const read = reads.find((t) => t > before);
    const written = writes.filter((t) => t >= from && t <= to).at(-1);
    if (read === undefined || written === undefined) throw new Error('bench/serverObserver.cjs saw no read or no write of the server within a keystroke');
    return { latency: arrived - sent, server: written - read, gc: pauses.some((p) => p.at + p.ms > from && p.at < to) };
  });
}

function readObserved(file: string): Observed {
  if (!fs.existsSync(file)) throw new Error(`the server exited without writing what bench/serverObserver.cjs saw to ${file}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Observed;
}

process.once('message', (request: TypingRequest) => {
  typingSession(request).then(
    (keystrokes) => process.send!({ keystrokes }, () => process.exit(0)),
    (e: Error) => process.send!({ error: e.stack ?? e.message }, () => process.exit(1)),
  );
});
