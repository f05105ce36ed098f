// RUNs that only rearrange what earlier layers hold: they move files, change
// their owners or modes, make folders or links, remove files. Such a RUN adds
// no new content of its own, yet a layer stores whole files, so every file it
// moves or changes is stored again beside the copy below. Read by the rules on
// permissions and moves in a layer of their own.
import { baseName, runNode, unwrap } from '../../engine/commands';
import { commandText } from '../../engine/edits';
import type { RuleContext } from '../../engine/rule';
import type { InstructionNode, ShellCommand } from '../../model/types';
import { normalisePath } from './cleanup';
import { inFinalImage } from './collected';
import { memoizeByObject } from './memo';

/** Commands that rearrange files, or (`cd`, `echo`, a test) leave them as they are. */
const REARRANGING = new Set(['chmod', 'chown', 'chgrp', 'mv', 'mkdir', 'rm', 'ln', 'cd', 'true', ':', 'echo', 'test', '[', '[[']);

export interface Rearranging {
  /** The RUN's commands, with each one's name. */
  commands: Array<{ name: string; command: ShellCommand }>;
  /** The folders the RUN makes with `mkdir`, as written (normalised): what it moves or changes there is new. */
  made: string[];
}

/**
 * The commands of a shell-form RUN (an ONBUILD RUN included) that does nothing but rearrange files; else null.
 * Read once per node for both rules: it holds the node's own commands, which move with it, and paths.
 */
export const rearrangingRun: (node: InstructionNode) => Rearranging | null = memoizeByObject(readRearranging);

function readRearranging(node: InstructionNode): Rearranging | null {
  const run = runNode(node)?.run;
  if (!run || run.form === 'exec' || run.commands.length === 0) return null;
  const commands: Rearranging['commands'] = [];
  const made: string[] = [];
  for (const command of run.commands) {
    const words = unwrap(command);
    const name = baseName(words[0]?.value ?? '');
    if (!REARRANGING.has(name)) return null;
    commands.push({ name, command });
    if (name === 'mkdir') for (const w of words.slice(1)) if (!w.value.startsWith('-')) made.push(normalisePath(w.value));
  }
  return { commands, made };
}

/**
 * Whether a path is, or is inside, a folder the same RUN made, or holds one (`mkdir -p $DIR/sub` makes `$DIR` too,
 * when it is not there): what the RUN moves or changes there is likely new, and read so it is left alone. Where a
 * variable stands in either (`mkdir -p $PROJECT_DIR && chmod -R 777 $USER_DIR`), how they relate is not known,
 * and they are read so too.
 */
export function madeHere(rearranging: Rearranging, path: string): boolean {
  const p = normalisePath(path);
  return rearranging.made.some((m) => p === m || p.startsWith(m + '/') || m.startsWith(p + '/') || m.includes('$') || p.includes('$'));
}

/** The check of a rule that collects the commands of such RUNs: each reported with its text, where the stage's layers reach the image. */
export function reportCommands({ model, report, collected }: RuleContext<ShellCommand[]>): void {
  // A stage only copied from leaves its layers behind.
  for (const { fact } of inFinalImage(model, collected)) {
    for (const command of fact) {
      report({ span: { start: command.start, end: command.end }, messageId: 'separate', data: { command: commandText(model, command.start, command.end) } });
    }
  }
}
