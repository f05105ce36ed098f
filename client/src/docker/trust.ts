// The one workspace-trust gate of the Docker commands: they are disabled in an
// untrusted workspace (package.json enablement), and a call that gets through
// anyway (another extension may run a command) is told why. Kept apart from
// the commands so that registering them at activation loads nothing else.
import * as vscode from 'vscode';

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
