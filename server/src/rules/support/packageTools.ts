// Package managers the cleanup rules read besides apt, pip and conda (whose
// specs live in engine/commands), and the RUNs whose layers reach the image.
import type { ToolSpec } from '../../engine/commands';
import type { Collected } from '../../engine/rule';
import { stagesInFinalImage } from '../../model/scope';
import type { DockerfileModel, InstructionNode, RunFlag } from '../../model/types';
import { cleanedBy, cleanupOnlyRuns, type Resource } from './cleanup';

export const APK: ToolSpec = {
  names: /^apk$/,
  valued: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age']),
};

/** yum, dnf and microdnf share their install and clean subcommands. */
export const YUM: ToolSpec = {
  names: /^(yum|dnf|microdnf)$/,
  valued: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel']),
};

/**
 * The collected instructions of the stages whose files reach the final image, in order: where the cleanup rules
 * look, since a stage only copied from leaves no cache in the image.
 */
export function* inFinalImage<F>(model: DockerfileModel, collected: ReadonlyArray<Collected<F>>): Generator<Collected<F>> {
  const inImage = stagesInFinalImage(model);
  for (const entry of collected) if (inImage.has(entry.node.stage)) yield entry;
}

/** Whether a `--mount=type=cache` (or tmpfs) covers a folder that `target` matches, so nothing of it stays in the layer. */
export function mountCovers(flags: readonly RunFlag[], target: RegExp): boolean {
  return flags.some((f) => {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value)) return false;
    const dest = /(?:^|,)(?:target|dst|destination)=([^,]*)/.exec(f.value)?.[1];
    return dest !== undefined && target.test(dest.replace(/\/+$/, ''));
  });
}

/**
 * Whether a RUN does nothing but clean up, the cache of `kind` among what it
 * cleans: such a RUN may clean up after an earlier RUN of its stage (see
 * cleanupOnlyRuns), which then needs no cleanup of its own.
 */
export function cleansUpOnly(node: InstructionNode, kind: Resource['kind']): boolean {
  const run = node.run;
  if (!run || run.form === 'exec' || run.commands.length === 0) return false;
  let cleans = false;
  for (const command of run.commands) {
    const resources = cleanedBy(command);
    if (resources === null) return false;
    cleans ||= resources.some((r) => r.kind === kind);
  }
  return cleans;
}

/**
 * Whether a later RUN of the stage only cleans up `kind`'s cache after this
 * one. Only the `cleanups` that cleansUpOnly found can, so the whole model is
 * read only when one of them follows the RUN in its stage.
 */
export function cleanedLater(model: DockerfileModel, run: InstructionNode, kind: Resource['kind'], cleanups: readonly InstructionNode[]): boolean {
  if (!cleanups.some((c) => c.stage === run.stage && c.start > run.start)) return false;
  return cleanupOnlyRuns(model).some((c) => c.maker === run && c.commands.some((k) => k.resources.some((r) => r.kind === kind)));
}
