// A warning when a FROM pins `image:tag@sha256:…` and the registry says the
// tag now points elsewhere. Not a rule: rules are pure functions of the text,
// and this is a fact about a registry at one moment, asked in the background
// (trusted workspace, lookups on) and shown once the registry answers; the CLI
// never sees it. The diagnostic carries the server's own code so that it can
// be told apart from the rules' findings.
//
// Where the digest sits in an ARG default (`ARG BASE=img:1.0@sha256:…` then
// `FROM $BASE`), the warning is on that ARG word, not on the FROM: the FROM
// shows no digest at all, the ARG word is what "Update the digest" edits (so
// the lightbulb sits on the text it changes), and one ARG used by several
// FROMs gets one warning. Each FROM that uses it is named as related.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { DockerfileModel } from '../model/types';
import type { ImageLookups } from '../registry/lookups';
import { rangeOf } from './diagnostics';
import { pinnedStages } from './pinDigest';

export const OUTDATED_DIGEST_CODE = 'pinned-digest-outdated';

/**
 * The warnings the cache can give now, without waiting; for pins the cache
 * does not know yet, asks the registry and calls `answered` when it has.
 */
export function outdatedDigestDiagnostics(uri: string, model: DockerfileModel, lookups: ImageLookups, answered: () => void): Diagnostic[] {
  const pins = pinnedStages(model);
  // Most files pin nothing: then the settings are not even read on this keystroke.
  if (pins.length === 0 || !lookups.allowed(uri)) return [];
  const out: Diagnostic[] = [];
  const byHolder = new Map<string, Diagnostic>();
  for (const { stage, tagged, digest: pinned, holder, arg } of pins) {
    const current = lookups.cachedDigest(uri, tagged);
    if (!current) {
      // A failed lookup is remembered by the client for a while, so this does not ask again on each keystroke.
      lookups.digest(uri, tagged).then(answered, () => undefined);
      continue;
    }
    if (current.digest === pinned) continue;
    const from: DiagnosticRelatedInformation = { location: { uri, range: rangeOf(model.lineStarts, stage.imageSpan!) }, message: `FROM ${stage.image}${stage.name ? ` AS ${stage.name}` : ''} uses it` };
    const key = `${holder.start} ${tagged}`;
    const same = byHolder.get(key);
    if (same) {
      same.relatedInformation?.push(from);
      continue;
    }
    const now = `now ${current.digest.slice(0, 19)}…`;
    const diagnostic: Diagnostic = {
      range: rangeOf(model.lineStarts, holder),
      severity: DiagnosticSeverity.Warning,
      source: 'layerwise',
      code: OUTDATED_DIGEST_CODE,
      message:
        arg === null
          ? `The pinned digest is no longer what '${tagged}' points to (${now}): the pin keeps the old image; update it if you want the new one.`
          : `The digest pinned in ARG ${arg}'s default is no longer what '${tagged}' points to (${now}): FROM keeps the old image; update it if you want the new one.`,
      ...(arg === null ? {} : { relatedInformation: [from] }),
    };
    byHolder.set(key, diagnostic);
    out.push(diagnostic);
  }
  return out;
}
