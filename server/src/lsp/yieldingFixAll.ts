// Fix-all as the server runs it: pass by pass, giving the event loop a turn
// between passes, so that a keystroke's diagnostics never wait behind a long
// fix-all, and stopping as soon as the request is cancelled or the document
// changes under it (its edit would no longer apply).
import { LSPErrorCodes, ResponseError, type CancellationToken, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { fixPasses } from '../engine/fix';
import type { LintResult } from '../engine/lint';
import type { Finding } from '../engine/rule';
import { minimalEdit } from './codeActions';

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Throws the LSP error for a request that should stop now, if it should. */
function stopIfNeeded(token: CancellationToken, isCurrent: () => boolean): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'fix-all was cancelled');
  if (!isCurrent()) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed during fix-all');
}

export async function fixAllEditYielding(
  result: LintResult,
  relint: (text: string) => Finding[],
  token: CancellationToken,
  isCurrent: () => boolean,
): Promise<LspTextEdit | null> {
  const passes = fixPasses(result.model.text, relint, 'safe');
  for (;;) {
    await nextTurn();
    stopIfNeeded(token, isCurrent);
    const step = passes.next();
    if (step.done) return minimalEdit(result.model, step.value.text);
  }
}
