// One typing session, run in a process of its own by bench/run.ts: the client
// for the editing-latency rows. It runs apart from the bench's own process,
// whose heap (every in-process measurement before it) would stretch the
// client's GC pauses into the latencies it measures, and it computes every
// keystroke's position before the session starts, as an editor knows them, so
// that between a keystroke and its diagnostics the client only sends and reads.
import { LspClient } from './lspClient';
import { editSession, positionIn } from './session';

export interface TypingRequest {
  command: string;
  args: string[];
  text: string;
  keystrokes: number;
}

async function typingSession({ command, args, text, keystrokes }: TypingRequest): Promise<number[]> {
  const uri = 'file:///bench/Dockerfile';
  const changes: Array<{ range: { start: ReturnType<typeof positionIn>; end: ReturnType<typeof positionIn> }; text: string }> = [];
  let current = text;
  for (const k of editSession(text, keystrokes)) {
    changes.push({ range: { start: positionIn(current, k.start), end: positionIn(current, k.end) }, text: k.newText });
    current = current.slice(0, k.start) + k.newText + current.slice(k.end);
  }
  const client = new LspClient(command, args);
  await client.initialize();
  const opened = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await opened;
  const latencies: number[] = [];
  let version = 1;
  for (const change of changes) {
    const params = { textDocument: { uri, version: ++version }, contentChanges: [change] };
    const arrived = client.nextDiagnostics(uri);
    const sent = performance.now();
    client.notify('textDocument/didChange', params);
    latencies.push((await arrived) - sent);
  }
  await client.shutdown();
  return latencies;
}

process.once('message', (request: TypingRequest) => {
  typingSession(request).then(
    (latencies) => process.send!({ latencies }, () => process.exit(0)),
    (e: Error) => process.send!({ error: e.stack ?? e.message }, () => process.exit(1)),
  );
});
