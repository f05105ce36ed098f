// Findings as LSP diagnostics: exact ranges, the rule id as the code, and a
// link to the rule's docs page shipped beside the server.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, type CodeDescription, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/rule';
import { lineOf, positionAt } from '../model/lines';
import { Slot } from '../model/slots';
import { ruleDocsPath } from '../rules/docs';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'layerwise';

/** The extension's folder: dist/server.js sits one level below it. */
const extensionRoot = path.resolve(__dirname, '..');

/** Made once per rule, and shared by its diagnostics: every keystroke sends every diagnostic again. */
const codeDescriptions = new Map<string, CodeDescription>();

function codeDescriptionOf(ruleId: string): CodeDescription {
  let description = codeDescriptions.get(ruleId);
  if (description === undefined) {
    description = { href: pathToFileURL(path.join(extensionRoot, ruleDocsPath(ruleId))).toString() };
    codeDescriptions.set(ruleId, description);
  }
  return description;
}

export function rangeOf(lineStarts: number[], span: { start: number; end: number }): Range {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}

export function toDiagnostic(lineStarts: number[], finding: Finding): Diagnostic {
  return diagnosticOf(finding, rangeOf(lineStarts, finding.span));
}

function diagnosticOf(finding: Finding, range: Range): Diagnostic {
  return {
    range,
    severity: LSP_SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: codeDescriptionOf(finding.rule),
    message: finding.message,
  };
}

/**
 * Each finding's diagnostic, made when the finding is first published and kept
 * with it: a keystroke keeps the findings it did not touch (engine/reuse.ts),
 * and so their diagnostics, whose ranges alone are set again at each publish.
 * Made afresh for every finding at every keystroke, they were a fifth of what
 * a keystroke allocated in a file dense with findings.
 */
const diagnosticOfFinding = new Slot<Finding, Diagnostic>();

/**
 * A lint's findings as the diagnostics a publish sends. Where each stands is
 * read now, into a typed array: the next keystroke moves the findings and the
 * line starts in place, and the connection's writer may serialize this
 * publish only after it (it waits while the diagnostics before are still
 * flushed into the pipe). Every element of the array is one PublishedFindings,
 * which stands for the finding at the element's index: over stdio it is
 * written by lsp/publishEncoder.ts, from the finding's bytes kept from the
 * publish before, and over the other transports by its toJSON, which
 * JSON.stringify calls with the index. Read in this process, the elements are
 * not diagnostics.
 */
export function publishedDiagnostics(lineStarts: number[], findings: readonly Finding[]): Diagnostic[] {
  const entry = new PublishedFindings(findings, positionsOf(lineStarts, findings));
  return new Array<Diagnostic>(findings.length).fill(entry as unknown as Diagnostic);
}

/** Where each finding stands now: the line and character of its start and end, four to a finding. */
export function positionsOf(lineStarts: number[], findings: readonly Finding[]): Int32Array {
  const positions = new Int32Array(findings.length * 4);
  for (let i = 0; i < findings.length; i++) {
    const { start, end } = findings[i].span;
    const startLine = lineOf(lineStarts, start);
    const endLine = lineOf(lineStarts, end);
    positions[i * 4] = startLine;
    positions[i * 4 + 1] = start - lineStarts[startLine];
    positions[i * 4 + 2] = endLine;
    positions[i * 4 + 3] = end - lineStarts[endLine];
  }
  return positions;
}

/** The finding's diagnostic, at the range `positions` holds for the finding at `index` (see positionsOf). */
export function placedDiagnosticOf(finding: Finding, positions: Int32Array, index: number): Diagnostic {
  const at = index * 4;
  return diagnosticOf(finding, {
    start: { line: positions[at], character: positions[at + 1] },
    end: { line: positions[at + 2], character: positions[at + 3] },
  });
}

/** A finding's diagnostic with an empty range at the start, which each publish sets or leaves out. */
function unplacedDiagnosticOf(finding: Finding): Diagnostic {
  return diagnosticOf(finding, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
}

/** A publish's findings, and the line and character of each one's start and end, four to a finding. */
export class PublishedFindings {
  constructor(
    readonly findings: readonly Finding[],
    readonly positions: Int32Array,
  ) {}

  /** The finding's kept diagnostic, with the range read at the publish, just before JSON.stringify writes it out. */
  toJSON(index: string): Diagnostic {
    const i = Number(index);
    const finding = this.findings[i];
    let diagnostic = diagnosticOfFinding.get(finding);
    if (!diagnostic) diagnosticOfFinding.set(finding, (diagnostic = unplacedDiagnosticOf(finding)));
    const { start, end } = diagnostic.range;
    const at = i * 4;
    start.line = this.positions[at];
    start.character = this.positions[at + 1];
    end.line = this.positions[at + 2];
    end.character = this.positions[at + 3];
    return diagnostic;
  }
}

/** A finding's diagnostic as UTF-8 JSON, without its range: what follows the range, from the comma to the closing brace. */
export function diagnosticTailOf(finding: Finding): Buffer {
  let tail = diagnosticTail.get(finding);
  if (!tail) {
    const { range: _range, ...rest } = unplacedDiagnosticOf(finding);
    tail = Buffer.from(`,${JSON.stringify(rest).slice(1)}`);
    diagnosticTail.set(finding, tail);
  }
  return tail;
}

const diagnosticTail = new Slot<Finding, Buffer>();

/** The one diagnostic a document over the size limit gets, instead of a long wait. */
export function tooLargeDiagnostic(size: string, limit: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'file-too-large',
    message: `Layerwise does not lint files over ${limit} (this one is ${size}); raise layerwise.maxFileSize to lint it.`,
  };
}
