// What the Docker commands of the client share: the workspace-trust gate, the
// Dockerfile they act on, the tool settings (VS Code's `layerwise` section,
// then .layerwise.yaml), and the proposed Dockerfile change shown as a diff
// before it is applied.
import * as vscode from 'vscode';
import { SettingsResolver } from '../../../server/src/engine/configFiles';
import { defaultToolSettings, mergeToolSettings, readToolSettings, type ToolSettings } from '../../../server/src/engine/toolSettings';

/** Nothing runs Docker in an untrusted workspace: say why, and offer to manage trust. */
export async function trusted(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const answer = await vscode.window.showWarningMessage(
    `${what} runs Docker with files of this workspace, so it needs a trusted workspace. Trust it first, or open the folder in a trusted window.`,
    manage,
  );
  if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** The Dockerfile on disk: the one given (explorer menu), or the active editor's, saved first when it has changes. */
export async function dockerfileFor(uri: vscode.Uri | undefined, what: string): Promise<vscode.Uri | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`${what} needs a Dockerfile saved on disk: open one first.`);
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open?.isDirty && !(await open.save())) return undefined;
  return target;
}

export function toolSettingsFor(dockerfile: string, output: vscode.LogOutputChannel): ToolSettings {
  const config = vscode.workspace.getConfiguration('layerwise', vscode.Uri.file(dockerfile));
  const fromEditor = readToolSettings({
    containerCommand: config.get('containerCommand'),
    docker: { runArgs: config.get('docker.runArgs'), buildArgs: config.get('docker.buildArgs') },
    pip: { indexUrl: config.get('pip.indexUrl') },
  });
  // Only the tool settings of .layerwise.yaml are read here; its rule settings are the language server's business.
  const resolved = new SettingsResolver(new Set()).resolveTools(dockerfile, mergeToolSettings(defaultToolSettings(), fromEditor.settings));
  for (const p of [...fromEditor.problems, ...resolved.problems]) output.warn(p);
  return resolved.settings;
}

/** Ties a progress notification's cancel button to an AbortSignal. */
export function abortOn(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

const SCHEME = 'layerwise-proposed';
const proposed = new Map<string, string>();

/** Serves the proposed texts that the diffs show on the right. */
export function registerProposedTexts(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => proposed.get(uri.toString()) ?? '' });
}

/**
 * Shows the change as a diff of the Dockerfile against the proposed text, then
 * applies it as an edit of the document (so Undo takes it back) when the user
 * says so. Returns whether it was applied.
 */
export async function offerChange(dockerfile: vscode.Uri, after: string, title: string, question: string): Promise<boolean> {
  const right = vscode.Uri.from({ scheme: SCHEME, path: dockerfile.path, query: String(Date.now()) });
  proposed.set(right.toString(), after);
  try {
    await vscode.commands.executeCommand('vscode.diff', dockerfile, right, title, { preview: true });
    const apply = 'Apply';
    const answer = await vscode.window.showInformationMessage(question, apply, 'Discard');
    if (answer !== apply) return false;
    const document = await vscode.workspace.openTextDocument(dockerfile);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(dockerfile, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), after);
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    await document.save();
    return true;
  } finally {
    proposed.delete(right.toString());
  }
}
