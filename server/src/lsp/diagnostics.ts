// Findings as LSP diagnostics: exact ranges, the rule id as the code, and a
// link to the rule's docs page shipped beside the server.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/rule';
import { lineOf, positionAt } from '../model/lines';
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

/** Made once per rule: every keystroke sends every diagnostic again. */
const hrefs = new Map<string, string>();

export function docsHref(ruleId: string): string {
  let href = hrefs.get(ruleId);
  if (href === undefined) hrefs.set(ruleId, (href = pathToFileURL(path.join(extensionRoot, ruleDocsPath(ruleId))).toString()));
  return href;
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
    codeDescription: { href: docsHref(finding.rule) },
    message: finding.message,
  };
}

/**
 * A lint's findings as the diagnostics a publish sends: where each stands is
 * read now, into a typed array (the next keystroke moves the findings and the
 * line starts in place), and each diagnostic object is made only as the
 * connection's writer serializes it, by the toJSON of the one entry the array
 * holds at every index. So none is alive for long: made all at once and kept
 * until the writer's turn came, a finding-dense file's diagnostics outlived
 * young-generation GCs and filled the old generation, whose mark-compacts set
 * a keystroke's p95 (docs/PERFORMANCE.md). Every transport the server takes
 * serializes with JSON.stringify; read in this process, the entries are not
 * diagnostics.
 */
export function publishedDiagnostics(lineStarts: number[], findings: readonly Finding[]): Diagnostic[] {
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
  const entry = {
    toJSON(index: string): Diagnostic {
      const i = Number(index);
      const at = i * 4;
      return diagnosticOf(findings[i], { start: { line: positions[at], character: positions[at + 1] }, end: { line: positions[at + 2], character: positions[at + 3] } });
    },
  };
  return new Array<Diagnostic>(findings.length).fill(entry as unknown as Diagnostic);
}

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
