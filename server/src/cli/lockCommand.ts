// `layerwise lock`: resolves requirements.in (or pyproject.toml, or
// environment.yml) inside the Dockerfile's base image and writes
// requirements-<label>.txt (.yaml for conda) beside the Dockerfile; with
// --rewrite, the Dockerfile then installs it as the lesson does.
// Exit codes: 0 written; 1 the lock could not be made (the tool's error is
// shown); 2 usage, I/O or engine error, or the lockfile exists; 130 cancelled.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { SettingsResolver } from '../engine/configFiles';
import { defaultToolSettings } from '../engine/toolSettings';
import { ContainerEngine, EngineError } from '../container/engine';
import { LockError, LockfileExists, generateLock, writeAtomically } from '../container/lock';
import { NoLockInput } from '../container/lockInput';
import { LOCK_STRATEGIES, type LockStrategy } from '../container/lockfile';
import { rewriteForLockfile } from '../container/lockRewrite';
import { rules } from '../rules';
import { parse, UsageError, type Io } from './main';

export const LOCK_USAGE =
  'layerwise lock [--strategy report|freeze|pip-compile|uv|conda] [--label L] [--platform P] [--generate-hashes] [--index-url URL] [--rewrite] [--force] [--docker-arg=ARG]... DOCKERFILE';

/** Tool settings for a Dockerfile: VS Code's defaults, then .layerwise.yaml; problems with the file are told once. */
export function toolSettingsFor(dockerfile: string, io: Io) {
  const resolver = new SettingsResolver(new Set(rules.map((r) => r.meta.id)));
  const { settings, problems } = resolver.resolveTools(dockerfile, defaultToolSettings());
  for (const p of problems) io.stderr(`layerwise: ${p}\n`);
  return settings;
}

/** What an engine failure means for the exit code: cancelled is 130, anything else an environment error (2). */
export function engineExit(e: EngineError, io: Io): number {
  if (e.kind === 'cancelled') {
    io.stderr('layerwise: cancelled; the containers started were removed\n');
    return 130;
  }
  io.stderr(`layerwise: ${e.message}\n`);
  return 2;
}

export async function lockCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    strategy: { type: 'string' },
    label: { type: 'string' },
    platform: { type: 'string' },
    'generate-hashes': { type: 'boolean', default: false },
    'index-url': { type: 'string' },
    rewrite: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'docker-arg': { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw new UsageError(`lock takes one Dockerfile\nUsage: ${LOCK_USAGE}`);
  const strategy = values.strategy as string | undefined;
  if (strategy !== undefined && !LOCK_STRATEGIES.includes(strategy as LockStrategy)) throw new UsageError(`--strategy takes ${LOCK_STRATEGIES.join(', ')}, not '${strategy}'`);
  const dockerfile = positionals[0];
  if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) throw new UsageError(`cannot read ${dockerfile}: no such file`);
  const settings = toolSettingsFor(dockerfile, io);
  const dockerArgs = (values['docker-arg'] as unknown as string[] | undefined) ?? [];
  const force = values.force as boolean;
  const engine = new ContainerEngine({ command: settings.containerCommand });
  let result;
  try {
    result = await generateLock({
      engine,
      dockerfile,
      strategy: strategy as LockStrategy | undefined,
      label: values.label as string | undefined,
      platform: values.platform as string | undefined,
      hashes: values['generate-hashes'] as boolean,
      indexUrl: (values['index-url'] as string | undefined) ?? settings.pipIndexUrl,
      runArgs: [...settings.runArgs, ...dockerArgs],
      buildArgs: [...settings.buildArgs, ...dockerArgs],
      signal: io.signal,
      mayWrite: (file) => force || !fs.existsSync(file),
      onProgress: (m) => io.stderr(`layerwise: ${m}\n`),
    });
  } catch (e) {
    if (e instanceof LockfileExists) {
      io.stderr(`layerwise: ${e.message}: give another --label, or --force to replace it\n`);
      return 2;
    }
    if (e instanceof NoLockInput) throw new UsageError(e.message);
    if (e instanceof EngineError) return engineExit(e, io);
    if (e instanceof LockError) {
      io.stderr(`layerwise: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    writeAtomically(result.file, result.text, force);
  } catch (e) {
    if (e instanceof LockfileExists) {
      io.stderr(`layerwise: ${e.message}: give another --label, or --force to replace it\n`);
      return 2;
    }
    throw new Error(`cannot write ${result.file}: ${(e as Error).message}`);
  }
  const name = path.basename(result.file);
  io.stdout(`wrote ${path.join(path.dirname(dockerfile), name)} (${result.names.length} packages, strategy ${result.strategy}, in ${result.image})\n`);
  for (const n of result.notes) io.stderr(`layerwise: note: ${n}\n`);
  const before = fs.readFileSync(dockerfile, 'utf8');
  const rewrite = rewriteForLockfile(before, {
    lockfile: name,
    input: result.input.file,
    kind: result.strategy === 'conda' ? 'conda' : 'pip',
    hashes: values['generate-hashes'] as boolean,
    lockedNames: result.names,
  });
  for (const n of rewrite.notes) io.stderr(`layerwise: note: ${n}\n`);
  if (rewrite.text === before) return 0;
  if (values.rewrite) {
    writeAtomically(path.resolve(dockerfile), rewrite.text, true);
    io.stdout(`rewrote ${dockerfile} to install ${name}:\n`);
  } else {
    io.stdout(`to install it, --rewrite would change ${dockerfile} so:\n`);
  }
  io.stdout(createTwoFilesPatch(dockerfile, dockerfile, before, rewrite.text, '', '', { context: 3 }));
  return 0;
}
