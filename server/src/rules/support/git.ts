// Reading git commands: clone, checkout and fetch, and the refs they name.
import { optionValue, type OptionValue, type ToolCall, type ToolSpec } from '../../engine/commands';

export const GIT: ToolSpec = {
  names: /^git$/,
  valued: new Set([
    '-C', '-c', '--git-dir', '--work-tree', '-b', '--branch', '-o', '--origin', '--depth', '--reference', '-j', '--jobs',
    '--config', '--separate-git-dir', '--template', '--filter', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack', '-B',
  ]),
};

/** The branch or tag `git clone` checks out, when it names one. */
export function cloneBranch(call: ToolCall): OptionValue | null {
  return call.subcommand?.value === 'clone' ? optionValue(call, ['--branch', '-b']) : null;
}

/** `https://github.com/owner/tool.git` → `tool`. */
export function repositoryName(url: string): string | null {
  const m = /([^/:]+?)(?:\.git)?\/?$/.exec(url);
  return m && !m[1].includes('$') ? m[1] : null;
}
