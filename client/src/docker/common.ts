// What Generate lockfile and Capture environment changes share: the Dockerfile
// they act on, cancellation, and the proposed Dockerfile change shown as a
// diff before it is applied.
import * as vscode from 'vscode';

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

/** Ties a progress notification's cancel button to an AbortSignal. */
export function abortOn(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

const SCHEME = 'layerwise-proposed';
const proposed = new Map<string, string>();
let provider: vscode.Disposable | undefined;

/** Serves the proposed texts that the diffs show on the right; registered on first use, disposed with the extension. */
function serveProposedTexts(context: vscode.ExtensionContext): void {
  if (provider) return;
  provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => proposed.get(uri.toString()) ?? '' });
  context.subscriptions.push(provider);
}

/**
 * Shows the change as a diff of the Dockerfile against the proposed text, then
 * applies it as an edit of the document (so Undo takes it back) when the user
 * says so. Returns whether it was applied.
 */
export async function offerChange(context: vscode.ExtensionContext, dockerfile: vscode.Uri, after: string, title: string, question: string): Promise<boolean> {
  serveProposedTexts(context);
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
