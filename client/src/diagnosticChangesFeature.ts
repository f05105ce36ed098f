// Takes the server's diagnostics as layerwise/diagnosticChanges, only what each
// keystroke changed, instead of publishDiagnostics, which re-sends them all
// (see server/src/lsp/diagnosticChangesProtocol.ts). The diagnostics go to a
// collection of this feature's own, made with the language client's own
// converter, so they look to VS Code (Problems, quick fixes, the docs link)
// as the client's would.
import * as vscode from 'vscode';
import type { ClientCapabilities, FeatureState, LanguageClient, StaticFeature } from 'vscode-languageclient/node';
import { DIAGNOSTIC_CHANGES_CAPABILITY, DIAGNOSTIC_CHANGES_METHOD, type DiagnosticChanges } from '../../server/src/lsp/diagnosticChangesProtocol';
import { DiagnosticChangesReader } from './diagnosticChangesReader';

export class DiagnosticChangesFeature implements StaticFeature, vscode.Disposable {
  // A name of its own: the language client's (empty) collection is named 'layerwise', and VS Code warns in the
  // extension host's log when a second collection takes a name in use.
  private readonly collection = vscode.languages.createDiagnosticCollection('layerwise-changes');
  private readonly reader: DiagnosticChangesReader<vscode.Diagnostic>;

  constructor(client: LanguageClient) {
    this.reader = new DiagnosticChangesReader<vscode.Diagnostic>({
      fromLsp: (d) => client.protocol2CodeConverter.asDiagnostic(d),
      // VS Code copies a collection's diagnostics when they are set, so a kept one can be moved in place.
      placed: (d, r) => {
        d.range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        return d;
      },
      range: (d) => d.range,
    });
    client.onNotification(DIAGNOSTIC_CHANGES_METHOD, (changes: DiagnosticChanges) => {
      this.collection.set(client.protocol2CodeConverter.asUri(changes.uri), this.reader.apply(changes));
    });
  }

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.experimental = { ...(capabilities.experimental as object | undefined), [DIAGNOSTIC_CHANGES_CAPABILITY]: true };
  }

  initialize(): void {}

  getState(): FeatureState {
    return { kind: 'static' };
  }

  /** The server stopped or restarts: its diagnostics go, and the next server sends each document afresh. */
  clear(): void {
    this.collection.clear();
    this.reader.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}
