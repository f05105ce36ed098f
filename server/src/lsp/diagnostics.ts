// Findings as LSP diagnostics: exact ranges, the rule id as the code, and a
// link to the rule's docs page shipped beside the server.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/rule';
import { positionAt } from '../model/lines';
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
  return {
    range: rangeOf(lineStarts, finding.span),
    severity: LSP_SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: docsHref(finding.rule) },
    message: finding.message,
  };
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
