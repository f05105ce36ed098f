// The Docker commands in VS Code (Build image, Measure image, Generate lockfile,
// Capture environment changes): the commands, the status bar and the CodeLens
// on each FROM are registered at activation; the code that runs Docker lives
// in dist/docker.js, loaded on first use so activation stays light.
// Nothing runs in an untrusted workspace: the commands are disabled there
// (package.json `enablement`), and a call that gets through is told why.
import * as vscode from 'vscode';
import type { DockerFeatures } from './features';
import { trusted as isTrusted } from './trust';

export function registerDockerFeatures(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  let module: typeof import('./module') | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => (module ??= require(context.asAbsolutePath('dist/docker.js')) as typeof import('./module'));
  let loaded: DockerFeatures | undefined;
  const features = (): DockerFeatures => (loaded ??= load().createFeatures(context));
  // The same gate as Generate lockfile's: say why, and offer to manage trust.
  const trusted =
    <A extends unknown[]>(run: (...args: A) => unknown) =>
    async (...args: A) => {
      if (!(await isTrusted('Building or measuring an image'))) return;
      return run(...args);
    };
  const lenses = new FromLenses(() => loaded);
  let lensRegistration = vscode.languages.registerCodeLensProvider({ language: 'dockerfile' }, lenses);
  const status = vscode.window.createStatusBarItem('layerwise.engine', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Layerwise: where builds go';
  status.command = 'layerwise.chooseEngine';
  const showStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'dockerfile' && vscode.workspace.isTrusted) {
      status.text = `$(package) ${context.workspaceState.get<string>('layerwise.engineLabel') ?? 'docker: current context'}`;
      status.tooltip = 'Where Layerwise builds and measures images: click to choose another context or builder';
      status.show();
    } else status.hide();
  };
  context.subscriptions.push(
    status,
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidGrantWorkspaceTrust(showStatus),
    // Generate lockfile and Capture environment changes check trust themselves, before anything else.
    vscode.commands.registerCommand('layerwise.generateLockfile', (uri?: vscode.Uri) => load().generateLockfile(context, output)(uri)),
    vscode.commands.registerCommand('layerwise.captureEnvironment', (uri?: vscode.Uri) => load().captureEnvironment(context, output)(uri)),
    vscode.commands.registerCommand('layerwise.buildImage', trusted((uri?: vscode.Uri, stage?: string) => features().build(uri, stage))),
    vscode.commands.registerCommand('layerwise.measureImage', trusted(async (uri?: vscode.Uri, stage?: string, image?: string) => {
      await features().measure(uri, stage, image);
      // The sizes are new: registering the provider anew makes VS Code read the lenses again. In code-server
      // 1.139 they then show once the editor has the focus (the report view beside it has it first).
      lensRegistration.dispose();
      lensRegistration = vscode.languages.registerCodeLensProvider({ language: 'dockerfile' }, lenses);
    })),
    vscode.commands.registerCommand('layerwise.chooseEngine', trusted(async () => {
      await features().chooseEngine();
      showStatus();
    })),
    vscode.commands.registerCommand('layerwise.exportMeasureJson', trusted(() => features().exportJson())),
    { dispose: () => lensRegistration.dispose() },
  );
  showStatus();
}

/** "Build image" and "Measure image" on each stage's FROM, and a measured image's "+312 MB" on each line. */
class FromLenses implements vscode.CodeLensProvider {
  constructor(private readonly loaded: () => DockerFeatures | undefined) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const lenses: vscode.CodeLens[] = [];
    for (let line = 0; line < document.lineCount; line++) {
      const m = /^\s*FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(document.lineAt(line).text);
      if (!m) continue;
      const range = new vscode.Range(line, 0, line, 0);
      const stage = m[1];
      lenses.push(new vscode.CodeLens(range, { title: 'Build image', command: 'layerwise.buildImage', arguments: [document.uri, stage] }));
      lenses.push(new vscode.CodeLens(range, { title: 'Measure image', command: 'layerwise.measureImage', arguments: [document.uri, stage] }));
    }
    const features = this.loaded();
    if (features) lenses.push(...features.sizeLenses(document));
    return lenses;
  }
}
