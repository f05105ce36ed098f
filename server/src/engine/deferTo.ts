// Leaving to other Docker tools what they already report (the `deferTo`
// setting), so that a user who runs them beside Layerwise sees each problem
// once. Each tool is named by the ids it reports under: vscode-hadolint by
// hadolint ids, Docker DX by BuildKit check names, Container Tools (through
// dockerfile-language-server) by dockerfile-utils' validation codes.
import type { Report, RuleMeta } from './rule';

/** The extensions a user can name as a whole, and the ids each reports under. */
export const DEFER_GROUPS = {
  hadolint: 'hadolint',
  'docker-dx': 'buildkit',
  'container-tools': 'dockerfile-utils',
} as const;

export type DeferGroup = keyof typeof DEFER_GROUPS;
type Scheme = (typeof DEFER_GROUPS)[DeferGroup];

/**
 * The dockerfile-utils validation code that reports the same problem as one
 * of our messages, by rule id and message id (test/unit/defer-to.test.ts runs
 * dockerfile-utils' validate on each to hold the table to what it reports).
 */
export const DOCKERFILE_UTILS_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'dockerfile-syntax': { unknown: 'UNKNOWN_INSTRUCTION', unjoined: 'UNKNOWN_INSTRUCTION', noFrom: 'NO_SOURCE_IMAGE', beforeFrom: 'NO_SOURCE_IMAGE' },
  'maintainer-deprecated': { deprecated: 'DEPRECATED_MAINTAINER' },
  'repeated-cmd-or-entrypoint': { overridden: 'MULTIPLE_INSTRUCTIONS' },
  'duplicate-stage-name': { duplicate: 'DUPLICATE_BUILD_STAGE_NAME' },
  'no-empty-continuation': { empty: 'EMPTY_CONTINUATION_LINE' },
  // Ours flags a relative WORKDIR only where no absolute one came before; dockerfile-utils flags every one.
  'workdir-relative-path': { relative: 'WORKDIR_IS_NOT_ABSOLUTE' },
  // Not consistent-instruction-casing (dockerfile-utils wants upper case, ours the file's own casing) nor
  // expose-invalid-format (dockerfile-utils lets a host port through): each reports what the other does not.
};

/** What kind of id an entry of `deferTo` is, by its shape; null when it is none. */
export function deferEntryScheme(entry: string): Scheme | 'group' | null {
  if (entry in DEFER_GROUPS) return 'group';
  if (/^(DL|SC)\d{4}$/.test(entry)) return 'hadolint';
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(entry)) return 'dockerfile-utils';
  if (/^[A-Z][a-z0-9]+([A-Z][A-Za-z0-9]*)*$/.test(entry)) return 'buildkit';
  return null;
}

/** Whether a report is left to another tool, given the hadolint id and BuildKit check the engine matched to it. */
export type DeferredTest = (meta: RuleMeta, report: Report, hadolint: string | null, buildkit: string | null) => boolean;

const tests = new WeakMap<readonly string[], DeferredTest | null>();

/** The test for a `deferTo` list, made once per list; null when the list leaves nothing to another tool. */
export function deferredTest(deferTo: readonly string[]): DeferredTest | null {
  if (deferTo.length === 0) return null;
  let test = tests.get(deferTo);
  if (test !== undefined) return test;
  const whole = new Set<Scheme>();
  const ids = new Set<string>();
  for (const entry of deferTo) {
    const scheme = deferEntryScheme(entry);
    if (scheme === 'group') whole.add(DEFER_GROUPS[entry as DeferGroup]);
    else if (scheme) ids.add(entry);
  }
  const defers = (scheme: Scheme, id: string | null | undefined) => !!id && (whole.has(scheme) || ids.has(id));
  test = whole.size + ids.size === 0 ? null : (meta, report, hadolint, buildkit) =>
    defers('hadolint', hadolint) || defers('buildkit', buildkit) || defers('dockerfile-utils', DOCKERFILE_UTILS_CODES[meta.id]?.[report.messageId]);
  tests.set(deferTo, test);
  return test;
}
