// The Measure image command: an image just built or picked from the engine's
// list, measured against the Dockerfile; each line's size as a CodeLens
// ("+312 MB"), each waste finding as a diagnostic on the line that wrote it
// with its quick fix, and the report view.
import * as vscode from 'vscode';
import { EngineError } from '../../../server/src/container/engine';
import { measureImage, type MeasureReport } from '../../../server/src/container/measure';
import { formatBytes } from '../../../server/src/container/units';
import { currentTarget, engineFor } from './engineChoice';
import { toolSettingsFor } from './settings';

export interface Measured {
  report: MeasureReport;
  /** The document's version the report's fixes were made for. */
  version: number;
}

const TAGS = 'layerwise.tags';

export class MeasureResults {
  private readonly byDocument = new Map<string, Measured>();
  readonly diagnostics = vscode.languages.createDiagnosticCollection('layerwise-measure');

  get(uri: vscode.Uri): Measured | undefined {
    return this.byDocument.get(uri.toString());
  }

  set(document: vscode.TextDocument, report: MeasureReport): void {
    this.byDocument.set(document.uri.toString(), { report, version: document.version });
    this.diagnostics.set(
      document.uri,
      report.waste.findings
        .filter((f) => f.line !== null)
        .map((f) => {
          const instruction = report.instructions.find((i) => i.line === f.line);
          const range = new vscode.Range(f.line! - 1, 0, (instruction?.endLine ?? f.line!) - 1, Number.MAX_SAFE_INTEGER);
          const d = new vscode.Diagnostic(range, f.message, f.bytes >= 1_000_000 ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
          d.source = 'layerwise';
          d.code = 'image-waste';
          return d;
        }),
    );
  }

  sizeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const measured = this.get(document.uri);
    if (!measured) return [];
    return measured.report.instructions
      .filter((i) => i.line - 1 < document.lineCount)
      .map((i) => {
        const title = `+${formatBytes(i.size)}${i.waste ? ` · ${formatBytes(i.waste)} wasted` : ''}`;
        return new vscode.CodeLens(new vscode.Range(i.line - 1, 0, i.line - 1, 0), { title, command: 'layerwise.measureImage.showReport', arguments: [document.uri] });
      });
  }
}

/** The waste finding's quick fix: the cleanup-in-separate-layer edits, while the text is the one measured. */
export class WasteFixes implements vscode.CodeActionProvider {
  constructor(private readonly results: MeasureResults) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const measured = this.results.get(document.uri);
    if (!measured || measured.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const f of measured.report.waste.findings) {
      if (!f.fix || f.line === null || range.end.line < f.line - 1 || range.start.line > f.line - 1) continue;
      const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of f.fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
      action.edit = edit;
      action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'image-waste' && d.range.start.line === f.line! - 1);
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

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
      const report = await measureImage(engine, image, { dockerfile: document.getText(), target: stage, signal: controller.signal, onProgress: (m) => progress.report({ message: m }) });
      results.set(document, report);
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
