import { APT, callsIn, hasOption, removedPaths, runNode, spanOf, type ToolCall } from '../engine/commands';
import { appendToRun } from '../engine/edits';
import { cacheMountFixes, cacheMountNote, CACHE_TARGETS } from './support/cacheMounts';
import type { Rule } from '../engine/rule';
import { writtenText } from '../model/moved';
import type { InstructionNode, ShellCommand } from '../model/types';
import { stagesInFinalImage } from '../model/scope';
import { cleanedUpLater, cleanupOf, cleanupScriptOf, isAptListsPath, type CleanupCommands } from './support/cleanup';

/** A cache mount (or a tmpfs one, which keeps nothing) keeps the lists out of the image, so nothing needs removing. */
function listsOnCacheMount(flags: Array<{ name: string; value: string | null }>): boolean {
  return flags.some((f) => f.name === 'mount' && /type=(cache|tmpfs)(,|$)/.test(f.value ?? '') && /(target|dst|destination)=\/var\/lib\/apt(\/lists)?\/?(,|$)/.test(f.value ?? ''));
}

/**
 * The apt subcommands that read the package lists. `remove` and `purge` do too: without lists, apt cannot find a
 * package that is not installed (`apt -y remove cmake` then stops the build with "Unable to locate package").
 */
const READS_LISTS = new Set(['install', 'build-dep', 'source', 'download', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'reinstall', 'satisfy']);

/** A RUN that reads the lists with apt before any update of its own that surely runs, so it reads those an earlier RUN left. */
function needsLists(node: InstructionNode): boolean {
  if (!node.run) return false;
  for (const call of callsIn(node, APT)) {
    const sub = call.subcommand?.value ?? '';
    if (sub === 'update' && surelyRuns(node, call.command)) return false;
    if (READS_LISTS.has(sub)) return true;
  }
  return false;
}

const OPENS = /(?:^|[\s;&|(){}])(?:if|while|until)(?=[\s;&|(){}]|$)/g;
const CLOSES = /(?:^|[\s;&|(){}])(?:fi|done|esac)(?=[\s;&|(){}]|$)/g;
const TESTS = new Set(['[', '[[', 'test']);

/**
 * Whether a command of the RUN runs whenever the RUN goes on to it: not inside an if, a case or a loop, not after
 * `||`, nor after a test joined by `&&` (`[ -f x ] && apt-get update`). An update that may not run leaves the
 * lists as they were, so the RUNs after it may still read an earlier RUN's.
 */
function surelyRuns(node: InstructionNode, command: ShellCommand): boolean {
  const commands = (node.run ?? node.trigger?.run)?.commands ?? [];
  const at = commands.indexOf(command);
  if (at < 0 || command.separator === '||') return false;
  const before = commands[at - 1];
  if (before && command.separator === '&&' && TESTS.has(before.words[0]?.value ?? '')) return false;
  // The reserved words that open and close compound commands stand between the simple commands (the shell model
  // leaves them out of the commands' words), or are the command itself (`for x in …`, `case $x in`).
  const text = writtenText(node);
  let depth = 0;
  let end = node.keywordSpan.end;
  for (let k = 0; k <= at; k++) {
    const gap = text.slice(end - node.start, commands[k].start - node.start).replace(/#[^\n]*/g, '');
    depth += (gap.match(OPENS)?.length ?? 0) - (gap.match(CLOSES)?.length ?? 0);
    if (k < at && ['for', 'case', 'select'].includes(commands[k].words[0]?.value ?? '')) depth++;
    end = commands[k].end;
  }
  return depth <= 0;
}

/** What one instruction means for the lists: an update that leaves them, a need for them, or a cleanup-only RUN that removes them. */
interface ListsFact {
  /** The RUN (an ONBUILD's trigger) whose update leaves the lists in its layer. */
  left: { run: InstructionNode; update: ToolCall } | null;
  needsLists: boolean;
  /** The RUN updates the lists itself (after any install that read the earlier ones): later RUNs read its lists. */
  updates: boolean;
  aptCleanup: CleanupCommands | null;
  /** The commands the fix appends; null where none may be (a cleanup script of the project's own, whose work is unknown). */
  cleanup: string[] | null;
}

/** Downloading packages to keep them: `apt-get install --download-only`/`-d`, `apt-get download`; `apt-get clean` would delete them. */
function keepsArchives(call: ToolCall): boolean {
  const sub = call.subcommand?.value ?? '';
  return sub === 'download' || ((sub === 'install' || sub === 'upgrade' || sub === 'dist-upgrade') && hasOption([...call.globalOptions, ...call.args], ['--download-only'], ['d']));
}

/**
 * What to append: never a cleanup the RUN already does, nor `apt-get clean` where the downloaded packages are the point.
 * Nothing where the update ends the RUN: the lists are then all it leaves (for the image's users to install from), and a
 * cleanup right after it would only undo it.
 */
function cleanupToAppend(run: InstructionNode, update: ToolCall): string[] | null {
  const after = run.run!.commands.filter((c) => c.start > update.command.start);
  if (after.length === 0) return null;
  if (after.some((c) => cleanupScriptOf(c) === 'apt' || cleanupScriptOf(c) === 'any')) return null;
  const calls = callsIn(run, APT);
  const cleans = calls.some((c) => c.command.start > update.command.start && c.subcommand?.value === 'clean');
  return cleans || calls.some(keepsArchives) ? ['rm -rf /var/lib/apt/lists/*'] : ['apt-get clean', 'rm -rf /var/lib/apt/lists/*'];
}

function readLists(node: InstructionNode): ListsFact | null {
  const left = listsLeft(node);
  const needs = needsLists(node);
  const updates = node.run !== null && callsIn(node, APT).some((c) => c.subcommand?.value === 'update' && surelyRuns(node, c.command));
  const aptCleanup = cleanupOf(node, 'apt');
  const cleanup = left ? cleanupToAppend(left.run, left.update) : null;
  return left || needs || updates || aptCleanup ? { left, needsLists: needs, updates, aptCleanup, cleanup } : null;
}

function listsLeft(node: InstructionNode): ListsFact['left'] {
  const run = runNode(node);
  if (!run?.run || listsOnCacheMount(run.run.flags)) return null;
  const update = callsIn(run, APT).find((c) => c.subcommand?.value === 'update');
  if (!update?.subcommand) return null;
  const distClean = callsIn(run, APT).some((c) => c.command.start > update.command.start && ['distclean', 'dist-clean'].includes(c.subcommand?.value ?? ''));
  const removes = distClean || run.run.commands.some((c) => c.start > update.command.start && removedPaths(c)?.some(isAptListsPath));
  return removes ? null : { run, update };
}

export const aptListsNotRemoved: Rule<ListsFact> = {
  meta: {
    id: 'apt-lists-not-removed',
    title: 'apt-get update without removing /var/lib/apt/lists in the same RUN',
    severity: 'warning',
    category: 'cleanup',
    hadolint: ['DL3009'],
    fix: 'safe',
    messages: {
      notRemoved:
        "'{command}' leaves the package lists in this layer: remove /var/lib/apt/lists/* before the RUN ends, or they stay in the image.{buildkit}",
      fix: 'Append && apt-get clean && rm -rf /var/lib/apt/lists/*',
      fixLists: 'Append && rm -rf /var/lib/apt/lists/*',
    },
  },
  // An update's lists are judged by the RUNs of its own stage, and the fix stays in its RUN.
  scope: 'stage',
  collect: readLists,
  check({ model, settings, report, collected }) {
    const inImage = stagesInFinalImage(model);
    // The RUNs whose lists a later RUN of the stage installs from: one that installs before any update of its
    // own, with no RUN between them that updates the lists again (read from the last RUN back).
    const listsNeeded = new Set<InstructionNode>();
    const neededInStage = new Map<number, boolean>();
    for (let k = collected.length - 1; k >= 0; k--) {
      const { node, fact } = collected[k];
      if (neededInStage.get(node.stage)) listsNeeded.add(node);
      if (fact.needsLists) neededInStage.set(node.stage, true);
      else if (fact.updates) neededInStage.set(node.stage, false);
    }
    const cleanedByLaterRun = cleanedUpLater(
      model,
      collected.flatMap(({ node, fact }) => (fact.aptCleanup ? [{ node, commands: fact.aptCleanup }] : [])),
    );
    for (const { node, fact } of collected) {
      if (!fact.left || !inImage.has(node.stage)) continue;
      const { run, update } = fact.left;
      // Where a later RUN does the cleanup, its own finding moves it here; where a
      // later RUN installs from these lists, removing them would break it.
      const cleanup = fact.cleanup;
      const edit = cleanedByLaterRun(run) || listsNeeded.has(node) || !cleanup ? null : appendToRun(model, run, cleanup, update.command.end);
      report({
        span: spanOf([update.tool, update.subcommand!]),
        messageId: 'notRemoved',
        data: { command: `${update.tool.value} update`, buildkit: cacheMountNote(model, settings) },
        fixes: [
          ...(edit && cleanup ? [{ title: cleanup.length === 1 ? aptListsNotRemoved.meta.messages.fixLists : aptListsNotRemoved.meta.messages.fix, safety: 'safe' as const, edits: [edit] }] : []),
          ...cacheMountFixes(model, settings, run, CACHE_TARGETS.apt),
        ],
      });
    }
  },
};
