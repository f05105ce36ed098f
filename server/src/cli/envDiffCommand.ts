// `layerwise env-diff`: the variables a Dockerfile's stage adds to its base
// image, those only a login shell sees (profile files), and ENV lines that give
// them to `docker run IMAGE python` too; --apply inserts those lines.
// Exit codes: 0 shown (or applied); 1 the build failed; 2 usage, I/O or engine error; 130 cancelled.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { ContainerEngine, EngineError } from '../container/engine';
import { captureEnv, formatCapture } from '../container/envCapture';
import { insertEnvLines } from '../container/envDiff';
import { writeAtomically } from '../container/lock';
import { engineExit, toolSettingsFor } from './lockCommand';
import { parse, UsageError, type Io } from './main';

export const ENV_DIFF_USAGE = 'layerwise env-diff [--stage S] [--platform P] [--apply] [--docker-arg=ARG]... DOCKERFILE';

export async function envDiffCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    stage: { type: 'string' },
    platform: { type: 'string' },
    apply: { type: 'boolean', default: false },
    'docker-arg': { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw new UsageError(`env-diff takes one Dockerfile\nUsage: ${ENV_DIFF_USAGE}`);
  const dockerfile = positionals[0];
  if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) throw new UsageError(`cannot read ${dockerfile}: no such file`);
  const settings = toolSettingsFor(dockerfile, io);
  const dockerArgs = (values['docker-arg'] as unknown as string[] | undefined) ?? [];
  const stage = values.stage as string | undefined;
  let capture;
  try {
    capture = await captureEnv({
      engine: new ContainerEngine({ command: settings.containerCommand }),
      dockerfile,
      stage,
      buildArgs: [...settings.buildArgs, ...dockerArgs],
      runArgs: [...settings.runArgs, ...dockerArgs],
      platform: values.platform as string | undefined,
      signal: io.signal,
      onProgress: (m) => io.stderr(`layerwise: ${m}\n`),
    });
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed') {
      io.stderr(`layerwise: ${e.message}\n`);
      return 1;
    }
    if (e instanceof EngineError) return engineExit(e, io);
    throw e;
  }
  const where = capture.stage ? `stage ${capture.stage}` : path.basename(dockerfile);
  io.stdout(formatCapture(capture, where));
  if (capture.suggested.length === 0 || !values.apply) return 0;
  const before = fs.readFileSync(dockerfile, 'utf8');
  const after = insertEnvLines(before, capture.suggested, stage);
  writeAtomically(path.resolve(dockerfile), after, true);
  io.stdout(`added them to ${dockerfile}:\n`);
  io.stdout(createTwoFilesPatch(dockerfile, dockerfile, before, after, '', '', { context: 3 }));
  return 0;
}
