// `layerwise lint|fix|rules`: the engine for terminals and CI. Exit codes:
// 0 nothing at or above --fail-on, 1 something is, 2 usage or I/O error.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { SettingsResolver } from '../engine/configFiles';
import { fixUntilStable } from '../engine/fix';
import { formatSize, looksBinary } from '../engine/input';
import { lint } from '../engine/lint';
import { SEVERITIES, buildkitChecks, type Finding, type FixSafety, type Severity } from '../engine/rule';
import { defaultSettings } from '../engine/settings';
import { ruleDocsPath } from '../rules/docs';
import { rules } from '../rules';
import { buildCommand } from './build';
import { describeError, expandPaths } from './files';
import { measureCommand } from './measure';
import { ENV_DIFF_USAGE, envDiffCommand } from './envDiffCommand';
import { LOCK_USAGE, lockCommand } from './lockCommand';
import { formatJson, formatSarif, formatText, type FileResult } from './formats';
import { pinCommand } from './pin';
import pkg from '../../../package.json';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Aborted when the user interrupts (Ctrl+C): commands that run the container CLI stop it and clean up. */
  signal?: AbortSignal;
}

export class UsageError extends Error {}

const USAGE = `Usage:
  layerwise lint [--format text|json|sarif] [--config FILE] [--fail-on error|warning|info|hint|never] PATH...
  layerwise fix  [--dry-run] [--unsafe] [--config FILE] [--fail-on ...] PATH...
  layerwise fix  --pin [--pin-apt] [--pin-images] [--index-url URL] [--pin-style pin|arg] [--docker-arg=ARG]... [--dry-run] PATH...
  layerwise rules [--format text|json]
  layerwise build [--tag T] [--target S] [--build-arg K=V]... [--context DIR] [--docker-arg=ARG]... DOCKERFILE
  layerwise measure IMAGE [--dockerfile F] [--target S] [--format text|json] [--compare IMAGE] [--max-waste SIZE]
                    [--max-waste-percent P] [--min-efficiency X] [--sif]
  ${LOCK_USAGE}
  ${ENV_DIFF_USAGE}
A folder is searched for Dockerfile, Containerfile, Dockerfile.*, Containerfile.* and *.dockerfile.`;

const FAIL_ON = [...SEVERITIES, 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`layerwise: ${e.message}\n`);
      return 2;
    }
    io.stderr(`layerwise: ${(e as Error).message}\n`);
    return 2;
  }
}

function dispatch(argv: readonly string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return lintCommand(rest, io);
    case 'fix':
      // Pins are asked for by name; plain `fix` never applies them.
      return rest.some((a) => /^--pin(?:-apt|-images)?$/.test(a)) ? pinCommand(rest, io) : fixCommand(rest, io);
    case 'rules':
      return rulesCommand(rest, io);
    case 'build':
      return buildCommand(rest, io);
    case 'measure':
      return measureCommand(rest, io);
    case 'lock':
      return lockCommand(rest, io);
    case 'env-diff':
      return envDiffCommand(rest, io);
    case '--version':
    case '-v':
      io.stdout(`${pkg.version}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case undefined:
      throw new UsageError(`no command given\n${USAGE}`);
    default:
      throw new UsageError(`unknown command '${command}' (expected lint, fix, rules, lock, env-diff, build or measure)`);
  }
}

export type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export function parse(args: readonly string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

function failOnOf(value: string | undefined): FailOn {
  const v = (value ?? 'warning') as FailOn;
  if (!FAIL_ON.includes(v)) throw new UsageError(`--fail-on takes error, warning, info, hint or never, not '${value}'`);
  return v;
}

function fails(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITIES.indexOf(failOn as Severity);
  return findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
}

interface LoadedFile {
  file: string;
  text: string;
}

/** Reads each file, or says in one line why it is skipped (binary, too large, unreadable). */
function* readFiles(paths: readonly string[], io: Io, maxSizeFor: (file: string) => number, ioErrors: string[]): Generator<LoadedFile> {
  const { files, errors } = expandPaths(paths);
  ioErrors.push(...errors);
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      ioErrors.push(`cannot read ${file}: ${describeError(e)}`);
      continue;
    }
    if (looksBinary(bytes)) {
      io.stderr(`layerwise: skipping ${file}: binary file\n`);
      continue;
    }
    const text = bytes.toString('utf8');
    const max = maxSizeFor(file);
    if (text.length > max) {
      io.stderr(`layerwise: skipping ${file}: ${formatSize(text.length)} is over the ${formatSize(max)} limit (maxFileSize in .layerwise.yaml)\n`);
      continue;
    }
    yield { file, text };
  }
}

function resolverFor(config: string | undefined): SettingsResolver {
  if (config !== undefined && !fs.existsSync(config)) throw new UsageError(`cannot read --config ${config}: no such file`);
  return new SettingsResolver(new Set(rules.map((r) => r.meta.id)), config);
}

function settingsReporter(resolver: SettingsResolver, io: Io) {
  const told = new Set<string>();
  return (file: string) => {
    const resolved = resolver.resolve(file, defaultSettings());
    for (const p of resolved.problems) {
      if (!told.has(p)) io.stderr(`layerwise: ${p}\n`);
      told.add(p);
    }
    return resolved.settings;
  };
}

function reportFailures(file: string, failures: ReturnType<typeof lint>['failures'], io: Io): void {
  for (const f of failures) io.stderr(`layerwise: rule ${f.rule} failed on ${file} and was skipped: ${f.error.message}\n`);
}

function lintCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format takes text, json or sarif, not '${format}'`);
  const failOn = failOnOf(values['fail-on'] as string | undefined);
  if (positionals.length === 0) throw new UsageError(`lint needs a file or folder\n${USAGE}`);
  const settingsFor = settingsReporter(resolverFor(values.config as string | undefined), io);
  const ioErrors: string[] = [];
  const results: FileResult[] = [];
  for (const { file, text } of readFiles(positionals, io, (f) => settingsFor(f).maxFileSize, ioErrors)) {
    const result = lint(text, { settings: settingsFor(file) });
    reportFailures(file, result.failures, io);
    results.push({ file, lineStarts: result.model.lineStarts, findings: result.findings });
  }
  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'sarif') io.stdout(formatSarif(results, rules, pkg.version));
  else io.stdout(formatText(results));
  for (const e of ioErrors) io.stderr(`layerwise: ${e}\n`);
  if (ioErrors.length > 0) return 2;
  return fails(results.flatMap((r) => r.findings), failOn) ? 1 : 0;
}

function fixCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, {
    'dry-run': { type: 'boolean', default: false },
    unsafe: { type: 'boolean', default: false },
    config: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  const failOn = failOnOf(values['fail-on'] as string | undefined);
  if (positionals.length === 0) throw new UsageError(`fix needs a file or folder\n${USAGE}`);
  const allow: FixSafety = values.unsafe ? 'unsafe' : 'safe';
  const settingsFor = settingsReporter(resolverFor(values.config as string | undefined), io);
  const ioErrors: string[] = [];
  const results: FileResult[] = [];
  let wouldChange = false;
  for (const { file, text } of readFiles(positionals, io, (f) => settingsFor(f).maxFileSize, ioErrors)) {
    const settings = settingsFor(file);
    const fixed = fixUntilStable(text, (t) => lint(t, { settings }).findings, allow);
    if (fixed.text !== text) {
      wouldChange = true;
      if (values['dry-run']) {
        io.stdout(createTwoFilesPatch(file, file, text, fixed.text, '', '', { context: 3 }));
      } else {
        try {
          fs.writeFileSync(file, fixed.text);
        } catch (e) {
          ioErrors.push(`cannot write ${file}: ${describeError(e)}`);
          continue;
        }
        io.stderr(`layerwise: fixed ${file} (${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'})\n`);
      }
    }
    const left = lint(fixed.text, { settings });
    reportFailures(file, left.failures, io);
    results.push({ file, lineStarts: left.model.lineStarts, findings: left.findings });
  }
  if (!values['dry-run']) io.stdout(formatText(results));
  for (const e of ioErrors) io.stderr(`layerwise: ${e}\n`);
  if (ioErrors.length > 0) return 2;
  if (values['dry-run'] && wouldChange) return 1;
  return fails(results.flatMap((r) => r.findings), failOn) ? 1 : 0;
}

function rulesCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' } });
  if (positionals.length > 0) throw new UsageError(`rules takes no paths`);
  const list = rules.map((r) => ({
    id: r.meta.id,
    title: r.meta.title,
    severity: r.meta.severity,
    category: r.meta.category,
    hadolint: r.meta.hadolint,
    buildkit: buildkitChecks(r.meta),
    fix: r.meta.fix,
    docs: ruleDocsPath(r.meta.id),
  }));
  if (values.format === 'json') {
    io.stdout(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  if (values.format !== 'text') throw new UsageError(`--format takes text or json, not '${values.format}'`);
  const width = Math.max(...list.map((r) => r.id.length));
  for (const r of list) {
    const extra = [
      r.fix ? `fix: ${r.fix}` : null,
      r.hadolint.length ? `hadolint: ${r.hadolint.join(', ')}` : null,
      r.buildkit.length ? `buildkit: ${r.buildkit.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title}${extra ? ` (${extra})` : ''}\n`);
  }
  return 0;
}
