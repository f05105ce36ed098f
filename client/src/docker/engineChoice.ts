// Where builds go: the current docker context, another context, or a buildx
// builder when buildx is installed (remote BuildKit, the Kubernetes driver).
// Layerwise adds no daemon of its own. The choice is kept per workspace.
import * as vscode from 'vscode';
import { ContainerEngine } from '../../../server/src/container/engine';
import type { ToolSettings } from '../../../server/src/engine/toolSettings';

export type EngineTarget = { kind: 'current' } | { kind: 'context'; name: string } | { kind: 'buildx'; name: string };

const KEY = 'layerwise.engine';
const LABEL_KEY = 'layerwise.engineLabel';

export function currentTarget(state: vscode.Memento): EngineTarget {
  return state.get<EngineTarget>(KEY) ?? { kind: 'current' };
}

export function engineFor(settings: ToolSettings, target: EngineTarget): ContainerEngine {
  return new ContainerEngine({ command: settings.containerCommand, context: target.kind === 'context' ? target.name : undefined });
}

export function labelOf(target: EngineTarget, command: string): string {
  if (command === 'podman') return 'podman';
  if (target.kind === 'context') return `docker: context ${target.name}`;
  if (target.kind === 'buildx') return `buildx: ${target.name}`;
  return 'docker: current context';
}

interface Pick extends vscode.QuickPickItem {
  target: EngineTarget;
}

/** Asks where builds go; returns the choice, or undefined when the user dismissed the picker. */
export async function chooseEngine(state: vscode.Memento, settings: ToolSettings): Promise<EngineTarget | undefined> {
  const docker = new ContainerEngine({ command: 'docker' });
  const items: Pick[] = [{ label: 'Current docker context', description: 'DOCKER_HOST, DOCKER_CONTEXT or docker context use', target: { kind: 'current' } }];
  if (settings.containerCommand === 'podman') {
    void vscode.window.showInformationMessage('layerwise.containerCommand is podman: builds go to podman on this machine. Set it to docker to choose a context or builder.');
    return undefined;
  }
  try {
    const { stdout } = await docker.run(['context', 'ls', '--format', '{{json .}}'], { timeoutMs: 15_000 });
    for (const line of stdout.split('\n').filter((l) => l.trim())) {
      const c = JSON.parse(line) as { Name: string; DockerEndpoint?: string; Current?: boolean };
      items.push({ label: `$(server) ${c.Name}`, description: c.DockerEndpoint, detail: c.Current ? 'the current context' : undefined, target: { kind: 'context', name: c.Name } });
    }
  } catch {
    // No docker CLI: only the current engine is offered, and building says why it cannot.
  }
  try {
    // `docker buildx ls` per buildx's documented CLI; not available on the machines this was written on, so untested.
    const { stdout } = await docker.run(['buildx', 'ls', '--format', '{{.Name}}'], { timeoutMs: 15_000 });
    for (const name of new Set(stdout.split('\n').map((l) => l.trim().replace(/\*$/, '').trim()).filter(Boolean))) {
      items.push({ label: `$(cloud) buildx builder ${name}`, description: 'docker buildx build --builder … --load', target: { kind: 'buildx', name } });
    }
  } catch {
    // buildx is not installed: no builders to offer.
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Where should Layerwise build and measure images?' });
  if (!picked) return undefined;
  await state.update(KEY, picked.target);
  await state.update(LABEL_KEY, labelOf(picked.target, settings.containerCommand));
  return picked.target;
}
