import { baseName, runNode, unwrap } from '../engine/commands';
import { commandText } from '../engine/edits';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand } from '../model/types';
import { inFinalImage } from './support/collected';

const CHANGES_METADATA = new Set(['chmod', 'chown', 'chgrp']);
/** Commands that leave the files as they are: a RUN of these and permission changes only changes permissions. */
const NEUTRAL = new Set(['cd', 'true', ':', 'echo', 'test', '[', '[[']);

/** `-R`, `--recursive`, or a cluster that holds R (`-fR`); chmod's `-r` is a mode (read off), not recursion. */
function recursive(command: ShellCommand): boolean {
  return unwrap(command)
    .slice(1)
    .some((w) => w.value === '--recursive' || /^-[A-Za-z]*R[A-Za-z]*$/.test(w.value));
}

/**
 * The recursive chmod, chown and chgrp of a RUN that does nothing else (but `cd`, `echo` or a test), or null: such
 * a RUN only changes files that earlier layers (or the base image) hold, and a layer stores a whole new copy of
 * every file whose owner or mode changes.
 */
function permissionChanges(node: InstructionNode): ShellCommand[] | null {
  const run = runNode(node)?.run;
  if (!run || run.form === 'exec' || run.commands.length === 0) return null;
  const changes: ShellCommand[] = [];
  for (const command of run.commands) {
    const name = baseName(unwrap(command)[0]?.value ?? '');
    if (CHANGES_METADATA.has(name)) {
      if (recursive(command)) changes.push(command);
    } else if (!NEUTRAL.has(name)) return null;
  }
  return changes.length > 0 ? changes : null;
}

export const permissionsInSeparateLayer: Rule<ShellCommand[]> = {
  meta: {
    id: 'permissions-in-separate-layer',
    title: 'A RUN that only changes owners or modes recursively, storing every file it changes again',
    severity: 'warning',
    category: 'layers',
    hadolint: [],
    fix: null,
    messages: {
      separate:
        "'{command}' changes files that earlier layers hold, in a layer of its own: every file whose owner or mode it changes is stored again, whole, beside the copy below. Change them in the RUN that makes them, or with COPY --chmod/--chown.",
    },
  },
  collect: permissionChanges,
  local: true,
  check({ model, report, collected }) {
    // A stage only copied from leaves its layers behind.
    for (const { fact } of inFinalImage(model, collected)) {
      for (const command of fact) {
        report({ span: { start: command.start, end: command.end }, messageId: 'separate', data: { command: commandText(model, command.start, command.end) } });
      }
    }
  },
};
