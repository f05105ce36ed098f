// The measure results of the session, per Dockerfile: the waste findings as
// diagnostics with their quick fix, and each line's size for the CodeLens. Both
// follow the user's edits (followEdits.ts) until the image is measured again
// or the file is closed, when they are replaced or dropped.
import * as vscode from 'vscode';
import type { MeasureReport } from '../../../server/src/container/measure';
import { parseBytes } from '../../../server/src/container/units';
import { followLines, sizeLenses, wasteRows, type LineMap, type WasteRow } from './followEdits';

export interface Measured {
  report: MeasureReport;
  /** The Dockerfile's text that was measured, which the edits since are compared with. */
  text: string;
}

const DEFAULT_MIN_WASTE = 1_000_000;

/** `layerwise.measure.minWaste`, a size read as the CLI reads --max-waste's; one that is no size counts as the default. */
function minWasteFor(uri: vscode.Uri): number {
  const text = vscode.workspace.getConfiguration('layerwise', uri).get<string>('measure.minWaste', '1 MB');
  return parseBytes(text) ?? DEFAULT_MIN_WASTE;
}

export class MeasureResults implements vscode.Disposable {
  private readonly byDocument = new Map<string, Measured & { followed?: { version: number; lines: LineMap } }>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('layerwise-measure');
  private readonly subscriptions: vscode.Disposable[];

  /** `sizesChanged` tells the CodeLens provider to ask again, when a measurement is stored or dropped. */
  constructor(private readonly sizesChanged: () => void) {
    this.subscriptions = [
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.get(e.document.uri)) this.showWaste(e.document);
      }),
      // A closed file's edits can no longer be followed.
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const document of vscode.workspace.textDocuments) {
          if (this.get(document.uri) && e.affectsConfiguration('layerwise.measure.minWaste', document.uri)) this.showWaste(document);
        }
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  get(uri: vscode.Uri): Measured | undefined {
    return this.byDocument.get(uri.toString());
  }

  /** A new measurement of `document`, made of `text` (the document may have changed while it ran). */
  set(document: vscode.TextDocument, report: MeasureReport, text: string): void {
    this.byDocument.set(document.uri.toString(), { report, text });
    this.showWaste(document);
    this.sizesChanged();
  }

  clear(uri: vscode.Uri): void {
    if (!this.byDocument.delete(uri.toString())) return;
    this.diagnostics.delete(uri);
    this.sizesChanged();
  }

  /** The waste findings shown on the document as it is now. */
  wasteRows(document: vscode.TextDocument): WasteRow[] {
    const measured = this.get(document.uri);
    const lines = this.linesOf(document);
    return measured && lines ? wasteRows(measured.report, lines, minWasteFor(document.uri)) : [];
  }

  sizeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const measured = this.get(document.uri);
    const lines = this.linesOf(document);
    if (!measured || !lines) return [];
    return sizeLenses(measured.report, lines).map(
      (lens) => new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), { title: lens.title, command: 'layerwise.measureImage.showReport', arguments: [document.uri] }),
    );
  }

  private linesOf(document: vscode.TextDocument): LineMap | undefined {
    const measured = this.byDocument.get(document.uri.toString());
    if (!measured) return undefined;
    if (measured.followed?.version !== document.version) measured.followed = { version: document.version, lines: followLines(measured.text, document.getText()) };
    return measured.followed.lines;
  }

  private showWaste(document: vscode.TextDocument): void {
    this.diagnostics.set(
      document.uri,
      this.wasteRows(document).map((row) => {
        const range = new vscode.Range(row.span.start, 0, row.span.end, Number.MAX_SAFE_INTEGER);
        const d = new vscode.Diagnostic(range, row.message, row.bytes >= 1_000_000 ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = 'layerwise';
        d.code = 'image-waste';
        return d;
      }),
    );
  }
}

/** The waste finding's quick fix: the cleanup-in-separate-layer edits, while the text is the one measured. */
export class WasteFixes implements vscode.CodeActionProvider {
  constructor(private readonly results: MeasureResults) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const measured = this.results.get(document.uri);
    // The fix's edits are offsets into the measured text.
    if (!measured || document.getText() !== measured.text) return [];
    const actions: vscode.CodeAction[] = [];
    for (const { finding: f, span } of this.results.wasteRows(document)) {
      if (!f.fix || range.end.line < span.start || range.start.line > span.start) continue;
      const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of f.fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
      action.edit = edit;
      action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'image-waste' && d.range.start.line === span.start);
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
