// Fix-all as the server runs it: pass by pass, giving the event loop a turn
// between passes, so that a keystroke's diagnostics never wait behind a long
// fix-all, and stopping as soon as the request is cancelled or the document
// changes under it (its edit would no longer apply).
import { LSPErrorCodes, ResponseError, type CancellationToken, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { fixPasses } from '../engine/fix';
import type { LintResult } from '../engine/lint';
import type { Finding } from '../engine/rule';
import { minimalEdit } from './codeActions';

/**
 * Lets what the client sent meanwhile in: a message read in this turn's poll phase is
 * dispatched by the connection in a setImmediate queued after ours, hence two turns.
 */
async function letMessagesIn(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
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
    await letMessagesIn();
    stopIfNeeded(token, isCurrent);
    const step = passes.next();
    if (step.done) {
      // A cancel or an edit that came during the last pass still wins over a stale answer.
      await letMessagesIn();
      stopIfNeeded(token, isCurrent);
      return minimalEdit(result.model, step.value.text);
    }
  }
}
