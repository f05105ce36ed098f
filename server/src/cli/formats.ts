// The CLI's output formats: compiler-style text, the JSON contract of
// DESIGN.md, and SARIF 2.1.0 for code-scanning tools.
import { positionAt } from '../model/lines';
import { buildkitChecks, type Finding, type Rule, type Severity } from '../engine/rule';
import { ruleDocsPath } from '../rules/docs';

export interface FileResult {
  file: string;
  lineStarts: number[];
  findings: Finding[];
}

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based, in UTF-16 code units; the end points just past the last character. */
export function locate(lineStarts: number[], finding: Finding): Location {
  const s = positionAt(lineStarts, finding.span.start);
  const e = positionAt(lineStarts, finding.span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function fixKind(finding: Finding): 'safe' | 'unsafe' | null {
  if (finding.fixes.some((f) => f.safety === 'safe')) return 'safe';
  return finding.fixes.length > 0 ? 'unsafe' : null;
}

export function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const loc = locate(r.lineStarts, f);
      lines.push(`${r.file}:${loc.line}:${loc.column} ${f.severity} ${f.rule} ${f.message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatJson(results: readonly FileResult[]): string {
  const out = results.map((r) => ({
    file: r.file,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...locate(r.lineStarts, f),
      hadolint: f.hadolint,
      buildkit: f.buildkit,
      fix: fixKind(f),
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(results: readonly FileResult[], rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerwise',
            version,
            rules: rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.title,
              shortDescription: { text: r.meta.title },
              defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
              properties: {
                category: r.meta.category,
                hadolint: r.meta.hadolint,
                buildkit: buildkitChecks(r.meta),
                fix: r.meta.fix,
                docs: ruleDocsPath(r.meta.id),
                // Code-scanning front ends filter and group by tags: the hadolint and BuildKit names find a rule there.
                tags: [r.meta.category, ...r.meta.hadolint, ...buildkitChecks(r.meta)],
              },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.findings.map((f) => {
            const loc = locate(r.lineStarts, f);
            const uri = r.file.split('\\').join('/');
            const safe = f.fixes.find((x) => x.safety === 'safe');
            return {
              ruleId: f.rule,
              ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
              level: SARIF_LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri },
                    region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
                  },
                },
              ],
              ...(f.hadolint || f.buildkit
                ? { properties: { ...(f.hadolint ? { hadolint: f.hadolint } : {}), ...(f.buildkit ? { buildkit: f.buildkit } : {}) } }
                : {}),
              ...(safe
                ? {
                    fixes: [
                      {
                        description: { text: safe.title },
                        artifactChanges: [
                          {
                            artifactLocation: { uri },
                            replacements: safe.edits.map((e) => {
                              const s = positionAt(r.lineStarts, e.start);
                              const en = positionAt(r.lineStarts, e.end);
                              return {
                                deletedRegion: { startLine: s.line + 1, startColumn: s.character + 1, endLine: en.line + 1, endColumn: en.character + 1 },
                                insertedContent: { text: e.newText },
                              };
                            }),
                          },
                        ],
                      },
                    ],
                  }
                : {}),
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
