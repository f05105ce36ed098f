// The tool settings for a Dockerfile, for every Docker command of the client:
// VS Code's `layerwise` section (containerCommand, docker.buildArgs and
// runArgs, pip.indexUrl, insecureRegistries, offline), then .layerwise.yaml
// near the file, which wins key by key as the CLI reads it.
import * as vscode from 'vscode';
import { SettingsResolver } from '../../../server/src/engine/configFiles';
import { mergeToolSettings, defaultToolSettings, readToolSettings, type ToolSettings } from '../../../server/src/engine/toolSettings';

export function toolSettingsFor(dockerfile: vscode.Uri): { settings: ToolSettings; problems: string[] } {
  const section = vscode.workspace.getConfiguration('layerwise', dockerfile);
  const fromEditor = readToolSettings({
    containerCommand: section.get('containerCommand'),
    docker: { buildArgs: section.get('docker.buildArgs'), runArgs: section.get('docker.runArgs') },
    pip: { indexUrl: section.get('pip.indexUrl') },
    insecureRegistries: section.get('insecureRegistries'),
    offline: section.get('offline'),
  });
  const base = mergeToolSettings(defaultToolSettings(), fromEditor.settings);
  // Only the tool keys are read from the file here; the lint settings are the server's.
  const resolved = new SettingsResolver(new Set()).resolveTools(dockerfile.fsPath, base);
  return { settings: resolved.settings, problems: [...fromEditor.problems, ...resolved.problems] };
}
