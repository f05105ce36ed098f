import { callsIn, type ToolCall } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { cloneBranch, GIT, optionValue } from './support/git';
import { downloadUrls, namesLatest } from './support/urls';

/** Branch names that move; a ref is pinned when it names a tag or commit (a version or a hash) or comes from a variable. */
const FLOATING = /^(master|main|develop|development|dev|devel|trunk|head|latest|stable|nightly|next|default|edge|unstable|mainline|release|fetch_head)$/i;

function pinnedRef(ref: string, expands: boolean): boolean {
  if (expands) return true;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (FLOATING.test(last)) return false;
  return /^[0-9a-f]{7,40}$/i.test(last) || /\d/.test(last);
}

/**
 * A `git checkout <ref>`, `git reset --hard <ref>` or `git switch --detach <ref>` that pins what was cloned,
 * or a `git fetch <remote> <ref>` of a tag or commit (then checked out as FETCH_HEAD).
 */
function pinsCheckout(call: ToolCall): boolean {
  const subcommand = call.subcommand?.value ?? '';
  if (subcommand === 'fetch') return call.operands.slice(1).some((w) => pinnedRef(w.value, w.expands));
  if (!['checkout', 'reset', 'switch'].includes(subcommand)) return false;
  const branchValues = new Set(['-b', '-B', '-c', '-C'].map((o) => optionValue(call, [o])).filter((o) => o !== null).map((o) => o!.word.start));
  return call.operands.some((w) => !branchValues.has(w.start) && pinnedRef(w.value, w.expands));
}

/** What one instruction downloads that may move, and whether it pins the clones of the RUNs before it. */
interface Downloads {
  latest: Word[];
  /** Clones that neither their own ref nor a later command of the instruction pins. */
  clones: ToolCall[];
  /** Whether a command of the instruction pins a checkout (of a clone in it or earlier in the stage). */
  pins: boolean;
}

export const movingTargetDownload: Rule<Downloads> = {
  meta: {
    id: 'moving-target-download',
    title: 'A download of whatever is latest: a latest URL, or git clone without a pinned ref',
    severity: 'info',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      latest: "This URL downloads whatever is latest on the day of the build: name the version instead, so that a rebuild gets the same files.",
      clone: "git clone without a tag or commit takes whatever the branch holds on the day of the build: add --branch <tag>, or git checkout <commit> after it.",
    },
  },
  collect(node) {
    const latest = downloadUrls(node).map((u) => u.word).filter((word) => namesLatest(word.value));
    const calls = callsIn(node, GIT);
    const pinning = calls.filter(pinsCheckout);
    const clones = calls.filter((clone) => {
      if (clone.subcommand?.value !== 'clone') return false;
      const branch = cloneBranch(clone);
      if (branch && pinnedRef(branch.value, branch.word.expands)) return false;
      // A checkout later in this RUN pins it too.
      return !pinning.some((c) => c.command.start > clone.command.start);
    });
    return latest.length > 0 || clones.length > 0 || pinning.length > 0 ? { latest, clones, pins: pinning.length > 0 } : null;
  },
  local: true,
  check({ report, collected }) {
    // A checkout in a later RUN of the stage pins a clone too: where each stage's last pinning instruction stands.
    const lastPin = new Map<number, number>();
    collected.forEach(({ node, fact }, position) => {
      if (fact.pins) lastPin.set(node.stage, position);
    });
    collected.forEach(({ node, fact }, position) => {
      if (node.stage < 0) return;
      for (const word of fact.latest) report({ span: word, messageId: 'latest' });
      if ((lastPin.get(node.stage) ?? -1) > position) return;
      for (const clone of fact.clones) {
        const url = clone.operands[0];
        report({ span: url ?? { start: clone.tool.start, end: clone.subcommand!.end }, messageId: 'clone' });
      }
    });
  },
};
