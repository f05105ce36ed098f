// The language server: a thin adapter from LSP to the engine. Diagnostics on
// every change, code actions, and fix-all as a command any editor can call.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  CodeActionKind,
  CodeActionTriggerKind,
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SettingsResolver } from '../engine/configFiles';
import { formatSize, looksBinary } from '../engine/input';
import { lint, type LintResult } from '../engine/lint';
import { buildModel } from '../model/build';
import { updateModel } from '../model/incremental';
import { lineOf } from '../model/lines';
import { detachAst } from '../model/moved';
import { defaultSettings, mergeSettings, readSettingsObject, type LintSettings } from '../engine/settings';
import type { Rule } from '../engine/rule';
import { rules as registeredRules } from '../rules';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { completeImage } from './completion';
import { hoverImage } from './hover';
import { outdatedDigestDiagnostics } from './outdatedDigest';
import { publishEncoder } from './publishEncoder';
import { pinDigestActions, resolvePinDigest, type RegistryPinData } from './pinDigest';
import { ImageLookups } from '../registry/lookups';
import { editedDocuments } from './editedDocuments';
import { positionsOf, publishedDiagnostics, tooLargeDiagnostic } from './diagnostics';
import { DiagnosticChangeTracker, type Shift } from './diagnosticChanges';
import { DIAGNOSTIC_CHANGES_CAPABILITY, DIAGNOSTIC_CHANGES_METHOD } from './diagnosticChangesProtocol';
import { fixAllEditYielding } from './yieldingFixAll';
import { PinLookups, type PinActionData } from './pinLookups';
import { defaultToolSettings, mergeToolSettings, readProxySettings, readToolSettings, type ToolSettings } from '../engine/toolSettings';
import type { LintFacts } from '../engine/rule';
import type { DockerfileModel } from '../model/types';
import pkg from '../../../package.json';

export const FIX_ALL_COMMAND = 'layerwise.server.fixAll';
/** Sent by the client when the user trusts the workspace; until then nothing runs Docker or looks anything up. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'layerwise/workspaceTrusted';

interface DocumentState {
  version: number;
  settings: LintSettings;
  facts: LintFacts;
  result: LintResult | null;
  /** The result was let go to save memory (see KEPT_MODELS): lint again when it is asked for. */
  dropped?: boolean;
}

/**
 * How many documents keep their model between changes, the most recently
 * linted ones: a model makes the next keystroke cheap, but a few hundred KB
 * per open file adds up, and a file not being typed in is rebuilt in
 * milliseconds when it is next asked for.
 */
const KEPT_MODELS = 8;

export interface ServerOptions {
  /** The rules to run; the registry unless a test brings its own. */
  rules?: readonly Rule[];
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const rules = options.rules ?? registeredRules;
  const { documents, lastEdit } = editedDocuments();
  const knownRules = new Set(rules.map((r) => r.meta.id));
  const resolver = new SettingsResolver(knownRules);
  const states = new Map<string, DocumentState>();
  /** Rules that threw on a document: told once, then not run there again. */
  const brokenRules = new Map<string, Set<string>>();
  let clientSettings = defaultSettings();
  let enabled = true;
  let authorEmail: string | undefined;
  let canPullConfiguration = false;
  let canResolveActions = false;
  /** Set when the client takes layerwise/diagnosticChanges (Layerwise's own VS Code client) instead of whole publishes. */
  let changeTracker: DiagnosticChangeTracker | undefined;
  let clientTools: ToolSettings = defaultToolSettings();
  /** The workspace folders, for the search of the nearest lockfile. */
  let roots: string[] = [];
  const pins = new PinLookups();
  /**
   * Whether the editor trusts the workspace. Only then may a feature run the container CLI, a credential
   * helper, or contact a registry or index that a Dockerfile names. An editor that says nothing is not trusted:
   * it sets `initializationOptions.workspaceTrusted` (see docs/EDITORS.md for Neovim and Helix).
   */
  const trust = { workspaceTrusted: false };
  const toldProblems = new Set<string>();
  /** Tags, digests and local images for completion, hover and registry pins; nothing is asked unless trusted and online. */
  const lookups = new ImageLookups({ trusted: () => trust.workspaceTrusted, tools: toolsFor, tell });

  connection.onInitialize((params) => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canResolveActions = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const experimental = params.capabilities.experimental as Record<string, unknown> | undefined;
    if (experimental?.[DIAGNOSTIC_CHANGES_CAPABILITY] === true) changeTracker = new DiagnosticChangeTracker();
    roots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .filter((f) => f.uri.startsWith('file:'))
      .map((f) => fileURLToPath(f.uri));
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; authorEmail?: string; workspaceTrusted?: unknown; http?: unknown };
    authorEmail = typeof init.authorEmail === 'string' ? init.authorEmail : undefined;
    trust.workspaceTrusted = init.workspaceTrusted === true;
    applyClientSettings(init.settings, init.http ?? null);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
        completionProvider: { triggerCharacters: [':', ' ', '='] },
        hoverProvider: true,
      },
      serverInfo: { name: 'layerwise' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
      await pullSettings();
    }
  });

  /** `raw` is the `layerwise` section, or settings holding it; `http` is the editor's proxy section when it has one. */
  function applyClientSettings(raw: unknown, http?: unknown): void {
    const section = (raw && typeof raw === 'object' && 'layerwise' in raw ? (raw as { layerwise: unknown }).layerwise : raw) ?? {};
    if (http === undefined && raw && typeof raw === 'object' && 'http' in raw) http = (raw as { http: unknown }).http;
    enabled = (section as { enable?: unknown }).enable !== false;
    const parsed = readSettingsObject(section, knownRules);
    for (const p of parsed.problems) tell(`settings: ${p}`);
    clientSettings = mergeSettings(defaultSettings(), parsed.settings);
    const tools = readToolSettings(section);
    for (const p of tools.problems) tell(`settings: ${p}`);
    const proxy = readProxySettings(http);
    for (const p of proxy.problems) tell(`settings: ${p}`);
    clientTools = mergeToolSettings(defaultToolSettings(), { ...tools.settings, ...proxy.settings });
    pins.forget();
  }

  function toolsFor(uri: string): ToolSettings {
    if (!uri.startsWith('file:')) return clientTools;
    const resolved = resolver.resolveTools(fileURLToPath(uri), clientTools);
    for (const p of resolved.problems) tell(p);
    return resolved.settings;
  }

  /** The facts a document's lint gets: its lockfiles' versions, and the index when lookups are allowed. */
  function factsFor(uri: string, model: DockerfileModel): LintFacts {
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : null;
    const root = file ? roots.filter((r) => !path.relative(r, file).startsWith('..')).sort((a, b) => b.length - a.length)[0] : undefined;
    const pipIndex = canResolveActions ? pins.indexLabel(toolsFor(uri), trust.workspaceTrusted) : undefined;
    return pins.factsFor(uri, file, model, root, { authorEmail, pipIndex });
  }

  async function pullSettings(): Promise<void> {
    try {
      // VS Code's `http` section holds the proxy; an editor that has none answers null.
      const [layerwise, http] = (await connection.workspace.getConfiguration([{ section: 'layerwise' }, { section: 'http' }])) as unknown[];
      applyClientSettings(layerwise, http ?? null);
    } catch (e) {
      tell(`could not read the editor's settings: ${(e as Error).message}`);
    }
    revalidateAll();
  }

  function tell(message: string): void {
    if (toldProblems.has(message)) return;
    toldProblems.add(message);
    connection.console.warn(message);
  }

  function settingsFor(uri: string): LintSettings {
    if (!uri.startsWith('file:')) return clientSettings;
    const resolved = resolver.resolve(fileURLToPath(uri), clientSettings);
    for (const p of resolved.problems) tell(p);
    return resolved.settings;
  }

  function relintWith(uri: string, settings: LintSettings, facts: LintFacts) {
    return (text: string) => lint(text, { settings, facts, skip: brokenRules.get(uri), rules }).findings;
  }

  function validate(document: TextDocument): void {
    const uri = document.uri;
    if (!enabled) {
      states.delete(uri);
      publish(uri, undefined, []);
      return;
    }
    const text = document.getText();
    const settings = settingsFor(uri);
    // The model of the version before, if any, so only the instructions the edit touched are parsed again.
    const before = states.get(uri);
    const previous = before?.result?.model;
    const edit = lastEdit(uri);
    const range = edit && before && edit.from === before.version && edit.to === document.version ? edit.range : undefined;
    const state: DocumentState = { version: document.version, settings, facts: { authorEmail }, result: null };
    states.set(uri, state);
    if (looksBinary(text)) {
      publish(uri, document.version, []);
      return;
    }
    if (text.length > settings.maxFileSize) {
      publish(uri, document.version, [tooLargeDiagnostic(formatSize(text.length), formatSize(settings.maxFileSize))]);
      return;
    }
    // Where the edit ended, and how many lines the text had, read before the update changes the line starts in place:
    // the lines below the edit move as one (see publish).
    const lines = previous && range ? { editLine: lineOf(previous.lineStarts, range.oldEnd), before: previous.lineStarts.length } : undefined;
    const model = previous ? updateModel(previous, text, range) : detachAst(buildModel(text));
    const facts = (state.facts = factsFor(uri, model));
    const result = lint(model, { settings, facts, skip: brokenRules.get(uri), rules });
    for (const failure of result.failures) {
      let broken = brokenRules.get(uri);
      if (!broken) brokenRules.set(uri, (broken = new Set()));
      broken.add(failure.rule);
      connection.console.error(`rule ${failure.rule} failed on ${uri} and is turned off for it: ${failure.error.stack ?? failure.error.message}`);
    }
    state.result = result;
    keepModel(uri);
    // A pinned digest the registry no longer gives for its tag: from the cache, or once the registry answers.
    const outdated = outdatedDigestDiagnostics(uri, result.model, lookups, () => revalidate(uri, document.version));
    const shift = lines && { from: lines.editLine + 1, by: result.model.lineStarts.length - lines.before };
    publish(uri, document.version, outdated, result, shift);
  }

  /**
   * Sends a document's diagnostics: its findings, if it was linted, and
   * `others`. To Layerwise's VS Code client as what changed since the last
   * message (`shift`, when a keystroke was linted, is how the lines below it
   * moved), and to any other client as a whole publishDiagnostics.
   */
  function publish(uri: string, version: number | undefined, others: Diagnostic[], linted?: LintResult, shift?: Shift): void {
    const { lineStarts, findings } = linted ? { lineStarts: linted.model.lineStarts, findings: linted.findings } : { lineStarts: [0], findings: [] };
    if (changeTracker) {
      void connection.sendNotification(DIAGNOSTIC_CHANGES_METHOD, changeTracker.changes(uri, version, findings, positionsOf(lineStarts, findings), others, shift));
      return;
    }
    const diagnostics = publishedDiagnostics(lineStarts, findings);
    diagnostics.push(...others);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Lints again if the document is still at that version (a lookup answered after the text changed is moot). */
  function revalidate(uri: string, version: number): void {
    const document = documents.get(uri);
    if (document && document.version === version) validate(document);
  }

  /** Documents whose results are kept, the most recently linted last. */
  const kept: string[] = [];

  function keepModel(uri: string): void {
    const at = kept.indexOf(uri);
    if (at >= 0) kept.splice(at, 1);
    kept.push(uri);
    while (kept.length > KEPT_MODELS) {
      const state = states.get(kept.shift()!);
      if (state) {
        state.result = null;
        state.dropped = true;
      }
    }
  }

  function revalidateAll(): void {
    for (const document of documents.all()) validate(document);
  }

  /** The lint result for the document as it is now, linting again if it changed. */
  function currentResult(uri: string): { result: LintResult; settings: LintSettings; facts: LintFacts } | null {
    const document = documents.get(uri);
    if (!document) return null;
    let state = states.get(uri);
    if (!state || state.version !== document.version || state.dropped) {
      validate(document);
      state = states.get(uri);
    }
    return state?.result ? { result: state.result, settings: state.settings, facts: state.facts } : null;
  }

  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    states.delete(e.document.uri);
    if (kept.includes(e.document.uri)) kept.splice(kept.indexOf(e.document.uri), 1);
    brokenRules.delete(e.document.uri);
    if (changeTracker) void connection.sendNotification(DIAGNOSTIC_CHANGES_METHOD, changeTracker.closed(e.document.uri));
    else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    if (canPullConfiguration) void pullSettings();
    else {
      applyClientSettings(change.settings);
      revalidateAll();
    }
  });

  // Trust is only ever granted during a session (VS Code reloads the window to take it back).
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    trust.workspaceTrusted = true;
    // The package index may now be offered as a pin source.
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    resolver.clear();
    // A lockfile changed (or appeared): the Dockerfiles read their lockfiles again.
    if (change.changes.some((c) => !/\.(?:layerwise|hadolint)\.ya?ml$/.test(c.uri))) pins.forget();
    revalidateAll();
  });

  /** Fix-all that yields between passes and gives up when the request is cancelled or the document changes. */
  function fixAllFor(uri: string, current: { result: LintResult; settings: LintSettings; facts: LintFacts }, token: CancellationToken) {
    const version = documents.get(uri)?.version;
    return fixAllEditYielding(current.result, relintWith(uri, current.settings, current.facts), token, () => documents.get(uri)?.version === version);
  }

  connection.onCodeAction(async (params, token) => {
    const uri = params.textDocument.uri;
    const current = currentResult(uri);
    if (!current) return [];
    const actions = await codeActions(uri, current.result, params.range, params.context.only, () => fixAllFor(uri, current, token), canResolveActions);
    if (canResolveActions && (!params.context.only || params.context.only.includes(CodeActionKind.QuickFix))) {
      const tools = toolsFor(uri);
      actions.push(...pins.fromActions(uri, current.result.model, params.range, tools, trust.workspaceTrusted));
      actions.push(...pins.aptActions(uri, current.result.model, params.range, tools, trust.workspaceTrusted));
    }
    actions.push(...(await pinDigestActions(uri, current.result.model, params.range, lookups, params.context.only, { resolveLater: canResolveActions, askRegistry: params.context.triggerKind !== CodeActionTriggerKind.Automatic })));
    return actions;
  });

  // The lookups behind pin actions run here, when the user picks one: never while typing.
  connection.onCodeActionResolve(async (action, token) => {
    const registryPin = action.data as RegistryPinData | undefined;
    if (registryPin?.kind === 'registry-digest') {
      const current = currentResult(registryPin.uri);
      return current ? resolvePinDigest(action, registryPin, current.result.model, lookups) : action;
    }
    const data = action.data as PinActionData | undefined;
    if (!data || (data.kind !== 'pip-index' && data.kind !== 'from-digest' && data.kind !== 'apt-base-image')) return action;
    const current = currentResult(data.uri);
    if (!current) return action;
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    // An engine lookup can take a while (apt-get update in a container): shown as progress the user can cancel.
    const progress = data.kind === 'pip-index' ? null : await connection.window.createWorkDoneProgress().catch(() => null);
    progress?.begin(data.kind === 'apt-base-image' ? 'Layerwise: asking the base image for apt versions' : 'Layerwise: reading the image digest', undefined, undefined, true);
    progress?.token.onCancellationRequested(() => controller.abort());
    const answer = await pins.resolve(data, current, toolsFor(data.uri), trust.workspaceTrusted, controller.signal).finally(() => progress?.done());
    if ('problem' in answer) {
      // A notification, not a request: nothing waits on the user closing it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Layerwise: ${answer.problem}` });
      return action;
    }
    return { ...action, edit: { changes: { [data.uri]: answer.edits } } };
  });

  connection.onCompletion(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    return document ? completeImage(document, params.position, lookups, token) : null;
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    // The model only for `FROM $BASE`, which is read by its ARG defaults.
    return document ? hoverImage(document, params.position, lookups, () => currentResult(document.uri)?.result.model) : null;
  });

  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== FIX_ALL_COMMAND) return null;
    const arg = params.arguments?.[0] as string | { uri?: string } | undefined;
    const uri = typeof arg === 'string' ? arg : arg?.uri;
    if (!uri) return null;
    const current = currentResult(uri);
    const document = documents.get(uri);
    if (!current || !document) return null;
    const edit = await fixAllFor(uri, current, token);
    if (!edit) return { applied: false };
    const applied = await connection.workspace.applyEdit({
      label: 'Fix all Layerwise problems',
      documentChanges: [{ textDocument: { uri, version: document.version }, edits: [edit] }],
    });
    return { applied: applied.applied };
  });

  documents.listen(connection);
  connection.listen();
}

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];

/** The entry point of `layerwise-language-server`: a transport flag is needed, as every LSP client passes one. */
function main(argv: readonly string[]): void {
  if (argv.includes('--version')) {
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  if (!argv.some((a) => TRANSPORTS.some((t) => a === t || (t.endsWith('=') && a.startsWith(t))))) {
    process.stderr.write('Usage: layerwise-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\nAn editor starts it; for the command line, use `layerwise lint`.\n');
    process.exitCode = 2;
    return;
  }
  startServer(argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
}

/**
 * Over stdio, the connection writes publishes with lsp/publishEncoder.ts. The
 * library opens stdio itself only with its own writer, so this does what it
 * does then: stdout is the protocol's, so console writes go to the client's
 * log, and the server exits when the client closes its stdin (with 0 only if
 * it asked for a shutdown first, as the protocol's exit does).
 */
function stdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: publishEncoder });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), writer);
  const toLog = (write: (message: string) => void) => (...args: unknown[]) => write(format(...args));
  console.log = console.info = console.debug = toLog((m) => connection.console.log(m));
  console.warn = toLog((m) => connection.console.warn(m));
  console.error = toLog((m) => connection.console.error(m));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}

// Started only when this file is the program (dist/server.js), so that a test can start it with rules of its own.
if (require.main === module) main(process.argv.slice(2));
