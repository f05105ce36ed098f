// The engine: model -> rules -> findings, with settings and inline ignores
// applied. Every front end (server, CLI) lints through here.
import { createCatalogue, type Catalogue } from '../catalogue/catalogue';
import { buildModel } from '../model/build';
import { takeInstructionsEdit, type InstructionsEdit } from '../model/incremental';
import { settle } from '../model/moved';
import { Slot } from '../model/slots';
import type { DockerfileModel, InstructionNode } from '../model/types';
import { rules as allRules } from '../rules';
import { deferredTest } from './deferTo';
import { suppressionsAbove, type Suppressions } from './ignores';
import { findingsOutside, lintRecords, listWithReplaced, movedFindings, ownFixes, recordToKeep, stagesReached, type LintRecord } from './reuse';
import { formatMessage, type Collected, type LintFacts, type Finding, type Report, type Rule, type Severity } from './rule';
import { defaultSettings, type LintSettings, type RuleSetting } from './settings';

export interface LintOptions {
  settings?: LintSettings;
  facts?: LintFacts;
  /** Rules not to run, such as those that threw on this document before. */
  skip?: ReadonlySet<string>;
  rules?: readonly Rule[];
}

export interface RuleFailure {
  rule: string;
  error: Error;
}

export interface LintResult {
  model: DockerfileModel;
  findings: Finding[];
  /** Rules that threw; their findings are left out and the other rules still report. */
  failures: RuleFailure[];
}

const sharedCatalogue: Catalogue = createCatalogue();
/** One object for every lint without settings, so that what is made per settings object is made once. */
const DEFAULT_SETTINGS: LintSettings = defaultSettings();

/**
 * The settings' rule severities as a Map, made once per settings object: indexing the settings' plain object
 * with each rule's id, most of them absent, was a twentieth of a small file's lint.
 */
const ruleSettingsOf = new WeakMap<LintSettings['rules'], ReadonlyMap<string, RuleSetting>>();
function ruleSettings(settings: LintSettings): ReadonlyMap<string, RuleSetting> {
  let map = ruleSettingsOf.get(settings.rules);
  if (!map) ruleSettingsOf.set(settings.rules, (map = new Map(Object.entries(settings.rules))));
  return map;
}

/** What the rules' `collect` found in one node, for one list of rules (by position in it). */
interface NodeFacts {
  rules: readonly Rule[];
  found: Array<{ rule: number; collected: Collected<unknown> }>;
  failed: Array<{ rule: number; error: Error }> | null;
}

/**
 * Kept with the node: the incremental model keeps the nodes an edit did not
 * touch (moving them, and their words with them), so only new nodes are read.
 * A collect that threw is kept too, and told as the rule's failure each time.
 */
const factsByNode = new Slot<InstructionNode, NodeFacts>();

/** The rules of a list that collect, with their places in it: read once per list, not once per rule and node. */
const collectorsOf = new WeakMap<readonly Rule[], ReadonlyArray<{ i: number; collect: NonNullable<Rule['collect']> }>>();

function collectors(rules: readonly Rule[]): ReadonlyArray<{ i: number; collect: NonNullable<Rule['collect']> }> {
  let list = collectorsOf.get(rules);
  if (!list) {
    list = rules.flatMap((rule, i) => (rule.collect ? [{ i, collect: rule.collect }] : []));
    collectorsOf.set(rules, list);
  }
  return list;
}

function factsOf(node: InstructionNode, rules: readonly Rule[]): NodeFacts {
  const kept = factsByNode.get(node);
  if (kept && kept.rules === rules) return kept;
  const facts: NodeFacts = { rules, found: [], failed: null };
  for (const { i, collect } of collectors(rules)) {
    try {
      const fact = collect(node);
      if (fact !== null && fact !== undefined) facts.found.push({ rule: i, collected: { node, fact } });
    } catch (e) {
      (facts.failed ??= []).push({ rule: i, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  factsByNode.set(node, facts);
  return facts;
}

interface CollectedLists {
  lists: ReadonlyArray<Array<Collected<unknown>>>;
  failed: Map<number, Error>;
  /** After an edit the lint keeps from: the rules whose lists the edit changed (the others' lists are the previous lint's). */
  touched?: ReadonlySet<number>;
}

/**
 * The lists after an edit that replaced a few instructions: the previous
 * lint's, with only the lists of the rules that collected something from the
 * old instructions or the new ones made again. Null when a collect threw, on
 * these instructions or any other: then every list is made again, and the
 * failure told.
 */
function collectAfterEdit(before: LintRecord, edit: InstructionsEdit, rules: readonly Rule[]): CollectedLists | null {
  if (before.collectFailed) return null;
  // By rule: what the new instructions give its list (empty for a rule that only collected from the old ones).
  const entries = new Map<number, Array<Collected<unknown>>>();
  for (const node of edit.replaced) {
    const old = factsByNode.get(node);
    if (!old || old.rules !== rules || old.failed) return null;
    for (const { rule } of old.found) if (!entries.has(rule)) entries.set(rule, []);
  }
  for (const node of edit.by) {
    const now = factsOf(node, rules);
    if (now.failed) return null;
    for (const { rule, collected } of now.found) {
      const added = entries.get(rule);
      if (added) added.push(collected);
      else entries.set(rule, [collected]);
    }
  }
  const lists = before.lists.slice();
  for (const [i, added] of entries) lists[i] = listWithReplaced(before.lists[i], edit, added);
  return { lists, failed: new Map(), touched: new Set(entries.keys()) };
}

/** For each rule, the nodes its `collect` found something in, in document order; and the rules whose `collect` threw. */
function collectAll(model: DockerfileModel, rules: readonly Rule[]): CollectedLists {
  const lists: Array<Array<Collected<unknown>>> = rules.map(() => []);
  const failed = new Map<number, Error>();
  if (collectors(rules).length === 0) return { lists, failed };
  for (const node of model.instructions) {
    const facts = factsOf(node, rules);
    for (const { rule, collected } of facts.found) lists[rule].push(collected);
    if (facts.failed) for (const { rule, error } of facts.failed) if (!failed.has(rule)) failed.set(rule, error);
  }
  return { lists, failed };
}

export function lint(input: string | DockerfileModel, options: LintOptions = {}): LintResult {
  const model = typeof input === 'string' ? buildModel(input) : input;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const ignored = new Set(settings.ignore.map((s) => s.toUpperCase()));
  const deferred = settings.deferTo ? deferredTest(settings.deferTo) : null;
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const suppressions = new Map<number, Suppressions>();
  const rules = options.rules ?? allRules;
  const severities = ruleSettings(settings);
  const inputs = { rules, settings, authorEmail: options.facts?.authorEmail, pinFacts: pinFactsOf(options.facts), skip: options.skip };
  // After a keystroke that replaced an instruction, or wrote or removed one, what the previous lint found may stand.
  const edit = typeof input === 'string' ? undefined : takeInstructionsEdit(model);
  const before = edit ? recordToKeep(edit, model, inputs) : null;
  const collected = (before && edit && collectAfterEdit(before, edit, rules)) || collectAll(model, rules);
  const byRule: Array<Finding[] | undefined> = [];
  /** The stages this edit can change, for the rules checked stage by stage (apart for those whose messages name lines); worked out once each is asked for. */
  let reachedNamingLines: Set<number> | undefined;
  let reachedOwnStages: Set<number> | undefined;

  // One report function for every rule, reading which rule is running: made once per lint, not once per rule.
  let meta = rules[0]?.meta;
  /** The severity the settings give the running rule, if any. */
  let severity: Severity | undefined;
  let found: Finding[] = [];
  const checks = model.checks;
  const report = (r: Report) => {
    const hadolint = r.hadolint !== undefined ? r.hadolint : meta.hadolint.length === 1 ? meta.hadolint[0] : null;
    if (hadolint && ignored.has(hadolint)) return;
    const buildkit = r.buildkit !== undefined ? r.buildkit : meta.buildkit?.length === 1 ? meta.buildkit[0] : null;
    // The Dockerfile's own `# check=skip=` turns a BuildKit check off for the build, and so here.
    if (buildkit && (checks.skipAll || checks.skip.includes(buildkit) || ignored.has(buildkit.toUpperCase()))) return;
    if (deferred?.(meta, r, hadolint, buildkit)) return;
    const owner = instructionAt(model, r.span.start);
    if (owner) {
      let s = suppressions.get(owner.index);
      if (!s) suppressions.set(owner.index, (s = suppressionsAbove(model, owner)));
      if (s.layerwise.has(meta.id) || (hadolint && s.hadolint.has(hadolint)) || (buildkit && (s.buildkitAll || s.buildkit.has(buildkit)))) return;
    }
    found.push({
      rule: meta.id,
      // `# check=error=true` fails the build on a check's finding: it is an error here too.
      severity: buildkit && checks.error ? 'error' : (severity ?? r.severity ?? meta.severity),
      message: formatMessage(meta.messages[r.messageId] ?? r.messageId, r.data),
      // A copy: a rule may report a word's own span, which moves with the node when the next keystroke comes.
      span: { start: r.span.start, end: r.span.end },
      hadolint,
      buildkit,
      fixes: ownFixes(r.fixes),
    });
  };
  const facts = options.facts ?? {};

  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    meta = rule.meta;
    const setting = severities.get(meta.id);
    if (setting === 'off' || (ignored.size > 0 && ignored.has(meta.id.toUpperCase())) || options.skip?.has(meta.id)) continue;
    severity = setting;
    const collectFailed = collected.failed.get(i);
    if (collectFailed) {
      failures.push({ rule: meta.id, error: collectFailed });
      continue;
    }
    const earlier = before?.findings[i];
    const kept = edit && earlier && rule.local && collected.touched && !collected.touched.has(i) ? movedFindings(earlier, edit) : null;
    if (kept) {
      byRule[i] = kept;
      findings.push(...kept);
      continue;
    }
    // A rule checked stage by stage keeps the findings of the stages the edit did not reach.
    let list = collected.lists[i];
    let outside: Finding[] | null = null;
    if (rule.scope === 'stage' && edit && earlier) {
      const reached = rule.namesLines ? (reachedNamingLines ??= stagesReached(model, edit, true)) : (reachedOwnStages ??= stagesReached(model, edit, false));
      outside = findingsOutside(earlier, edit, model, reached);
      if (outside) list = list.filter((c) => reached.has(c.node.stage));
    }
    found = [];
    // What collect found may hold the words of nodes that moved since: they are shifted before the check reads
    // them. A fact that is not an object (a flag, a name) holds none.
    for (const c of list) if (typeof c.fact === 'object') settle(c.node);
    try {
      rule.check({ model, catalogue: sharedCatalogue, facts, settings, report, collected: list });
      if (outside) found.push(...outside);
      byRule[i] = found;
      findings.push(...found);
    } catch (e) {
      failures.push({ rule: meta.id, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  findings.sort(byPlace);
  if (typeof input !== 'string') lintRecords.set(model, { ...inputs, lists: collected.lists, collectFailed: collected.failed.size > 0, findings: byRule });
  return { model, findings, failures };
}

/** The facts that pin fixes read, as one object, or undefined when there are none: reuse compares it by identity. */
function pinFactsOf(facts: LintFacts | undefined): LintFacts | undefined {
  return facts && (facts.pinSources?.length || facts.pipIndex || facts.lockfileTrouble?.length) ? facts : undefined;
}

function byPlace(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : 1);
}

/** The top-level instruction that contains an offset. */
export function instructionAt(model: DockerfileModel, offset: number): InstructionNode | null {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  let found: InstructionNode | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset <= found.end ? found : null;
}
