// What a rule is and what it reports. Rules are pure functions of the model
// and the settings: no I/O, no Docker, no clock.
import type { Catalogue } from '../catalogue/catalogue';
import type { DockerfileModel, InstructionNode, Span } from '../model/types';
import type { LintSettings } from './settings';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export type Category = 'layers' | 'cleanup' | 'versions' | 'environment' | 'metadata' | 'default-command' | 'conda' | 'hygiene';

/** Safe: the built image keeps the same files (apart from caches), ENV, CMD, ENTRYPOINT, USER and WORKDIR. */
export type FixSafety = 'safe' | 'unsafe';

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** How many instructions the fix adds (negative when it removes some); 0 when left out. The fuzzer holds fixes to it. */
  instructionsAdded?: number;
  /** What a version pin writes: only `layerwise fix --pin` and the editor, one at a time, apply these. */
  pin?: PinFix;
  /**
   * A fix whose edits need a lookup (the package index): offered with no edits, and made by the front end on
   * `codeAction/resolve`, by linting again with the looked-up versions as a pin source and taking the fix
   * with the same `pin` description from that source.
   */
  lookup?: PinLookup;
  /**
   * The part of the finding this fix is about (one package of an install command): an editor offers it only
   * where the cursor or selection touches that text. Left out, the fix is offered anywhere on the finding.
   */
  at?: Span;
}

export type PinStyle = 'pin' | 'arg';

export interface PinFix {
  /** The pin source's label, as the title shows it. */
  source: string;
  style: PinStyle;
  /** 'command' pins every unpinned package of the install command; 'package' one of them (the fix's `at`). */
  scope: 'command' | 'package';
  packages: ReadonlyArray<{ name: string; version: string }>;
}

export interface PinLookup {
  kind: 'pip-index';
  /** The label the looked-up source will have. */
  source: string;
  style: PinStyle;
  scope: 'command' | 'package';
  /** The package names to look up. */
  packages: readonly string[];
}

/**
 * Versions a front end found for packages (in a lockfile the Dockerfile
 * copies, or on a package index), handed to the rules, which stay pure.
 * Names are normalized: pip's as PEP 503 says, conda's and apt's in lower case.
 */
export interface PinSource {
  /** How titles and messages name it: `requirements-3sep.txt`, `127.0.0.1:8080`. */
  label: string;
  pip?: ReadonlyMap<string, string>;
  conda?: ReadonlyMap<string, string>;
}

/** A lockfile the front end could not read, for the finding that says so on the Dockerfile. */
export interface LockfileTrouble {
  /** The file's name, as titles show it. */
  label: string;
  /** The source word of the COPY or ADD that copies it, as written (`$REQ_FILE`), when one does. */
  written?: string;
  message: string;
}

export interface LintFacts {
  authorEmail?: string;
  /** Where versions come from, best first. */
  pinSources?: readonly PinSource[];
  /** A package index to offer as a lookup source (trusted workspace, online); its label. */
  pipIndex?: string;
  lockfileTrouble?: readonly LockfileTrouble[];
}

export interface RuleMeta {
  /** kebab-case, stable once released. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  /** Every hadolint rule that checks part of the same thing. */
  hadolint: string[];
  /**
   * Every BuildKit build check (Docker's build-checks reference) that checks part of the same thing; left out
   * when none does. `# check=skip=...` and `# check=error=true` apply to the findings that name one.
   */
  buildkit?: string[];
  /** The best fix the rule can offer: safe, unsafe, or none. */
  fix: FixSafety | null;
  /** Messages by id; `{name}` placeholders are filled from a report's data. */
  messages: Record<string, string>;
}

export interface Report {
  span: Span;
  messageId: string;
  data?: Record<string, string>;
  /** A milder case may be reported below the rule's default severity. */
  severity?: Severity;
  /** The hadolint rule that matches this finding; null when none does (left out: the rule's only one, if it has one). */
  hadolint?: string | null;
  /** The BuildKit check that matches this finding, when the rule lists several; null when none does. */
  buildkit?: string | null;
  fixes?: Fix[];
}

/** One instruction in which a rule's `collect` found something, with what it found. */
export interface Collected<F> {
  node: InstructionNode;
  fact: F;
}

export interface RuleContext<F = unknown> {
  model: DockerfileModel;
  catalogue: Catalogue;
  /** Facts the front end knows and rules may use, such as the user's git e-mail. */
  facts: Readonly<LintFacts>;
  /** What the user set, for rules that follow a policy of theirs (the registries they trust). */
  settings: Readonly<LintSettings>;
  report(report: Report): void;
  /**
   * The top-level instructions in which the rule's `collect` found something,
   * in document order, each with what it found; empty for a rule without one.
   */
  collected: ReadonlyArray<Collected<F>>;
}

/**
 * A rule. `check` reads the whole model; a rule that has `collect` reads each
 * instruction there and, in `check`, only the instructions it collected (and
 * what it must know about their stage), so that a keystroke costs what it
 * touches: the engine keeps what `collect` found with each node for as long as
 * edits leave the node untouched, and the incremental model keeps such nodes.
 */
export interface Rule<F = any> {
  meta: RuleMeta;
  /**
   * What the rule needs from one top-level instruction (its ONBUILD trigger
   * included), or null when nothing: a pure function of that instruction's
   * own text. It may hold the node's own objects (words, commands, flags: they
   * move with the node), but never an offset, line, index or stage number read
   * from them, and it never reads another instruction. A fact that is not an
   * object (a flag, a name) is cheaper to keep: before the check, the engine
   * shifts the words of every collected node that moved, unless its fact is
   * not an object and so cannot hold them.
   */
  collect?(node: InstructionNode): F | null;
  check(context: RuleContext<F>): void;
  /**
   * True when `check` reads nothing of the model but the instructions it
   * collected, the stages (their FROM, name, base and COPY --from), the text
   * around its collected instructions, and the ARGs before the first FROM.
   * After a keystroke that changed, wrote or removed instructions the rule
   * collected nothing from, before or after, its findings then stand, moved
   * with the text, and its check is not run again (engine/reuse.ts). So a
   * local rule's messages never name a line or an instruction's position.
   */
  local?: true;
  /**
   * 'stage' when what `check` reports about a stage depends only on that stage's instructions, the stages it
   * is built FROM, the stages' FROM lines and the ARGs before the first FROM, and every finding and fix of the
   * stage lies inside it. It reports only from what it `collected`, and reads the stages it is built FROM
   * through the model, never through `collected`. After a keystroke that changed instructions of one stage only
   * (no FROM, no ONBUILD), the engine gives `check` only the collected instructions of that stage and the stages
   * built FROM it (every later stage too when the edit adds or removes lines, for a rule that `namesLines`) and
   * keeps the others' findings, moved with the text: in a file of hundreds of stages, a keystroke costs its stage.
   */
  scope?: 'stage';
  /**
   * True when a message or fix title names a line ("the RUN on line 12"): an edit that adds or removes lines
   * then changes the findings of every later stage, not only their places.
   */
  namesLines?: true;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  hadolint: string | null;
  /** The BuildKit build check that would report this too, such as JSONArgsRecommended. */
  buildkit: string | null;
  fixes: Fix[];
}

/** The BuildKit checks a rule's metadata lists. */
export function buildkitChecks(meta: RuleMeta): readonly string[] {
  return meta.buildkit ?? [];
}

/** Templates split once at their `{name}` placeholders: odd entries are names. */
const splitTemplates = new Map<string, string[]>();

export function formatMessage(template: string, data: Record<string, string> = {}): string {
  let parts = splitTemplates.get(template);
  if (!parts) splitTemplates.set(template, (parts = template.split(/\{(\w+)\}/)));
  let message = parts[0];
  for (let i = 1; i < parts.length; i += 2) message += (parts[i] in data ? data[parts[i]] : `{${parts[i]}}`) + parts[i + 1];
  return message;
}
