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
  const lenses = new FromLenses(() => loaded);
  const features = (): DockerFeatures => (loaded ??= load().createFeatures(context, () => lenses.refresh()));
  // The same gate as Generate lockfile's: say why, and offer to manage trust.
  const trusted =
    <A extends unknown[]>(run: (...args: A) => unknown) =>
    async (...args: A) => {
      if (!(await isTrusted('Building or measuring an image'))) return;
      return run(...args);
    };
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
    vscode.commands.registerCommand('layerwise.measureImage', trusted((uri?: vscode.Uri, stage?: string, image?: string) => features().measure(uri, stage, image))),
    vscode.commands.registerCommand('layerwise.chooseEngine', trusted(async () => {
      await features().chooseEngine();
      showStatus();
    })),
    vscode.commands.registerCommand('layerwise.exportMeasureJson', trusted(() => features().exportJson())),
    vscode.languages.registerCodeLensProvider({ language: 'dockerfile' }, lenses),
    lenses,
  );
  showStatus();
}

/** "Build image" and "Measure image" on each stage's FROM, and a measured image's "+312 MB" on each line. */
class FromLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly loaded: () => DockerFeatures | undefined) {}

  /** A measurement was stored or dropped: VS Code asks for the lenses again, so the sizes on the lines are its. */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

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
