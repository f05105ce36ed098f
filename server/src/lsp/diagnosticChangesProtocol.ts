// How the server sends Layerwise's own VS Code client only what a keystroke
// changed in a document's diagnostics. LSP's publishDiagnostics replaces all of
// a document's diagnostics at once, so in a file dense with findings every
// keystroke would re-send, and the client parse again, every one of them
// (about 480 KB for the bench's 1,153 findings). A client that declares the
// experimental capability below gets this notification instead; any other
// client (Neovim, Helix, Emacs) gets publishDiagnostics as before.
import type { Diagnostic } from 'vscode-languageserver-protocol';

/** Set to true under the client's `capabilities.experimental` to get DIAGNOSTIC_CHANGES_METHOD instead of publishDiagnostics. */
export const DIAGNOSTIC_CHANGES_CAPABILITY = 'layerwiseDiagnosticChanges';

export const DIAGNOSTIC_CHANGES_METHOD = 'layerwise/diagnosticChanges';

/** A kept diagnostic's new range: its id, then the line and character of its start and of its end. */
export type Placement = [id: number, startLine: number, startCharacter: number, endLine: number, endCharacter: number];

/**
 * What changed in one document's diagnostics since the last message for it.
 * Every diagnostic from a finding has an id, given when it is first added;
 * the client applies, in this order: reset, removed, shift, moved, added, and
 * then replaces the document's `others`.
 */
export interface DiagnosticChanges {
  uri: string;
  /** The document's version the diagnostics are for, as in publishDiagnostics. */
  version?: number;
  /** Drop every diagnostic the document had first: the first message for it, and when it is closed. */
  reset?: true;
  /** Ids of diagnostics that are gone. */
  removed: number[];
  /** Every kept diagnostic whose range starts on line `from` or later moves `by` lines (up, if negative). */
  shift?: { from: number; by: number };
  /** Kept diagnostics whose range is not where the shift puts it, with their range now. */
  moved: Placement[];
  /** New diagnostics, each with the id later messages name it by. */
  added: Array<[id: number, diagnostic: Diagnostic]>;
  /** The document's diagnostics that are not lint findings (a pinned digest the registry no longer gives), all of them. */
  others: Diagnostic[];
}
