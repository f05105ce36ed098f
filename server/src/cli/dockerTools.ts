// What the build and measure commands share: the tool settings (.layerwise.yaml
// `containerCommand`, `docker: {buildArgs, runArgs}`) and the engine they name.
import * as path from 'node:path';
import { SettingsResolver } from '../engine/configFiles';
import { defaultToolSettings, type ToolSettings } from '../engine/toolSettings';
import { ContainerEngine, EngineError } from '../container/engine';
import { rules } from '../rules';
import type { Io } from './main';

export function toolSettingsFor(file: string, config: string | undefined, io: Io): ToolSettings {
  const resolver = new SettingsResolver(new Set(rules.map((r) => r.meta.id)), config);
  const { settings, problems } = resolver.resolveTools(path.resolve(file), defaultToolSettings());
  for (const p of problems) io.stderr(`layerwise: ${p}\n`);
  return settings;
}

export function engineFor(settings: ToolSettings): ContainerEngine {
  return new ContainerEngine({ command: settings.containerCommand });
}

/** An engine's failure as the one line the CLI prints; exit 2 (it is no finding). */
export function engineExit(e: unknown, io: Io): number {
  if (e instanceof EngineError) {
    io.stderr(`layerwise: ${e.message}\n`);
    return 2;
  }
  throw e;
}
