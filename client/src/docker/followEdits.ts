// What Measure image put on a Dockerfile, kept true while the user edits it and
// until the image is measured again: a waste row or a size lens moves with its
// lines while they are there unchanged, and goes once an edit touched them (it
// then describes a build the file no longer matches). The text is compared with
// the one measured rather than followed edit by edit, so that an undo brings a
// row back and a whole-file replace (a formatter, a change on disk) moves what
// it did not change. Plain functions, no VS Code.
import { diffArrays } from 'diff';
import type { InstructionReport, MeasureReport, WasteFinding } from '../../../server/src/container/measure';
import { formatBytes } from '../../../server/src/container/units';

/** For each line of the measured text (0-based), its line in the current text when it is there unchanged. */
export type LineMap = ReadonlyArray<number | undefined>;

/** Lines, 0-based, first and last included. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface WasteRow {
  span: LineSpan;
  /** The finding's message, its "line N" naming where that line is now. */
  message: string;
  bytes: number;
  finding: WasteFinding;
}

export interface SizeLens {
  line: number;
  title: string;
}

/** Lines added or removed beyond which nothing of the measured text is followed, so that a keystroke after a big rewrite stays cheap. */
export const MAX_EDITED_LINES = 300;

/** Where each measured line is in the current text (line ends aside), by a line diff of the two. */
export function followLines(measured: string, current: string): LineMap {
  const before = measured.split(/\r?\n/);
  const parts = diffArrays(before, current.split(/\r?\n/), { maxEditLength: MAX_EDITED_LINES });
  if (!parts) return before.map(() => undefined);
  const lines: Array<number | undefined> = [];
  let next = 0;
  for (const part of parts) {
    const count = part.value.length;
    if (part.added) next += count;
    else if (part.removed) for (let i = 0; i < count; i++) lines.push(undefined);
    else for (let i = 0; i < count; i++) lines.push(next++);
  }
  return lines;
}

/** Where a span is now: all its lines there unchanged and still together (nothing typed between them), or undefined. */
export function followSpan(lines: LineMap, span: LineSpan): LineSpan | undefined {
  const start = lines[span.start];
  if (start === undefined) return undefined;
  for (let line = span.start + 1; line <= span.end; line++) if (lines[line] !== start + (line - span.start)) return undefined;
  return { start, end: start + (span.end - span.start) };
}

/** The measured lines (0-based) of the instruction on a 1-based line. */
function instructionSpan(instructions: readonly InstructionReport[], line: number): LineSpan {
  const instruction = instructions.find((i) => i.line === line);
  return { start: line - 1, end: (instruction?.endLine ?? line) - 1 };
}

/**
 * The waste findings of at least `minWaste` bytes that are still true of the text, where they are now. A finding
 * holds while the instructions it names (the line it is shown on, the one that wrote the bytes and the one that
 * deleted or rewrote them) are unchanged; its message names them by their lines now.
 */
export function wasteRows(report: Pick<MeasureReport, 'instructions' | 'waste'>, lines: LineMap, minWaste: number): WasteRow[] {
  const rows: WasteRow[] = [];
  for (const finding of report.waste.findings) {
    if (finding.line === null || finding.bytes < minWaste) continue;
    const named = [finding.line, finding.writerLine, finding.byLine].filter((l): l is number => l !== null);
    const followed = named.map((l) => followSpan(lines, instructionSpan(report.instructions, l)));
    if (followed.some((span) => span === undefined)) continue;
    const message = finding.message.replace(/\bline (\d+)\b/g, (text, n: string) => {
      const now = lines[Number(n) - 1];
      return now === undefined ? text : `line ${now + 1}`;
    });
    rows.push({ span: followed[0]!, message, bytes: finding.bytes, finding });
  }
  return rows;
}

/**
 * "+464 MB · 20.7 MB wasted" on the first line of each instruction whose text is unchanged. An edited instruction
 * loses its lens rather than keeping a figure of the text it replaced: its layer will differ in the next build.
 * Unchanged ones keep theirs, which is the size of the layer that very text made.
 */
export function sizeLenses(report: Pick<MeasureReport, 'instructions'>, lines: LineMap): SizeLens[] {
  const lenses: SizeLens[] = [];
  for (const i of report.instructions) {
    const span = followSpan(lines, { start: i.line - 1, end: i.endLine - 1 });
    if (span) lenses.push({ line: span.start, title: `+${formatBytes(i.size)}${i.waste ? ` · ${formatBytes(i.waste)} wasted` : ''}` });
  }
  return lenses;
}
