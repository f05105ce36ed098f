// Whether a shell word leaves a quote open. The tokeniser reads an unclosed
// quote, backquote, `$(` or `${` to the end of the script, as a shell would;
// text appended after such a word lands inside it, so a fix must not append
// there. The tokeniser itself decides, so that a fix and the rules that judge
// the fixed text agree (the fuzzer found `"${{}"`, which a separate reckoning
// called closed and the tokeniser open, so fix-all appended ten times).
import { tokenizeShell } from './shell';

/** True when a command written after `raw` would not stand as a command of its own. */
export function leavesQuoteOpen(raw: string): boolean {
  const commands = tokenizeShell({ text: `${raw} ;probe`, map: null, base: 0 });
  const last = commands[commands.length - 1];
  return !(commands.length >= 2 && last.words.length === 1 && last.words[0].raw === 'probe');
}
