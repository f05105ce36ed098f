// Which shell a stage's RUNs run in: a SHELL of the stage (or of the stage it
// is built FROM), else the base image's. PowerShell and cmd, and the cmd of a
// Windows base image, expand no `$NAME` and know no `set -o pipefail`, so the
// rules and fixes written for POSIX shells stay out of such stages.
import { isWindowsImage } from '../../catalogue/catalogue';
import type { Catalogue } from '../../catalogue/catalogue';
import { baseName } from '../../engine/commands';
import type { DockerfileModel, InstructionNode, Stage } from '../../model/types';
import { stageBase } from './baseImage';

const NON_POSIX = /^(cmd|powershell|pwsh)(\.exe)?$/i;

/** The argv of a SHELL instruction (an ONBUILD's trigger included), or null when it is not one or not a JSON array. */
export function shellArgv(node: InstructionNode): string[] | null {
  const inst = node.trigger ?? node;
  if (inst.keyword !== 'SHELL' || inst.args.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(inst.args.map((a) => a.raw).join(' '));
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/** PowerShell or cmd: `$NAME` does not expand, and there are no POSIX pipes to guard. */
export function isNonPosixShell(argv: readonly string[] | null): boolean {
  return argv !== null && argv.length > 0 && NON_POSIX.test(baseName(argv[0].replace(/\\/g, '/')));
}

/** Whether the stage's chain starts from a Windows image (whose default shell is cmd). */
export function stageOnWindows(model: DockerfileModel, catalogue: Catalogue, stage: Stage): boolean {
  const base = stageBase(model, catalogue, stage);
  return base.image !== null && isWindowsImage(base.image, base.known);
}

/**
 * The SHELL in force along a walk through the instructions in document order:
 * `saw` each SHELL (top-level, not ONBUILD's), then ask `posix` for any stage.
 * Only SHELL instructions are read, so rules may collect them and stay local.
 */
export class ShellWalk {
  private readonly last = new Map<number, string[] | null>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly catalogue: Catalogue,
  ) {}

  saw(node: InstructionNode): void {
    if (node.keyword === 'SHELL' && node.stage >= 0) this.last.set(node.stage, shellArgv(node));
  }

  /** The SHELL set so far in the stage or the stages it is built FROM; undefined when none is. */
  private shellOf(stage: Stage, seen = new Set<number>()): string[] | null | undefined {
    if (this.last.has(stage.index)) return this.last.get(stage.index);
    if (stage.baseStage === null || seen.has(stage.index)) return undefined;
    seen.add(stage.index);
    return this.shellOf(this.model.stages[stage.baseStage], seen);
  }

  /** False where RUNs of the stage run in PowerShell or cmd, by a SHELL or a Windows base image. */
  posix(stageIndex: number): boolean {
    const stage = this.model.stages[stageIndex];
    if (!stage) return true;
    const shell = this.shellOf(stage);
    if (shell !== undefined) return !isNonPosixShell(shell);
    return !stageOnWindows(this.model, this.catalogue, stage);
  }
}
