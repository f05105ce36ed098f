// `layerwise fix --pin [--pin-apt] [--pin-images]`: pins, which plain `fix`
// never applies (they are unsafe: a later build installs what the pin says).
// pip and conda packages from the lockfiles the Dockerfile uses, then pip's
// index; apt packages from the stage's base image; FROM images from the
// engine's digests. Prints what it pinned and from where, and what no source
// knew.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { aptCandidates } from '../container/aptCandidates';
import { ContainerEngine } from '../container/engine';
import { fromPinTarget, localDigest } from '../container/imageDigest';
import { SettingsResolver } from '../engine/configFiles';
import { applyEdits } from '../engine/fix';
import { lint, type LintResult } from '../engine/lint';
import { lockfileFacts } from '../engine/lockfileSources';
import { normalizePipName } from '../engine/packageNames';
import type { Finding, Fix, LintFacts, PinSource, PinStyle, TextEdit } from '../engine/rule';
import { defaultSettings, type LintSettings } from '../engine/settings';
import { stagePython } from '../engine/stagePython';
import { defaultToolSettings, type ToolSettings } from '../engine/toolSettings';
import { instructionAt } from '../engine/lint';
import { chooseIndex } from '../lookup/pipConfig';
import { PipIndex } from '../lookup/pipIndex';
import type { DockerfileModel } from '../model/types';
import { rules } from '../rules';
import { condaPackageNotPinned } from '../rules/condaPackageNotPinned';
import { pipPackageNotPinned } from '../rules/pipPackageNotPinned';
import type { PackageOperand } from '../rules/support/packages';
import { aptPinEdits } from '../engine/aptPins';
import { describeError, expandPaths } from './files';
import { parse, UsageError, type Io } from './main';

const PIN_RULES = new Set(['pip-package-not-pinned', 'conda-package-not-pinned']);
/** Enough passes for a long file: each pass applies every pin that does not meet another. */
const MAX_PIN_PASSES = 200;

export async function pinCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    pin: { type: 'boolean', default: false },
    'pin-apt': { type: 'boolean', default: false },
    'pin-images': { type: 'boolean', default: false },
    'index-url': { type: 'string' },
    'pin-style': { type: 'string', default: 'pin' },
    'docker-arg': { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    config: { type: 'string' },
  });
  const style = values['pin-style'] as string;
  if (style !== 'pin' && style !== 'arg') throw new UsageError(`--pin-style takes pin or arg, not '${style}'`);
  if (positionals.length === 0) throw new UsageError('fix --pin needs a file or folder');
  const config = values.config as string | undefined;
  if (config !== undefined && !fs.existsSync(config)) throw new UsageError(`cannot read --config ${config}: no such file`);
  const resolver = new SettingsResolver(new Set(rules.map((r) => r.meta.id)), config);
  const dockerArgs = ((values as Record<string, unknown>)['docker-arg'] as string[] | undefined) ?? [];
  const { files, errors } = expandPaths(positionals);
  let wouldChange = false;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      errors.push(`cannot read ${file}: ${describeError(e)}`);
      continue;
    }
    const settings = resolver.resolve(file, defaultSettings()).settings;
    const tools = resolver.resolveTools(file, defaultToolSettings());
    for (const p of tools.problems) io.stderr(`layerwise: ${p}\n`);
    const toolSettings: ToolSettings = { ...tools.settings, runArgs: [...tools.settings.runArgs, ...dockerArgs] };
    const indexUrl = (values['index-url'] as string | undefined) ?? null;
    const pinned = await pinFile(file, text, settings, toolSettings, {
      packages: values.pin === true,
      apt: values['pin-apt'] === true,
      images: values['pin-images'] === true,
      indexUrl,
      style,
      signal: io.signal,
    }, io);
    for (const line of pinned.log) io.stdout(`${file}: ${line}\n`);
    if (pinned.text === text) continue;
    wouldChange = true;
    if (values['dry-run']) io.stdout(createTwoFilesPatch(file, file, text, pinned.text, '', '', { context: 3 }));
    else {
      try {
        fs.writeFileSync(file, pinned.text);
      } catch (e) {
        errors.push(`cannot write ${file}: ${describeError(e)}`);
      }
    }
  }
  for (const e of errors) io.stderr(`layerwise: ${e}\n`);
  if (errors.length > 0) return 2;
  return values['dry-run'] && wouldChange ? 1 : 0;
}

export interface PinRequest {
  packages: boolean;
  apt: boolean;
  images: boolean;
  indexUrl: string | null;
  style: PinStyle;
  signal?: AbortSignal;
}

/** Pins one Dockerfile's text; `log` says what was pinned from where, and what was left alone and why. */
export async function pinFile(file: string, text: string, settings: LintSettings, tools: ToolSettings, request: PinRequest, io: Io): Promise<{ text: string; log: string[] }> {
  const log: string[] = [];
  const engine = new ContainerEngine({ command: tools.containerCommand });
  if (request.packages) text = await pinPackages(file, text, settings, tools, request, log, io);
  if (request.apt) {
    const model = lint(text, { settings, rules: [] }).model;
    const found = await aptPinEdits(model, (image, packages, platform) => aptCandidates(engine, image, packages, { runArgs: tools.runArgs, platform, signal: request.signal }));
    text = applyEdits(text, found.edits);
    log.push(...found.log);
  }
  if (request.images) {
    const model = lint(text, { settings, rules: [] }).model;
    const edits: TextEdit[] = [];
    for (const stage of model.stages) {
      const target = fromPinTarget(model, stage);
      if (!target) continue;
      const answer = tools.offline ? { problem: 'offline is set' } : await localDigest(engine, target.image, { signal: request.signal });
      if ('digest' in answer) {
        edits.push(target.edit(answer.digest));
        log.push(`pinned FROM ${target.image} to ${answer.digest} (local ${engine.command} engine)`);
      } else log.push(`left FROM ${target.image} alone: ${answer.problem}`);
    }
    text = applyEdits(text, edits);
  }
  return { text, log };
}

async function pinPackages(file: string, text: string, settings: LintSettings, tools: ToolSettings, request: PinRequest, log: string[], io: Io): Promise<string> {
  const model = lint(text, { settings, rules: [] }).model;
  const root = process.cwd();
  const inside = !path.relative(root, path.resolve(file)).startsWith('..');
  const locks = lockfileFacts(file, model, { root: inside ? root : undefined });
  for (const t of locks.trouble) io.stderr(`layerwise: ${file}: ${t.label} cannot be read as a lockfile: ${t.message}\n`);
  const sources: PinSource[] = [...locks.sources];
  const unknown = new Map<string, string>();
  // The index answers for the pip packages no lockfile knows.
  const wanted = unpinned(lint(text, { settings, facts: { pinSources: sources } })).filter((u) => u.rule === 'pip-package-not-pinned' && !u.hasSource);
  if (wanted.length > 0) {
    if (tools.offline) for (const u of wanted) unknown.set(u.name, 'no lockfile names it, and offline is set');
    else {
      const choice = chooseIndex(request.indexUrl ?? tools.pipIndexUrl);
      const index = new PipIndex(choice.url);
      const versions = new Map<string, string>();
      const python = stagePython(model, instructionAt(model, wanted[0].at)?.stage ?? 0);
      const names = [...new Set(wanted.map((u) => u.name))];
      const answers = await Promise.all(names.map((n) => index.newest(n, python, request.signal)));
      names.forEach((n, i) => {
        const a = answers[i];
        if ('version' in a) versions.set(normalizePipName(n), a.version);
        else unknown.set(n, a.problem);
      });
      if (versions.size > 0) sources.push({ label: index.label, pip: versions });
    }
  }
  const facts: LintFacts = { pinSources: sources };
  for (let pass = 0; pass < MAX_PIN_PASSES; pass++) {
    const chosen = choosePins(lint(text, { settings, facts }).findings, request.style);
    if (chosen.length === 0) break;
    text = applyEdits(text, chosen.flatMap((f) => f.edits));
    for (const f of chosen) for (const p of f.pin!.packages) log.push(`pinned ${p.name} to ${p.version} (${f.pin!.source})`);
  }
  for (const u of unpinned(lint(text, { settings, facts }))) if (!unknown.has(u.name)) unknown.set(u.name, 'no lockfile or index names it');
  for (const [name, why] of unknown) log.push(`left ${name} unpinned: ${why}`);
  return text;
}

/** The unpinned packages the pin rules report, and whether a source could pin each. */
function unpinned({ model, findings }: LintResult): Array<{ rule: string; name: string; at: number; hasSource: boolean }> {
  return findings
    .filter((f) => PIN_RULES.has(f.rule))
    .flatMap((f) =>
      packagesOf(model, f).map((p) => ({
        rule: f.rule,
        name: p.name,
        at: p.word.start,
        hasSource: f.fixes.some((x) => x.pin?.scope === 'package' && x.at?.start === p.word.start),
      })),
    );
}

/** The packages a pin rule's finding names: one install command's, read as the rule reads them. A VCS URL or a redirect is none. */
function packagesOf(model: DockerfileModel, f: Finding): PackageOperand[] {
  const node = instructionAt(model, f.span.start);
  if (!node) return [];
  const commands = f.rule === 'pip-package-not-pinned' ? (pipPackageNotPinned.collect!(node) ?? []).map((c) => c.packages) : (condaPackageNotPinned.collect!(node) ?? []);
  return commands.find((c) => c.length > 0 && c[0].word.start === f.span.start && c[c.length - 1].word.end === f.span.end) ?? [];
}

/** Per package of each finding, its pin from the best source, in the style asked, as many as do not meet. */
function choosePins(findings: readonly Finding[], style: PinStyle): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const f of findings) {
    if (!PIN_RULES.has(f.rule)) continue;
    const pinned = new Set<number>();
    // The sources come best first, so the first fix for a package is from the best source that knows it.
    for (const fix of f.fixes) {
      if (fix.pin?.scope !== 'package' || fix.pin.style !== style || !fix.at || pinned.has(fix.at.start)) continue;
      pinned.add(fix.at.start);
      if (fix.edits.some((e) => taken.some((t) => e.start <= t.end && t.start <= e.end))) continue;
      chosen.push(fix);
      taken.push(...fix.edits);
    }
  }
  return chosen;
}
