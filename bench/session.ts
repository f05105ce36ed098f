// The scripted editing session: 200 keystrokes at ten places spread over the
// file. At half of them the user opens a new line after an instruction and
// types `RUN pip i`; at the other half they type ` scipy==1.` at the end of a
// RUN; each time they then delete what they typed, one character at a time.
import { buildModel } from '../server/src/model/build';

export interface Keystroke {
  start: number;
  end: number;
  newText: string;
}

const PLACES = 10;
const NEW_LINE = '\nRUN pip i';
const IN_RUN = ' scipy==1.';

export function editSession(text: string, keystrokes = 200): Keystroke[] {
  const model = buildModel(text);
  const runs = model.instructions.filter((n) => n.keyword === 'RUN');
  const perPlace = Math.max(2, Math.floor(keystrokes / PLACES / 2) * 2);
  const places = Math.ceil(keystrokes / perPlace);
  const session: Keystroke[] = [];
  // Places are chosen in the original text and visited from the last to the
  // first, so an earlier place's offset is not moved by a later one's edits
  // (each place's edits cancel out anyway).
  for (let p = places - 1; p >= 0; p--) {
    const node = runs[Math.floor(((p + 0.5) * runs.length) / places)] ?? model.instructions[model.instructions.length - 1];
    const typed = (p % 2 === 0 ? NEW_LINE : IN_RUN).repeat(2).slice(0, perPlace / 2);
    let at = node.end;
    for (const ch of typed) {
      session.push({ start: at, end: at, newText: ch });
      at += ch.length;
    }
    for (let k = typed.length; k > 0; k--) {
      session.push({ start: at - 1, end: at, newText: '' });
      at--;
    }
  }
  return session.slice(0, keystrokes);
}

/** The line and UTF-16 column of an offset, as LSP positions count them. */
export function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
