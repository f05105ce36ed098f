// What a rule is and what it reports. Rules are pure functions of the model
// and the settings: no I/O, no Docker, no clock.
import type { Catalogue } from '../catalogue/catalogue';
import type { DockerfileModel, Span } from '../model/types';

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
}

export interface RuleMeta {
  /** kebab-case, stable once released. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  /** Every hadolint rule that checks part of the same thing. */
  hadolint: string[];
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
  /** The hadolint rule that matches this finding, when one does. */
  hadolint?: string;
  fixes?: Fix[];
}

export interface RuleContext {
  model: DockerfileModel;
  catalogue: Catalogue;
  /** Facts the front end knows and rules may use, such as the user's git e-mail. */
  facts: Readonly<{ authorEmail?: string }>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  hadolint: string | null;
  fixes: Fix[];
}

export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? data[key] : m));
}
