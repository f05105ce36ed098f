// A small LSP client for the protocol tests: it spawns the bundled server over
// stdio and speaks to it as an editor does, keeping the texts it has opened so
// that edits from code actions can be applied and sent back as didChange.
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CompletionRequest,
  HoverRequest,
  CodeActionResolveRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionList,
  type Hover,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticChangesReader, lspDiagnosticShape } from '../../client/src/diagnosticChangesReader';
import { DIAGNOSTIC_CHANGES_CAPABILITY, DIAGNOSTIC_CHANGES_METHOD, type DiagnosticChanges } from '../../server/src/lsp/diagnosticChangesProtocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ClientOptions {
  /** What the client answers to workspace/configuration for `layerwise`. */
  settings?: Record<string, unknown>;
  /** What it answers for other sections, such as VS Code's `http` (the proxy); null for those not given. */
  sections?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Whether the client offers workspace/configuration (VS Code does). */
  configuration?: boolean;
  /** The server's command line; the bundled dist/server.js when left out. */
  command?: { file: string; args: string[] };
  /** The server process's environment (PATH, DOCKER_CONFIG); the test's own by default. */
  env?: NodeJS.ProcessEnv;
  /** The workspace folder, as a file: URI. */
  rootUri?: string;
  /** Whether the client resolves a code action's edit later (codeAction/resolve), as VS Code does. */
  resolveActions?: boolean;
  /** How the server is spoken to: over stdio (the default, as VS Code's client and most editors do), or over Node IPC. */
  transport?: 'stdio' | 'ipc';
  /**
   * Whether the client takes diagnostics as layerwise/diagnosticChanges, applied to those it holds, as Layerwise's
   * VS Code client does; `history` then holds what the client holds after each message, and `changes` the messages.
   */
  diagnosticChanges?: boolean;
}

export class LspClient {
  /** Every publish, in the order it came, by document. */
  readonly history = new Map<string, Published[]>();
  /** Every layerwise/diagnosticChanges message, in the order it came, when the client takes them. */
  readonly changes: DiagnosticChanges[] = [];
  readonly documents = new Map<string, TextDocument>();
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly stderr: string[] = [];
  /** What the server wrote to the editor's log (window/logMessage). */
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  /** How many workspace/configuration requests the server sent. */
  configurationAsked = 0;
  initializeResult!: InitializeResult;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    let child: ChildProcessWithoutNullStreams;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env: options.env ?? process.env }) as ChildProcessWithoutNullStreams;
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const command = options.command ?? { file: process.execPath, args: [SERVER, '--stdio'] };
      child = spawn(command.file, command.args, { stdio: 'pipe', env: options.env ?? process.env });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    }
    const client = new LspClient(child, connection, options);
    child.stderr.on('data', (d: Buffer) => client.stderr.push(d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => client.published(p.uri, { version: p.version, diagnostics: p.diagnostics }));
    const reader = new DiagnosticChangesReader(lspDiagnosticShape);
    connection.onNotification(DIAGNOSTIC_CHANGES_METHOD, (changes: DiagnosticChanges) => {
      client.changes.push(changes);
      client.published(changes.uri, { version: changes.version, diagnostics: reader.apply(changes) });
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      client.configurationAsked++;
      return p.items.map((i) => (!i.section || i.section === 'layerwise' ? client.settings : (options.sections?.[i.section] ?? null)));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      client.appliedEdits.push(p.edit);
      client.applyWorkspaceEdit(p.edit);
      return { applied: true };
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: options.configuration ?? true, applyEdit: true, workspaceEdit: { documentChanges: true } },
        ...(options.diagnosticChanges ? { experimental: { [DIAGNOSTIC_CHANGES_CAPABILITY]: true } } : {}),
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            ...(options.resolveActions ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
          },
        },
      },
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private published(uri: string, diagnostics: Published): void {
    let history = this.history.get(uri);
    if (!history) this.history.set(uri, (history = []));
    history.push(diagnostics);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async open(uri: string, text: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'dockerfile', 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** Sends edits as an incremental didChange, the way VS Code reports typing. */
  async edit(uri: string, edits: TextEdit[]): Promise<void> {
    const doc = this.documents.get(uri)!;
    const version = doc.version + 1;
    // LSP content changes apply one after another, so send them from the end of the text backwards.
    const ordered = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const next = TextDocument.update(doc, ordered.map((e) => ({ range: e.range, text: e.newText })), version);
    this.documents.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) void this.edit(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('edits' in change) void this.edit(change.textDocument.uri, change.edits as TextEdit[]);
    }
  }

  /** Waits until the diagnostics for the document's current version satisfy the check. */
  async diagnostics(uri: string, check: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 5000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.history.get(uri)?.at(-1);
      const version = this.documents.get(uri)?.version;
      if (p && (p.version === undefined || p.version === version) && check(p.diagnostics)) return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri} (last: ${JSON.stringify(p)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: this.history.get(uri)?.at(-1)?.diagnostics ?? [], only },
    });
    return (result ?? []) as CodeAction[];
  }

  async completion(uri: string, position: { line: number; character: number }): Promise<CompletionList> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(result) ? { isIncomplete: false, items: result } : (result ?? { isIncomplete: false, items: [] });
  }

  async hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  /** Tells the server that files changed on disk, as the editor's file watcher does. */
  async filesChanged(uris: string[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: uris.map((uri) => ({ uri, type: FileChangeType.Changed as FileChangeType })) });
  }

  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { layerwise: settings } });
  }

  /** Resolves once the server has asked for the settings (it does after `initialized`), before which a request sees the defaults. */
  async settingsPulled(): Promise<void> {
    for (let i = 0; this.configurationAsked === 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(this.configurationAsked > 0, 'the server asked for its settings');
    // A request answered after the settings were: the server read them before it (one connection, in order).
    await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:settings-pulled' }, position: { line: 0, character: 0 } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; the process is killed below either way.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
