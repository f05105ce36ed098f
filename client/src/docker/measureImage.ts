// The Measure image command: an image just built or picked from the engine's
// list, measured against the Dockerfile; the results go to MeasureResults
// (measureResults.ts), which shows each line's size as a CodeLens ("+312 MB")
// and each waste finding as a diagnostic on the line that wrote it.
import * as vscode from 'vscode';
import { EngineError } from '../../../server/src/container/engine';
import { measureImage, type MeasureReport } from '../../../server/src/container/measure';
import { formatBytes } from '../../../server/src/container/units';
import { currentTarget, engineFor } from './engineChoice';
import type { MeasureResults } from './measureResults';
import { toolSettingsFor } from './settings';

const TAGS = 'layerwise.tags';

export async function pickImage(context: vscode.ExtensionContext, document: vscode.TextDocument): Promise<string | undefined> {
  const { settings } = toolSettingsFor(document.uri);
  const engine = engineFor(settings, currentTarget(context.workspaceState));
  const remembered = (context.workspaceState.get<Record<string, string>>(TAGS) ?? {})[document.uri.toString()];
  let listed: string[] = [];
  try {
    const { stdout } = await engine.run(['images', '--format', '{{.Repository}}:{{.Tag}}'], { timeoutMs: 30_000 });
    listed = stdout.split('\n').filter((l) => l && !l.includes('<none>'));
  } catch (e) {
    void vscode.window.showErrorMessage(`Measure image: ${(e as Error).message}`);
    return undefined;
  }
  const items = [...new Set([...(remembered ? [remembered] : []), ...listed])].map((label) => ({ label, description: label === remembered ? 'last built from this Dockerfile' : undefined }));
  return (await vscode.window.showQuickPick(items, { title: 'Measure image: which image?' }))?.label;
}

export async function measureCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel, results: MeasureResults, document: vscode.TextDocument, image: string, stage?: string): Promise<MeasureReport | undefined> {
  const { settings } = toolSettingsFor(document.uri);
  const engine = engineFor(settings, currentTarget(context.workspaceState));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Measuring ${image}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const text = document.getText();
      const report = await measureImage(engine, image, { dockerfile: text, target: stage, signal: controller.signal, onProgress: (m) => progress.report({ message: m }) });
      results.set(document, report, text);
      output.appendLine(`Measured ${image}: ${formatBytes(report.size)}, waste ${formatBytes(report.waste.bytes)}, dive's efficiency ${(report.dive.efficiency * 100).toFixed(2)}%`);
      return report;
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'cancelled') return undefined;
      output.appendLine((e as Error).message);
      void vscode.window.showErrorMessage(`Measuring ${image} failed: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    }
  });
}
