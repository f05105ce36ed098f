// Settings that decide which rules run and how loud they are. VS Code
// settings are the defaults; a .layerwise.yaml overrides them; hadolint's
// `ignored:` list is honoured through each rule's hadolint ids.
import { parse as parseYaml } from 'yaml';
import { SEVERITIES, type Severity } from './rule';
import { readToolSettings, type ParsedToolSettings } from './toolSettings';

export type RuleSetting = Severity | 'off';

export interface LintSettings {
  /** Severity per rule id, or off. */
  rules: Record<string, RuleSetting>;
  /** Rule ids or hadolint ids that are turned off. */
  ignore: string[];
  /** The registries FROM may take images from (registry-not-trusted); empty for any. */
  trustedRegistries: string[];
  /** Documents larger than this (in UTF-16 code units) are not linted. */
  maxFileSize: number;
  /** Which builder builds the files: `buildkit` offers cache mounts; `auto` (or unset) reads it from the file. */
  builder?: Builder;
}

export type Builder = 'auto' | 'buildkit' | 'classic';
const BUILDERS: readonly Builder[] = ['auto', 'buildkit', 'classic'];

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export function defaultSettings(): LintSettings {
  return { rules: {}, ignore: [], trustedRegistries: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, builder: 'auto' };
}

/** `override` wins key by key; lists are joined. */
export function mergeSettings(base: LintSettings, override: Partial<LintSettings>): LintSettings {
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    ignore: [...new Set([...base.ignore, ...(override.ignore ?? [])])],
    trustedRegistries: [...new Set([...base.trustedRegistries, ...(override.trustedRegistries ?? [])])],
    maxFileSize: override.maxFileSize ?? base.maxFileSize,
    builder: override.builder ?? base.builder,
  };
}

export interface ParsedSettings {
  settings: Partial<LintSettings>;
  /** What was wrong in the file, one line each; the rest of the file still counts. */
  problems: string[];
}

function isRuleSetting(v: unknown): v is RuleSetting {
  return v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v));
}

function stringList(v: unknown, key: string, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  problems.push(`'${key}' should be a list of strings`);
  return [];
}

/**
 * The trustedRegistries list: registry names, such as `quay.io` or `localhost:5000`. An entry written as a URL
 * (`https://quay.io/v2/`) is told, and its host kept, so that the policy still holds.
 */
function registryList(v: unknown, problems: string[]): string[] {
  return stringList(v, 'trustedRegistries', problems).map((entry) => {
    const written = entry.trim();
    const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/]*)/i.exec(written)![1];
    if (host !== written) problems.push(`'trustedRegistries': '${entry}' is not a registry's name; read as '${host}' (write the host alone, with :port if it has one)`);
    return host;
  });
}

/** Reads settings from an object: a VS Code `layerwise` section or a parsed .layerwise.yaml. */
export function readSettingsObject(raw: unknown, knownRules: ReadonlySet<string>): ParsedSettings {
  const problems: string[] = [];
  const settings: Partial<LintSettings> = {};
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['expected a mapping of settings'] };
  const obj = raw as Record<string, unknown>;
  if (obj.rules !== undefined && obj.rules !== null) {
    if (typeof obj.rules !== 'object' || Array.isArray(obj.rules)) {
      problems.push("'rules' should map rule ids to off, error, warning, info or hint");
    } else {
      settings.rules = {};
      for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (!knownRules.has(id)) problems.push(`unknown rule '${id}' in 'rules'`);
        // 'default' (VS Code's own default for each rule) keeps the rule's severity.
        else if (value === 'default') continue;
        else if (!isRuleSetting(value)) problems.push(`rule '${id}': '${String(value)}' is not off, error, warning, info or hint`);
        else settings.rules[id] = value;
      }
    }
  }
  if (obj.ignore !== undefined) settings.ignore = stringList(obj.ignore, 'ignore', problems);
  const trusted = obj.trustedRegistries ?? obj['trusted-registries'] ?? obj.trustedregistries;
  if (trusted !== undefined) settings.trustedRegistries = registryList(trusted, problems);
  const max = obj.maxFileSize;
  if (max !== undefined) {
    if (typeof max === 'number' && max > 0) settings.maxFileSize = max;
    else problems.push("'maxFileSize' should be a positive number of characters");
  }
  if (obj.builder !== undefined && obj.builder !== null) {
    if (BUILDERS.includes(obj.builder as Builder)) settings.builder = obj.builder as Builder;
    else problems.push(`'builder' should be auto, buildkit or classic, not '${String(obj.builder)}'`);
  }
  return { settings, problems };
}

/** A .layerwise.yaml: its lint settings, and the settings of what Layerwise runs beside the linter. */
export function parseLayerwiseYaml(text: string, knownRules: ReadonlySet<string>): ParsedSettings & { tools: ParsedToolSettings } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return { settings: {}, problems: [`not valid YAML: ${(e as Error).message.split('\n')[0]}`], tools: { settings: {}, problems: [] } };
  }
  return { ...readSettingsObject(raw, knownRules), tools: readToolSettings(raw) };
}

/** The `ignored:` list of a .hadolint.yaml, as settings that turn those hadolint ids off. */
export function parseHadolintYaml(text: string): ParsedSettings {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return { settings: {}, problems: [`not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object') return { settings: {}, problems };
  const ignored = stringList((raw as Record<string, unknown>).ignored, 'ignored', problems).map((s) => s.toUpperCase());
  const trusted = registryList((raw as Record<string, unknown>).trustedRegistries, problems);
  return { settings: { ignore: ignored, trustedRegistries: trusted }, problems };
}
