// uv, as its Docker guide uses it: `uv pip install`, `uv pip sync`, `uv sync`,
// `uv tool install`; which of them fill uv's cache, and how a Dockerfile keeps
// it out of the image (`--no-cache`, UV_NO_CACHE, a cache or tmpfs mount).
import { callsIn, type ToolCall, type ToolSpec } from '../../engine/commands';
import type { InstructionNode, ShellCommand } from '../../model/types';

export const UV: ToolSpec = {
  names: /^uv$/,
  valued: new Set([
    '--directory', '--project', '--cache-dir', '--config-file', '--color', '-p', '--python', '--index', '--index-url', '-i',
    '--extra-index-url', '-f', '--find-links', '-r', '--requirements', '-c', '--constraint', '--extra', '--group', '--only-group',
    '--no-group', '--package', '--target', '--prefix', '--link-mode', '--index-strategy', '--keyring-provider', '--resolution',
    '--prerelease', '--exclude-newer', '--python-platform', '--python-version', '--refresh-package', '--reinstall-package',
    '--no-binary-package', '--no-build-package', '--with', '--from', '--override', '-C', '--config-setting',
  ]),
};

/** A uv command and its words after the subcommand(s): `pip install`, `pip sync`, `sync`, `tool install`. */
export interface UvCall {
  call: ToolCall;
  /** `pip install`, `sync`… as written. */
  command: string;
}

const FILLS = new Set(['pip install', 'pip sync', 'sync', 'tool install', 'add']);

/** The RUN's uv calls that download packages, and so fill the cache. */
export function uvInstalls(node: InstructionNode): UvCall[] {
  const found: UvCall[] = [];
  for (const call of callsIn(node, UV)) {
    const sub = call.subcommand?.value ?? '';
    const command = sub === 'pip' || sub === 'tool' ? `${sub} ${call.operands[0]?.value ?? ''}` : sub;
    if (FILLS.has(command)) found.push({ call, command });
  }
  return found;
}

/** `--no-cache` or `-n` on the call, or `UV_NO_CACHE=…` set for it. */
export function uvCallSkipsCache(call: ToolCall): boolean {
  if ([...call.globalOptions, ...call.args].some((w) => w.value === '--no-cache' || w.value === '-n')) return true;
  return call.command.assignments.some((a) => a.value.startsWith('UV_NO_CACHE='));
}

/** `export UV_NO_CACHE=1` earlier in the same RUN. */
export function uvCacheExportedBefore(commands: readonly ShellCommand[], before: ShellCommand): boolean {
  return commands.some((c) => c.start < before.start && c.words[0]?.value === 'export' && c.words.slice(1).some((w) => w.value.startsWith('UV_NO_CACHE=')));
}
