// A warning when a FROM pins `image:tag@sha256:…` and the registry says the
// tag now points elsewhere. Not a rule: rules are pure functions of the text,
// and this is a fact about a registry at one moment, asked in the background
// (trusted workspace, lookups on) and shown once the registry answers; the CLI
// never sees it. The diagnostic carries the server's own code so that it can
// be told apart from the rules' findings.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
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
  for (const { stage, tagged, pinned } of pins) {
    const current = lookups.cachedDigest(uri, tagged);
    if (!current) {
      // A failed lookup is remembered by the client for a while, so this does not ask again on each keystroke.
      lookups.digest(uri, tagged).then(answered, () => undefined);
      continue;
    }
    if (current.digest === pinned) continue;
    out.push({
      range: rangeOf(model.lineStarts, stage.imageSpan!),
      severity: DiagnosticSeverity.Warning,
      source: 'layerwise',
      code: OUTDATED_DIGEST_CODE,
      message: `The pinned digest is no longer what '${tagged}' points to (now ${current.digest.slice(0, 19)}…): the pin keeps the old image; update it if you want the new one.`,
    });
  }
  return out;
}
