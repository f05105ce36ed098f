// Code actions: each finding's fixes, "Ignore <rule> for this instruction",
// and fix-all (as the source.fixAll.layerwise kind that codeActionsOnSave runs).
import { CodeAction, CodeActionKind, type Diagnostic, type TextEdit as LspTextEdit, type Range } from 'vscode-languageserver/node';
import { eol, indentOf } from '../engine/edits';
import { ignoreListEnd } from '../engine/ignores';
import { instructionAt, type LintResult } from '../engine/lint';
import type { Finding } from '../engine/rule';
import { lineContentEnd } from '../model/lines';
import type { DockerfileModel } from '../model/types';
import { rangeOf, toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerwise`;
export const FIX_ALL_TITLE = 'Fix all Layerwise problems';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

function toLspEdits(model: DockerfileModel, edits: Finding['fixes'][number]['edits']): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(model.lineStarts, e), newText: e.newText }));
}

/** One edit covering only what changed between two texts, so the cursor and folds stay put. */
export function minimalEdit(model: DockerfileModel, next: string): LspTextEdit | null {
  const old = model.text;
  if (old === next) return null;
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let oldEnd = old.length;
  let newEnd = next.length;
  while (oldEnd > start && newEnd > start && old[oldEnd - 1] === next[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { range: rangeOf(model.lineStarts, { start, end: oldEnd }), newText: next.slice(start, newEnd) };
}

/** The edit that silences a rule for the instruction holding the finding. */
function ignoreEdit(model: DockerfileModel, finding: Finding): LspTextEdit | null {
  const node = instructionAt(model, finding.span.start);
  if (!node) return null;
  // Add to an existing `# layerwise-ignore=` just above rather than stacking another.
  if (node.line > 0) {
    const prev = node.line - 1;
    const lineText = model.text.slice(model.lineStarts[prev], lineContentEnd(model.lineStarts, model.text, prev));
    const end = ignoreListEnd(lineText);
    if (end !== null) {
      const at = model.lineStarts[prev] + end;
      return { range: rangeOf(model.lineStarts, { start: at, end: at }), newText: `,${finding.rule}` };
    }
  }
  const at = node.start - indentOf(node).length;
  return { range: rangeOf(model.lineStarts, { start: at, end: at }), newText: `${indentOf(node)}# layerwise-ignore=${finding.rule}${eol(model)}` };
}

/** `fixAll` computes the fix-all edit; it is called only when a fix-all action is wanted. */
export async function codeActions(
  uri: string,
  result: LintResult,
  range: Range,
  only: string[] | undefined,
  fixAll: () => Promise<LspTextEdit | null>,
  /** Whether the client can resolve an action's edit later (codeAction/resolve); lookup actions need it. */
  lookups = false,
): Promise<CodeAction[]> {
  const { model, findings } = result;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const finding of findings) {
      const diagnostic: Diagnostic = toDiagnostic(model.lineStarts, finding);
      if (!overlaps(diagnostic.range, range)) continue;
      finding.fixes.forEach((fix, i) => {
        // A fix about one part of the finding (a package of the command) is offered where the cursor is on it.
        if (fix.at && !overlaps(rangeOf(model.lineStarts, fix.at), range)) return;
        const title = fix.safety === 'unsafe' ? `${fix.title} (changes the image)` : fix.title;
        // A lookup (the package index) is made when the action is picked: codeAction/resolve adds the edit. The
        // span is copied: the next keystroke moves the finding's own in place, maybe before this answer is sent.
        if (fix.lookup) {
          if (lookups) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], data: { kind: fix.lookup.kind, uri, rule: finding.rule, span: { start: finding.span.start, end: finding.span.end }, lookup: fix.lookup } });
          return;
        }
        actions.push({
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0 && fix.safety === 'safe',
          edit: { changes: { [uri]: toLspEdits(model, fix.edits) } },
        });
      });
      const ignore = ignoreEdit(model, finding);
      if (ignore) {
        actions.push({
          title: `Ignore ${finding.rule} for this instruction`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: [ignore] } },
        });
      }
    }
  }

  if (wants(FIX_ALL_KIND) && (only !== undefined || findings.some((f) => f.fixes.some((x) => x.safety === 'safe')))) {
    const edit = findings.some((f) => f.fixes.some((x) => x.safety === 'safe')) ? await fixAll() : null;
    if (edit || only !== undefined) {
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edit ? [edit] : [] } } });
    }
  }
  return actions;
}
