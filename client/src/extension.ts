// The VS Code client: starts the bundled language server over stdio for
// Dockerfiles and passes it the settings; the Docker commands live in docker/.
// Stdio, not Node IPC: the transport other editors use, so the server runs
// here as it does there. Diagnostics come as what each keystroke changed
// (diagnosticChangesFeature.ts).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, ExecuteCommandRequest, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/lsp/nodeOptions';
import { DiagnosticChangesFeature } from './diagnosticChangesFeature';
import { registerDockerFeatures } from './docker/register';
import { gitAuthorEmail } from './gitEmail';

const FIX_ALL_COMMAND = 'layerwise.server.fixAll';
const WORKSPACE_TRUSTED_NOTIFICATION = 'layerwise/workspaceTrusted';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6010'] } },
  };
  const output = vscode.window.createOutputChannel('Layerwise', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    synchronize: {
      // `http` holds the proxy (http.proxy, http.noProxy, http.proxyStrictSSL) the server's lookups go through.
      configurationSection: ['layerwise', 'http'],
      // Settings files, and the lockfiles pin fixes read: an edit of one re-lints the Dockerfiles.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{.layerwise.yaml,.layerwise.yml,.hadolint.yaml,.hadolint.yml}'),
        vscode.workspace.createFileSystemWatcher('**/{requirements*.txt,requirements*.yaml,requirements*.yml,pylock*.toml,uv.lock,environment*.yml,environment*.yaml,*.lock}'),
      ],
    },
    outputChannel: output,
    // For the maintainer label's fix. Read from git's config files, so it is safe in an untrusted workspace too.
    // Nothing in the server runs Docker or looks anything up until the workspace is trusted.
    // The proxy too, so that a lookup made before the server pulls its settings goes through it.
    initializationOptions: { authorEmail: authorEmail(), workspaceTrusted: vscode.workspace.isTrusted, http: proxySettings() },
  };
  client = new LanguageClient('layerwise', 'Layerwise', serverOptions, clientOptions);
  // Diagnostics come as what each keystroke changed, not as every diagnostic again.
  const diagnosticChanges = new DiagnosticChangesFeature(client);
  client.registerFeature(diagnosticChanges);

  context.subscriptions.push(
    output,
    diagnosticChanges,
    vscode.commands.registerCommand('layerwise.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'dockerfile' || !client) return;
      await client.sendRequest(ExecuteCommandRequest.type, { command: FIX_ALL_COMMAND, arguments: [editor.document.uri.toString()] });
    }),
    vscode.commands.registerCommand('layerwise.showOutput', () => output.show()),
    vscode.commands.registerCommand('layerwise.restartServer', async () => {
      await client?.restart();
    }),
  );
  // The Docker commands: each checks workspace trust before it runs anything.
  registerDockerFeatures(context, output);
  await client.start();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION)));
  // Shows Show output and Restart the language server in the Command Palette once there is a server.
  await vscode.commands.executeCommand('setContext', 'layerwise.activated', true);
}

/** VS Code's proxy settings, as the server reads them from the `http` section. */
function proxySettings(): Record<string, unknown> {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get('proxy'), proxyStrictSSL: http.get('proxyStrictSSL'), noProxy: http.get('noProxy') };
}

function authorEmail(): string | undefined {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return gitAuthorEmail(folders, os.homedir());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
