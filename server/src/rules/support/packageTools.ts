// Package managers the cleanup rules read besides apt, pip and conda (whose
// specs live in engine/commands), and the package caches that the conda and
// yum rules ask each install to clean.
import { callsIn, runNode, type ToolCall, type ToolSpec } from '../../engine/commands';
import type { Collected } from '../../engine/rule';
import type { DockerfileModel, InstructionNode, RunFlag, ShellCommand } from '../../model/types';
import { cleanedUpLater, cleanupOf, type CleanupCommands, type Resource } from './cleanup';
import { inFinalImage } from './collected';

export const APK: ToolSpec = {
  names: /^apk$/,
  valued: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age']),
};

/** yum, dnf and microdnf share their install and clean subcommands. */
export const YUM: ToolSpec = {
  names: /^(yum|dnf|microdnf)$/,
  valued: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel']),
};

/** Whether a `--mount=type=cache` (or tmpfs) covers a folder that `target` matches, so nothing of it stays in the layer. */
export function mountCovers(flags: readonly RunFlag[], target: RegExp): boolean {
  return flags.some((f) => {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value)) return false;
    const dest = /(?:^|,)(?:target|dst|destination)=([^,]*)/.exec(f.value)?.[1];
    return dest !== undefined && target.test(dest.replace(/\/+$/, ''));
  });
}

/** What one tool's package cache is, for the rules that ask each install to clean it in its own RUN. */
export interface PackageCache {
  kind: Resource['kind'];
  spec: ToolSpec;
  /** A `--mount=type=cache` target that keeps the cache out of the layer. */
  mount: RegExp;
  /** Whether a call fills the cache. */
  fills(call: ToolCall): boolean;
  /** Whether a command empties it: the tool's clean, or removing its folder. */
  empties(command: ShellCommand): boolean;
}

/** A RUN's installs that leave the cache in its layer, or a RUN that only cleans the cache up, perhaps after one. */
export type CacheFact = { kind: 'install'; run: InstructionNode; uncleaned: ToolCall[] } | { kind: 'cleanup'; commands: CleanupCommands };

export function cacheFact(node: InstructionNode, cache: PackageCache): CacheFact | null {
  const commands = cleanupOf(node, cache.kind);
  if (commands) return { kind: 'cleanup', commands };
  const run = runNode(node);
  if (!run?.run || mountCovers(run.run.flags, cache.mount)) return null;
  const after = run.run.commands;
  const uncleaned = callsIn(run, cache.spec).filter((call) => cache.fills(call) && !after.some((c) => c.start > call.command.start && cache.empties(c)));
  return uncleaned.length > 0 ? { kind: 'install', run, uncleaned } : null;
}

/**
 * The installs that leave the cache in a stage that reaches the final image, each with whether a later RUN
 * only cleans up after it (then that RUN's finding moves the cleanup here, and this one needs no fix).
 */
export function* cachesLeft(
  model: DockerfileModel,
  collected: ReadonlyArray<Collected<CacheFact>>,
): Generator<{ run: InstructionNode; uncleaned: ToolCall[]; cleanedLater: boolean }> {
  const cleanups = collected.flatMap(({ node, fact }) => (fact.kind === 'cleanup' ? [{ node, commands: fact.commands }] : []));
  const cleanedLater = cleanedUpLater(model, cleanups);
  for (const { fact } of inFinalImage(model, collected)) {
    if (fact.kind === 'install') yield { run: fact.run, uncleaned: fact.uncleaned, cleanedLater: cleanedLater(fact.run) };
  }
}
