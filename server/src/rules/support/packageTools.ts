// Package managers the cleanup rules read besides apt, pip and conda (whose
// specs live in engine/commands), and the RUNs whose layers reach the image.
import { runNode, type ToolSpec } from '../../engine/commands';
import { stagesInFinalImage } from '../../model/scope';
import type { DockerfileModel, InstructionNode, RunFlag } from '../../model/types';

export const APK: ToolSpec = {
  names: /^apk$/,
  valued: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age']),
};

/** yum, dnf and microdnf share their install and clean subcommands. */
export const YUM: ToolSpec = {
  names: /^(yum|dnf|microdnf)$/,
  valued: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel']),
};

/** Every RUN (the trigger for ONBUILD RUN) of the stages whose files reach the final image. */
export function runsInFinalImage(model: DockerfileModel): InstructionNode[] {
  const inImage = stagesInFinalImage(model);
  const runs: InstructionNode[] = [];
  for (const stage of model.stages) {
    if (!inImage.has(stage.index)) continue;
    for (const node of stage.instructions) {
      const run = runNode(node);
      if (run?.run) runs.push(run);
    }
  }
  return runs;
}

/** Whether a `--mount=type=cache` (or tmpfs) covers a folder that `target` matches, so nothing of it stays in the layer. */
export function mountCovers(flags: readonly RunFlag[], target: RegExp): boolean {
  return flags.some((f) => {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value)) return false;
    const dest = /(?:^|,)(?:target|dst|destination)=([^,]*)/.exec(f.value)?.[1];
    return dest !== undefined && target.test(dest.replace(/\/+$/, ''));
  });
}
