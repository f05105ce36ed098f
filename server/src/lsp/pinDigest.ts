// "Pin to the registry's digest" for a FROM image with a tag, and "Update the
// digest to what the tag points to now" for one already pinned: the digest is
// the registry's answer for the tag (the multi-platform index digest, as
// docker and Renovate pin it). Unsafe fixes (a later build is the pinned image,
// not what the tag then names), offered one at a time.
// The edit is kept to the image word here; once the pin-versions FROM edit is
// on main, this should reuse it.
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver/node';
import type { DockerfileModel, Stage } from '../model/types';
import { toRegistryImage } from '../registry/reference';
import { within, type ImageLookups } from '../registry/lookups';
import { rangeOf } from './diagnostics';

export const PIN_WAIT_MS = 3000;
export const PIN_TITLE = "Pin the image to its registry digest (changes the image)";
export const UPDATE_TITLE = 'Update the digest to what the tag points to now (changes the image)';

/** The stages whose FROM names an image written out (no ARG), with a tag. */
export function pinnableStages(model: DockerfileModel): { stage: Stage; image: string; tagged: string; pinned: string | null }[] {
  const out = [];
  for (const stage of model.stages) {
    if (stage.baseStage !== null || !stage.imageSpan || stage.image.includes('$')) continue;
    const ref = toRegistryImage(stage.image);
    if (!ref?.tag) continue;
    const at = stage.image.indexOf('@');
    out.push({ stage, image: stage.image, tagged: at >= 0 ? stage.image.slice(0, at) : stage.image, pinned: ref.digest });
  }
  return out;
}

/**
 * `askRegistry`: false when the editor asks on its own (VS Code computes the lightbulb on every cursor move):
 * then only a cached answer is used, so moving through a file contacts no registry; true when the user asked.
 */
export async function pinDigestActions(uri: string, model: DockerfileModel, range: Range, lookups: ImageLookups, only: string[] | undefined, askRegistry: boolean): Promise<CodeAction[]> {
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`))) return [];
  if (!lookups.allowed(uri)) return [];
  const actions: CodeAction[] = [];
  for (const { stage, tagged, pinned } of pinnableStages(model)) {
    const span = stage.imageSpan!;
    const imageRange = rangeOf(model.lineStarts, span);
    if (imageRange.start.line > range.end.line || imageRange.end.line < range.start.line) continue;
    const current = lookups.cachedDigest(uri, tagged) ?? (askRegistry ? await within(lookups.digest(uri, tagged), PIN_WAIT_MS) : undefined);
    if (!current || current.digest === pinned) continue;
    const editSpan = pinned ? { start: span.start + tagged.length + 1, end: span.end } : { start: span.end, end: span.end };
    actions.push({
      title: pinned ? UPDATE_TITLE : PIN_TITLE,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uri]: [{ range: rangeOf(model.lineStarts, editSpan), newText: pinned ? current.digest : `@${current.digest}` }] } },
    });
  }
  return actions;
}
