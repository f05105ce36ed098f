// `layerwise build [--tag T] [--target S] [--build-arg K=V]... [--context DIR] [--docker-arg=ARG]... DOCKERFILE`:
// builds with the container CLI, streams its output to stderr, then prints the
// image's size and the change since the last build of the same tag.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImage } from '../container/build';
import { addRecord, historyFile, lastRecord, readHistoryFile, sizeLine, writeHistoryFile } from '../container/buildHistory';
import { inspectImage } from '../container/imageLayers';
import { engineExit, engineFor, toolSettingsFor } from './dockerTools';
import { parse, UsageError, type Io } from './main';

export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    tag: { type: 'string', short: 't' },
    target: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    context: { type: 'string' },
    'docker-arg': { type: 'string', multiple: true },
    config: { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
  } as never);
  if (positionals.length !== 1) throw new UsageError('build needs one Dockerfile');
  const dockerfile = positionals[0];
  if (!fs.existsSync(dockerfile)) throw new UsageError(`no Dockerfile at ${dockerfile}`);
  const buildArgs: Record<string, string> = {};
  for (const kv of (values['build-arg'] as unknown as string[] | undefined) ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg takes KEY=VALUE, not '${kv}'`);
    buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const context = (values.context as string | undefined) ?? path.dirname(dockerfile);
  if (!fs.statSync(context, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`the context folder ${context} does not exist`);
  const settings = toolSettingsFor(dockerfile, values.config as string | undefined, io);
  const engine = engineFor(settings);
  const tag = (values.tag as string | undefined) ?? defaultTag(dockerfile);
  const extraArgs = [...settings.buildArgs, ...((values['docker-arg'] as unknown as string[] | undefined) ?? [])];
  try {
    const result = await buildImage(engine, {
      dockerfile,
      context,
      tag,
      target: values.target as string | undefined,
      buildArgs,
      extraArgs,
      signal: io.signal,
      onOutput: values.quiet ? undefined : (c) => io.stderr(c),
    });
    const info = await inspectImage(engine, tag, io.signal);
    const file = historyFile();
    const records = readHistoryFile(file);
    const previous = lastRecord(records, tag);
    io.stdout(`Built ${tag}: ${sizeLine(info.size, previous)} (${(result.dockerMs / 1000).toFixed(1)} s)\n`);
    try {
      writeHistoryFile(file, addRecord(records, { tag, id: info.id, size: info.size, time: new Date().toISOString(), dockerfile: path.resolve(dockerfile) }));
    } catch (e) {
      io.stderr(`layerwise: could not keep the build's size in ${file}: ${(e as Error).message}\n`);
    }
    return 0;
  } catch (e) {
    return engineExit(e, io);
  }
}

/** A tag from the folder's name, as users name images after their project: `layerwise/<folder>:latest`. */
function defaultTag(dockerfile: string): string {
  const folder = path.basename(path.dirname(path.resolve(dockerfile))).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'image';
  return `${folder}:latest`;
}
