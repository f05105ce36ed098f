// Reading git commands: clone, checkout and fetch, and the refs they name.
import type { ToolCall, ToolSpec } from '../../engine/commands';
import type { Word } from '../../model/types';

export const GIT: ToolSpec = {
  names: /^git$/,
  valued: new Set([
    '-C', '-c', '--git-dir', '--work-tree', '-b', '--branch', '-o', '--origin', '--depth', '--reference', '-j', '--jobs',
    '--config', '--separate-git-dir', '--template', '--filter', '--shallow-since', '--shallow-exclude', '-u', '--upload-pack', '-B',
  ]),
};

export interface OptionValue {
  /** The word that holds the value: the next word, or `--branch=X` itself. */
  word: Word;
  value: string;
  /** Where the value starts within the word's value. */
  at: number;
}

/** The value of `--branch X`, `-b X` or `--branch=X` in a call. */
export function optionValue(call: ToolCall, names: string[]): OptionValue | null {
  for (let k = 0; k < call.args.length; k++) {
    const v = call.args[k].value;
    if (names.includes(v)) {
      const next = call.args[k + 1];
      return next ? { word: next, value: next.value, at: 0 } : null;
    }
    for (const n of names) if (n.startsWith('--') && v.startsWith(`${n}=`)) return { word: call.args[k], value: v.slice(n.length + 1), at: n.length + 1 };
  }
  return null;
}

/** The branch or tag `git clone` checks out, when it names one. */
export function cloneBranch(call: ToolCall): OptionValue | null {
  return call.subcommand?.value === 'clone' ? optionValue(call, ['--branch', '-b']) : null;
}

/** `https://github.com/owner/tool.git` → `tool`. */
export function repositoryName(url: string): string | null {
  const m = /([^/:]+?)(?:\.git)?\/?$/.exec(url);
  return m && !m[1].includes('$') ? m[1] : null;
}
