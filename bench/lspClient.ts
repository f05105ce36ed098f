// A minimal LSP client over stdio for the benchmark: it frames JSON-RPC
// messages, answers the server's requests with null, and lets the caller wait
// for the next diagnostics of a document, as an editor sees them. Asked to, it
// takes them as Layerwise's VS Code client does, as layerwise/diagnosticChanges
// applied to the diagnostics it holds (client/src/diagnosticChangesReader.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { DiagnosticChangesReader, lspDiagnosticShape } from '../client/src/diagnosticChangesReader';
import { DIAGNOSTIC_CHANGES_CAPABILITY, DIAGNOSTIC_CHANGES_METHOD, type DiagnosticChanges } from '../server/src/lsp/diagnosticChangesProtocol';

interface Waiter {
  uri: string;
  resolve: (at: number) => void;
}

export class LspClient {
  readonly child: ChildProcess;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();
  private waiters: Waiter[] = [];
  private stderr = '';
  /** The diagnostics last published for each document. */
  readonly diagnostics = new Map<string, unknown[]>();
  private readonly changes = new DiagnosticChangesReader(lspDiagnosticShape);

  constructor(command: string, args: readonly string[]) {
    this.child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!match) throw new Error('LSP message without Content-Length');
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  private onMessage(message: { id?: number; method?: string; params?: { uri?: string; diagnostics?: unknown[] }; result?: unknown }, at: number): void {
    if (message.method === 'textDocument/publishDiagnostics') {
      this.diagnosticsArrived(message.params!.uri!, message.params!.diagnostics!, at);
    } else if (message.method === DIAGNOSTIC_CHANGES_METHOD) {
      const changes = message.params as unknown as DiagnosticChanges;
      // Applied before the time is taken: holding the diagnostics is part of receiving them.
      const diagnostics = this.changes.apply(changes);
      this.diagnosticsArrived(changes.uri, diagnostics, performance.now());
    } else if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (registerCapability, configuration): answer it.
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.id !== undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    }
  }

  private diagnosticsArrived(uri: string, diagnostics: unknown[], at: number): void {
    this.diagnostics.set(uri, diagnostics);
    const k = this.waiters.findIndex((w) => w.uri === uri);
    if (k >= 0) this.waiters.splice(k, 1)[0].resolve(at);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the time the next diagnostics for `uri` arrive. */
  nextDiagnostics(uri: string, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`)), timeoutMs);
      this.waiters.push({ uri, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }

  /** With `diagnosticChanges`, the client takes layerwise/diagnosticChanges, as Layerwise's VS Code client does. */
  async initialize(initializationOptions: Record<string, unknown> = {}, diagnosticChanges = false): Promise<void> {
    const capabilities = diagnosticChanges ? { experimental: { [DIAGNOSTIC_CHANGES_CAPABILITY]: true } } : {};
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
  }

  async shutdown(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.request('shutdown', null);
    this.notify('exit', null);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}
