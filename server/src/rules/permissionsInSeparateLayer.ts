import { unwrap } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand } from '../model/types';
import { madeHere, rearrangingRun, reportCommands } from './support/rearranging';

const CHANGES_METADATA = new Set(['chmod', 'chown', 'chgrp']);

/** `-R`, `--recursive`, or a cluster that holds R (`-fR`); chmod's `-r` is a mode (read off), not recursion. */
function recursive(command: ShellCommand): boolean {
  return unwrap(command)
    .slice(1)
    .some((w) => w.value === '--recursive' || /^-[A-Za-z]*R[A-Za-z]*$/.test(w.value));
}

/** The paths a chmod, chown or chgrp changes: its operands after the mode or owner. */
function pathsChanged(command: ShellCommand): string[] {
  return unwrap(command)
    .slice(1)
    .filter((w) => !w.value.startsWith('-'))
    .slice(1)
    .map((w) => w.value);
}

/**
 * The recursive chmod, chown and chgrp of a RUN that only rearranges files (support/rearranging.ts), or null:
 * such a RUN changes files that earlier layers (or the base image) hold, and a layer stores a whole new copy of
 * every file whose owner or mode changes. A change of a folder the RUN itself made (`mkdir -p /data && chmod -R
 * 777 /data`) copies nothing.
 */
function permissionChanges(node: InstructionNode): ShellCommand[] | null {
  const rearranging = rearrangingRun(node);
  if (!rearranging) return null;
  const changes = rearranging.commands
    .filter(({ name, command }) => CHANGES_METADATA.has(name) && recursive(command))
    .map(({ command }) => command)
    .filter((command) => !pathsChanged(command).every((path) => madeHere(rearranging, path)));
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
  check: reportCommands,
};
