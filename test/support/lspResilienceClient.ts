// A small LSP client for the resilience tests: spawns a language server over
// stdio (the bundled dist/server.js, or a test entry run with tsx) and speaks
// to it as an editor does, keeping every message it gets in arrival order so
// tests can assert what came first. No part of the server is mocked.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type Diagnostic,
  type LogMessageParams,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BUNDLED_SERVER = path.join(ROOT, 'dist', 'server.js');

export type Event = { kind: 'diagnostics'; params: PublishDiagnosticsParams } | { kind: 'log'; params: LogMessageParams } | { kind: 'response'; id: string };

export interface ServerProcess {
  child: ChildProcess;
  connection: MessageConnection;
  /** Everything the server sent, in the order it arrived. */
  events: Event[];
  /** Records an event and wakes whoever waits for one. */
  record: (event: Event) => void;
  /** Called after each event is recorded. */
  waiters: Set<() => void>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `dist/server.js --stdio`, or a TypeScript entry (run with tsx) given as `entry`. */
export function startServer(entry: string = BUNDLED_SERVER): ServerProcess {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry, '--stdio'] : [entry, '--stdio'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const events: Event[] = [];
  const waiters = new Set<() => void>();
  const record = (event: Event) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => record({ kind: 'diagnostics', params }));
  connection.onNotification(LogMessageNotification.type, (params) => record({ kind: 'log', params }));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
  // A server that died must not leave a test waiting on a dead pipe.
  connection.onError(() => undefined);
  connection.listen();
  return { child, connection, events, record, waiters, stderr: () => stderr, exited };
}

export async function initialize(server: ServerProcess, settings: Record<string, unknown> = {}): Promise<void> {
  await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { settings: { layerwise: settings } },
    workspaceFolders: null,
  });
  await server.connection.sendNotification(InitializedNotification.type, {});
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export async function open(server: ServerProcess, uri: string, text: string, version = 1): Promise<void> {
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version, text } });
}

/** Replaces the whole text, as an editor may send any change. */
export async function change(server: ServerProcess, uri: string, text: string, version: number): Promise<void> {
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
}

export async function close(server: ServerProcess, uri: string): Promise<void> {
  await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}

/** Resolves with the first diagnostics published for `uri` at `version`, however long they take. */
export function diagnosticsFor(server: ServerProcess, uri: string, version: number): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const found = server.events.find((e) => e.kind === 'diagnostics' && e.params.uri === uri && e.params.version === version);
      if (found?.kind !== 'diagnostics') return;
      server.waiters.delete(look);
      resolve(found.params.diagnostics);
    };
    void server.exited.then((code) => reject(new Error(`the server exited (${code}) before diagnostics for ${uri} v${version}: ${server.stderr()}`)));
    server.waiters.add(look);
    look();
  });
}

/** A request whose answer (or error) is logged among the events, so tests can see what came before it. */
export async function loggedRequest<R>(server: ServerProcess, id: string, send: () => Promise<R>): Promise<R> {
  try {
    return await send();
  } finally {
    server.record({ kind: 'response', id });
  }
}

export async function shutdownAndExit(server: ServerProcess): Promise<number | null> {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  return server.exited;
}

/** Ends a server a test is done with; the exit code is not the test's concern here. */
export async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill();
  await server.exited;
  server.connection.dispose();
}
