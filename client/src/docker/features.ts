// The entry of dist/docker.js: what the registered commands run, loaded on
// first use. Holds the measure results of the session and the output channel
// the builds stream to.
import * as vscode from 'vscode';
import type { BuildRecord } from '../../../server/src/container/buildHistory';
import type { MeasureReport } from '../../../server/src/container/measure';
import { defaultToolSettings } from '../../../server/src/engine/toolSettings';
import { buildCommand, HISTORY } from './buildImage';
import { chooseEngine } from './engineChoice';
import { measureCommand, pickImage } from './measureImage';
import { MeasureResults, WasteFixes } from './measureResults';
import { showReport } from './reportView';
import { toolSettingsFor } from './settings';

export interface DockerFeatures {
  build(uri?: vscode.Uri, stage?: string): Promise<void>;
  measure(uri?: vscode.Uri, stage?: string, image?: string): Promise<void>;
  chooseEngine(): Promise<void>;
  exportJson(): Promise<void>;
  sizeLenses(document: vscode.TextDocument): vscode.CodeLens[];
}

async function dockerfileDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'dockerfile') return editor.document;
  void vscode.window.showWarningMessage('Open a Dockerfile first: Build and Measure work on the Dockerfile in the editor.');
  return undefined;
}

/** `sizesChanged` is called when a measurement is stored or dropped, for the CodeLens provider to ask again. */
export function createFeatures(context: vscode.ExtensionContext, sizesChanged: () => void): DockerFeatures {
  const output = vscode.window.createOutputChannel('Layerwise: Build');
  const results = new MeasureResults(sizesChanged);
  let lastReport: MeasureReport | undefined;
  const earlierBuilds = (report: MeasureReport) =>
    (context.workspaceState.get<BuildRecord[]>(HISTORY) ?? [])
      .filter((r) => r.tag === report.image && r.id !== report.id)
      .slice(-5)
      .map((r) => ({ label: `${r.tag} ${r.time.slice(0, 16).replace('T', ' ')}`, size: r.size }));
  const measure = async (uri?: vscode.Uri, stage?: string, image?: string) => {
    const document = await dockerfileDocument(uri);
    if (!document) return;
    const name = image ?? (await pickImage(context, document));
    if (!name) return;
    const report = await measureCommand(context, output, results, document, name, stage);
    if (!report) return;
    lastReport = report;
    showReport(report, earlierBuilds(report));
  };
  context.subscriptions.push(
    output,
    results,
    vscode.languages.registerCodeActionsProvider({ language: 'dockerfile' }, new WasteFixes(results), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('layerwise.measureImage.showReport', (uri: vscode.Uri) => {
      const measured = results.get(uri);
      if (measured) showReport(measured.report, earlierBuilds(measured.report));
    }),
  );
  return {
    async build(uri, stage) {
      const document = await dockerfileDocument(uri);
      if (document) await buildCommand(context, output, document, stage);
    },
    measure,
    async chooseEngine() {
      const uri = vscode.window.activeTextEditor?.document.uri;
      await chooseEngine(context.workspaceState, uri ? toolSettingsFor(uri).settings : defaultToolSettings());
    },
    async exportJson() {
      if (!lastReport) return void vscode.window.showInformationMessage('Measure an image first: there is no report to export yet.');
      const target = await vscode.window.showSaveDialog({ filters: { JSON: ['json'] }, defaultUri: vscode.Uri.file(`${lastReport.image.replace(/[/:]/g, '_')}.measure.json`) });
      if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(lastReport, null, 2)));
    },
    sizeLenses: (document) => results.sizeLenses(document),
  };
}
