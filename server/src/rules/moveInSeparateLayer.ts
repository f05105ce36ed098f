import { posix } from 'node:path';
import { unwrap } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand } from '../model/types';
import { madeHere, rearrangingRun, reportCommands } from './support/rearranging';

/**
 * Whether a moved path is likely a tree or a program rather than one small file: a glob (`lib/*`), a folder
 * (`dist/`), or a name without an extension (`Linux-x86_64-g++`, `bin`). A single `notes.txt` or `app.conf` is
 * left alone: storing it twice costs next to nothing, and a finding on it would be noise.
 */
function treeLike(path: string): boolean {
  if (/[*?]/.test(path) || path.endsWith('/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last !== '' && last !== '.' && last !== '..' && !/\.[A-Za-z0-9]{1,5}$/.test(last);
}

/**
 * Whether `mv` renames a path within its folder (`mv /bin/sh /bin/sh.original`, `mv tool tool_old`): setting a
 * program or a link aside, which is small, rather than moving a build's output into place.
 */
function renamedInPlace(source: string, target: string): boolean {
  return !target.endsWith('/') && posix.dirname(source) === posix.dirname(target);
}

/**
 * The `mv` commands of a RUN that only rearranges files, each moving a tree or a program that an earlier layer
 * holds (not one the RUN made with mkdir), or null.
 */
function moves(node: InstructionNode): ShellCommand[] | null {
  const rearranging = rearrangingRun(node);
  if (!rearranging) return null;
  const found = rearranging.commands
    .filter(({ name }) => name === 'mv')
    .map(({ command }) => command)
    .filter((command) => {
      const words = unwrap(command).slice(1);
      const operands = words.filter((w) => !w.value.startsWith('-'));
      // `mv -t DIR src…` names its target first, `--target-directory=DIR` in the option; otherwise the last
      // operand is the target.
      const shortTarget = words.some((w) => w.value === '-t');
      const longTarget = words.some((w) => w.value.startsWith('--target-directory='));
      const sources = shortTarget ? operands.slice(1) : longTarget ? operands : operands.slice(0, -1);
      const target = shortTarget || longTarget ? null : (operands.at(-1)?.value ?? null);
      return sources.some((s) => treeLike(s.value) && !madeHere(rearranging, s.value) && !(target !== null && renamedInPlace(s.value, target)));
    });
  return found.length > 0 ? found : null;
}

export const moveInSeparateLayer: Rule<ShellCommand[]> = {
  meta: {
    id: 'move-in-separate-layer',
    title: 'A RUN that only moves files earlier layers hold, storing them again',
    severity: 'warning',
    category: 'layers',
    hadolint: [],
    fix: null,
    messages: {
      separate:
        "'{command}' moves files that an earlier layer holds, in a layer of its own: this layer stores them again, whole, at their new place, and the earlier layer keeps them at the old one. Put them where they belong in the RUN that makes them (make install's prefix, or a mv at its end).",
    },
  },
  collect: moves,
  local: true,
  check: reportCommands,
};
