// What the corpus sweep holds every safe fix to, on real files (issue 17's
// "Done when"): the fixed text parses, the fix adds no finding the original
// lacked, it changes no text but its own instructions', and a version it moves
// to an ARG is written nowhere else in the stage; fix-all then leaves no safe
// finding, and a second fix-all changes nothing.
import { applyEdits, fixUntilStable } from '../server/src/engine/fix';
import { lint, type LintResult } from '../server/src/engine/lint';
import type { Finding, Fix } from '../server/src/engine/rule';
import { lineOf } from '../server/src/model/lines';
import type { DockerfileModel, Stage } from '../server/src/model/types';

// Line numbers move when a fix adds a line: a finding is the same one wherever it now points.
const key = (f: Finding) => `${f.rule}: ${f.message.replace(/\blines? \d+(\s*(-|and|to)\s*\d+)?/g, "line N")}`;

function countedBy(findings: readonly Finding[], by: (f: Finding) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(by(f), (counts.get(by(f)) ?? 0) + 1);
  return counts;
}

function stageAt(model: DockerfileModel, offset: number): Stage | null {
  let found: Stage | null = null;
  for (const s of model.stages) if (s.from.start <= offset) found = s;
  return found;
}

/** The text an edit replaces, once the instructions of the stage are taken out: white space only, or the edit strays. */
function strays(model: DockerfileModel, stage: Stage | null, start: number, end: number): string | null {
  const own = (stage ? [stage.from, ...stage.instructions] : model.instructions).filter((n) => n.end > start && n.start < end);
  let rest = '';
  let at = start;
  for (const n of own) {
    rest += model.text.slice(at, Math.max(at, n.start));
    at = Math.max(at, n.end);
  }
  rest += model.text.slice(at, Math.max(at, end));
  return /^[\s\\]*$/.test(rest) ? null : rest.trim();
}

/** A version written on its own, not as part of a longer one (`1.2` in `tool-1.2.tgz`, not in `11.2.3`). */
function versionPattern(version: string): RegExp {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w]|\\.\\d)`);
}

function movedVersionLeft(fixed: DockerfileModel, fix: Fix, offset: number): string | null {
  const declaration = fix.edits.map((e) => /ARG (\w+)="([^"]+)"/.exec(e.newText)).find((m) => m);
  if (!declaration) return null;
  const [, name, version] = declaration;
  if (!/\d\.\d/.test(version)) return null;
  const stage = stageAt(fixed, offset);
  const pattern = versionPattern(version);
  for (const n of stage ? [stage.from, ...stage.instructions] : []) {
    if (n.keyword === 'ARG' || n.keyword === 'FROM' || (n.trigger?.keyword === 'ARG')) continue;
    // Comment lines build nothing; `pkg=1.2` is that package's own pin, with a finding of its own.
    const lines = fixed.text.slice(n.start, n.end).split('\n').filter((l) => !/^\s*#/.test(l));
    const text = lines.map((l) => l.replace(new RegExp(`[\\w.+-]=={0,2}${pattern.source}`, 'g'), '')).join('\n');
    if (pattern.test(text)) return `version ${version} moved to ARG ${name} is still written on line ${n.line + 1}: ${text.split('\n').find((l) => pattern.test(l))?.trim().slice(0, 100)}`;
  }
  return null;
}

/** Every safe fix of a lint, applied on its own. */
export function safeFixProblems(result: LintResult): string[] {
  const problems: string[] = [];
  const { model } = result;
  const before = new Set(result.findings.map(key));
  for (const finding of result.findings) {
    const fix = finding.fixes.find((f) => f.safety === 'safe');
    if (!fix) continue;
    const where = `line ${lineOf(model.lineStarts, finding.span.start) + 1} ${finding.rule} "${fix.title}"`;
    const stage = stageAt(model, finding.span.start);
    // Text between instructions (comments) may move with a merge, but must be kept.
    const kept = fix.edits.map((e) => e.newText).join('\n');
    for (const e of fix.edits) {
      const stray = strays(model, stage, e.start, e.end);
      if (stray !== null && stray.split('\n').some((l) => !kept.includes(l.trim()))) problems.push(`${where}: changes text outside its instructions: ${JSON.stringify(stray.slice(0, 60))}`);
    }
    let text: string;
    try {
      text = applyEdits(model.text, fix.edits);
    } catch (e) {
      problems.push(`${where}: its edits do not apply: ${(e as Error).message}`);
      continue;
    }
    const after = lint(text);
    // Counted per rule: a fix may reword a finding it leaves (`apt install` becomes `apt-get install`).
    const rulesBefore = countedBy(result.findings, (f) => f.rule);
    for (const [rule, n] of countedBy(after.findings, (f) => f.rule)) {
      // The fix's own finding goes: one of its rule in its place would be a new one for fix-all to chase.
      if (n <= (rulesBefore.get(rule) ?? 0) - (rule === finding.rule ? 1 : 0)) continue;
      const added = after.findings.filter((f) => f.rule === rule && !before.has(key(f)));
      problems.push(`${where}: creates a finding the original lacked: ${added.map(key).join(' | ') || rule}`);
    }
    if (finding.rule === 'version-not-in-arg') {
      const left = movedVersionLeft(after.model, fix, finding.span.start);
      if (left) problems.push(`${where}: ${left}`);
    }
  }
  return problems;
}

/** What fix-all leaves: no safe finding, and nothing for a second fix-all to change. */
export function fixAllProblems(fixed: string): string[] {
  const problems: string[] = [];
  const left = lint(fixed).findings.filter((f) => f.fixes.some((x) => x.safety === 'safe'));
  for (const f of left) problems.push(`fix-all leaves a safe finding: ${key(f)}`);
  const again = fixUntilStable(fixed, (t) => lint(t).findings, 'safe').text;
  if (again !== fixed) problems.push('a second fix-all changes the text again');
  return problems;
}
