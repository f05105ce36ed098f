// "Pin to the registry's digest" for a FROM image with a tag, and "Update the
// digest to what the tag points to now" for one already pinned: the digest is
// the registry's answer for the tag (the multi-platform index digest, as
// docker and Renovate pin it). Unsafe fixes (a later build is the pinned image,
// not what the tag then names), offered one at a time. The pin's edit is the
// pin-versions one (fromPinTarget: the FROM word, or the ARG default it uses);
// an update edits wherever the digest is written (pinnedDigestOf: the FROM
// word, or the ARG default it resolves through, nested ARGs included).
// With an editor that resolves actions later (VS Code), the registry is asked
// only when the user picks the action; otherwise only when the user asked for
// actions, never on the lightbulb's automatic asks.
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver/node';
import { fromPinTarget } from '../container/imageDigest';
import type { DockerfileModel, Span, Stage } from '../model/types';
import { parseImageReference } from '../container/imageReference';
import { pinnedDigestOf, type PinnedDigest } from '../model/pinnedDigest';
import { within, type ImageLookups } from '../registry/lookups';
import { rangeOf } from './diagnostics';

export const PIN_WAIT_MS = 3000;
export const PIN_TITLE = "Pin the image to its registry's digest (changes the image)";
export const UPDATE_TITLE = 'Update the digest to what the tag points to now (changes the image)';

export interface RegistryPinData {
  kind: 'registry-digest';
  uri: string;
  stage: number;
  /** The reference as written when the action was offered, to tell a changed line. */
  image: string;
}

interface Pinnable {
  stage: Stage;
  /** The reference to look up: as written (or the ARG default), without any digest. */
  tagged: string;
  /** The digest written now, for a line already pinned. */
  pinned: string | null;
  /** The word the edit changes: the FROM's image word, or the ARG default it uses. */
  holder: Span;
  /** The edit that writes a digest. */
  edit(digest: string): TextEdit;
}

/** A FROM whose image has a tag the registry can answer for: unpinned (pin-versions' target) or pinned as `image:tag@digest`. */
function pinnable(model: DockerfileModel, stage: Stage): Pinnable | null {
  const target = fromPinTarget(model, stage);
  if (target) {
    if (!parseImageReference(target.image)?.tag) return null;
    // The span the pin's edit replaces (the digest does not change it).
    const first = target.edit('');
    return {
      stage,
      tagged: target.image,
      pinned: null,
      holder: { start: first.start, end: first.end },
      edit: (digest) => {
        const e = target.edit(digest);
        return { range: rangeOf(model.lineStarts, e), newText: e.newText };
      },
    };
  }
  const pin = pinnedDigestOf(model, stage);
  if (!pin) return null;
  return { stage, tagged: pin.tagged, pinned: pin.digest, holder: pin.holder, edit: (digest) => ({ range: rangeOf(model.lineStarts, pin.span), newText: digest }) };
}

/** The stages whose FROM pins `image:tag@digest`, as written or by the ARG defaults it uses, with where the digest is written. */
export function pinnedStages(model: DockerfileModel): Array<PinnedDigest & { stage: Stage }> {
  return model.stages.flatMap((stage) => {
    const pin = pinnedDigestOf(model, stage);
    return pin ? [{ ...pin, stage }] : [];
  });
}

export async function pinDigestActions(
  uri: string,
  model: DockerfileModel,
  range: Range,
  lookups: ImageLookups,
  only: string[] | undefined,
  how: { resolveLater: boolean; askRegistry: boolean },
): Promise<CodeAction[]> {
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`))) return [];
  if (!lookups.allowed(uri)) return [];
  const actions: CodeAction[] = [];
  // Two FROMs of one ARG default get one action for it.
  const offered = new Set<string>();
  for (const stage of model.stages) {
    const p = pinnable(model, stage);
    if (!p) continue;
    // On the FROM line, or on the ARG default that the edit changes (where the outdated-digest warning is).
    if (!touches(model, stage.from, range) && !touches(model, p.holder, range)) continue;
    const key = `${p.holder.start} ${p.tagged}`;
    if (offered.has(key)) continue;
    offered.add(key);
    const title = p.pinned ? UPDATE_TITLE : PIN_TITLE;
    let current = lookups.cachedDigest(uri, p.tagged);
    if (!current && p.pinned === null && how.resolveLater) {
      const data: RegistryPinData = { kind: 'registry-digest', uri, stage: stage.index, image: p.tagged };
      actions.push({ title, kind: CodeActionKind.QuickFix, data });
      continue;
    }
    if (!current && how.askRegistry) current = await within(lookups.digest(uri, p.tagged), PIN_WAIT_MS);
    if (!current || current.digest === p.pinned) continue;
    actions.push({ title, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [p.edit(current.digest)] } } });
  }
  return actions;
}

function touches(model: DockerfileModel, span: Span, range: Range): boolean {
  const r = rangeOf(model.lineStarts, span);
  return r.start.line <= range.end.line && r.end.line >= range.start.line;
}

/** codeAction/resolve: asks the registry now that the user picked the pin; the action unchanged (no edit) when it cannot. */
export async function resolvePinDigest(action: CodeAction, data: RegistryPinData, model: DockerfileModel, lookups: ImageLookups): Promise<CodeAction> {
  const stage = model.stages[data.stage];
  const p = stage ? pinnable(model, stage) : null;
  if (!p || p.tagged !== data.image) return action;
  try {
    const current = await lookups.digest(data.uri, p.tagged);
    return { ...action, edit: { changes: { [data.uri]: [p.edit(current.digest)] } } };
  } catch (e) {
    lookups.tellOnce(`could not pin ${p.tagged}: ${(e as Error).message}`);
    return action;
  }
}
