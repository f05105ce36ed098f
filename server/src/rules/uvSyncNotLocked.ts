import { runNode, spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { variablesInScope } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { uvInstalls, type UvCall } from './support/uv';

/** `uv sync` calls that may solve again and update uv.lock rather than install what it holds. */
interface Unlocked {
  run: InstructionNode;
  calls: UvCall[];
}

const LOCKING = ['--locked', '--frozen'];

export const uvSyncNotLocked: Rule<Unlocked> = {
  meta: {
    id: 'uv-sync-not-locked',
    title: 'uv sync without --locked or --frozen',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      unlocked: "'uv sync' without --locked or --frozen solves again when uv.lock is out of date, so a rebuild may install other versions than the lockfile holds: add --locked (fail instead) or --frozen (install the lockfile as it is).",
      fix: 'Add --locked (the build fails when uv.lock is out of date)',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run) return null;
    const calls = uvInstalls(run).filter(
      ({ call, command }) =>
        command === 'sync' &&
        ![...call.globalOptions, ...call.args].some((w) => LOCKING.includes(w.value)) &&
        !call.command.assignments.some((a) => /^UV_(LOCKED|FROZEN)=/.test(a.value)),
    );
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ model, report, collected }) {
    for (const { node, fact } of collected) {
      const vars = variablesInScope(model, node);
      if (vars.has('UV_LOCKED') || vars.has('UV_FROZEN')) continue;
      for (const { call } of fact.calls) {
        report({
          span: spanOf([call.tool, call.subcommand!]),
          messageId: 'unlocked',
          fixes: [{ title: uvSyncNotLocked.meta.messages.fix, safety: 'unsafe', edits: [insertArgumentAfter(fact.run, call.subcommand!, '--locked')] }],
        });
      }
    }
  },
};
