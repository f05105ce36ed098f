// The client's half of layerwise/diagnosticChanges (see
// server/src/lsp/diagnosticChangesProtocol.ts): each document's diagnostics,
// kept by id and brought up to date by each message. It holds diagnostics of
// any shape, so that the VS Code client keeps vscode.Diagnostic objects (made
// once, when a diagnostic is added) and the bench's client keeps LSP ones.
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import type { DiagnosticChanges } from '../../server/src/lsp/diagnosticChangesProtocol';

/** How the reader makes, reads and moves a diagnostic of type T. */
export interface DiagnosticShape<T> {
  fromLsp(diagnostic: Diagnostic): T;
  /** The diagnostic at `range` instead; it may be the same object, changed. */
  placed(diagnostic: T, range: Range): T;
  range(diagnostic: T): Range;
}

interface DocumentDiagnostics<T> {
  byId: Map<number, T>;
  others: T[];
}

export class DiagnosticChangesReader<T> {
  private readonly documents = new Map<string, DocumentDiagnostics<T>>();

  constructor(private readonly shape: DiagnosticShape<T>) {}

  /** Applies a message, and returns all of its document's diagnostics now. */
  apply(changes: DiagnosticChanges): T[] {
    const { shape } = this;
    let document = this.documents.get(changes.uri);
    if (!document || changes.reset) this.documents.set(changes.uri, (document = { byId: new Map(), others: [] }));
    const { byId } = document;
    for (const id of changes.removed) byId.delete(id);
    if (changes.shift) {
      const { from, by } = changes.shift;
      for (const [id, d] of byId) {
        const { start, end } = shape.range(d);
        if (start.line < from) continue;
        byId.set(id, shape.placed(d, { start: { line: start.line + by, character: start.character }, end: { line: end.line + by, character: end.character } }));
      }
    }
    for (const [id, startLine, startCharacter, endLine, endCharacter] of changes.moved) {
      const d = byId.get(id);
      if (d === undefined) throw new Error(`layerwise/diagnosticChanges moved diagnostic ${id} of ${changes.uri}, which the client does not have`);
      byId.set(id, shape.placed(d, { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }));
    }
    for (const [id, diagnostic] of changes.added) byId.set(id, shape.fromLsp(diagnostic));
    document.others = changes.others.map((d) => shape.fromLsp(d));
    if (byId.size === 0 && document.others.length === 0) this.documents.delete(changes.uri);
    return [...byId.values(), ...document.others];
  }

  /** Forgets every document, as when the server stops. */
  clear(): void {
    this.documents.clear();
  }
}

/** LSP diagnostics as they are, for a client that keeps the protocol's own objects. */
export const lspDiagnosticShape: DiagnosticShape<Diagnostic> = {
  fromLsp: (d) => d,
  placed: (d, range) => ({ ...d, range }),
  range: (d) => d.range,
};
