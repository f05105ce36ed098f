// The Build image command: pickers filled from the Dockerfile (tag remembered
// per Dockerfile, build args pre-filled from ARG defaults, target stage,
// context folder), then the build with its output in an output channel and a
// cancellable progress that shows the current step; on success the size and
// the change against the last build of the tag, or a baseline image.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildImage, BuildStepError } from '../../../server/src/container/build';
import { addRecord, lastRecord, sizeLine, type BuildRecord } from '../../../server/src/container/buildHistory';
import { EngineError } from '../../../server/src/container/engine';
import { inspectImage } from '../../../server/src/container/imageLayers';
import { buildArgsOf, changedArgs, stagesOf } from './dockerfileFacts';
import { currentTarget, engineFor } from './engineChoice';
import { toolSettingsFor } from './settings';

const TAGS = 'layerwise.tags';
export const HISTORY = 'layerwise.buildHistory';

export interface Built {
  tag: string;
  dockerfile: vscode.Uri;
  stage?: string;
}

export async function buildCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel, document: vscode.TextDocument, stage?: string): Promise<Built | undefined> {
  const state = context.workspaceState;
  const text = document.getText();
  const tags = state.get<Record<string, string>>(TAGS) ?? {};
  const defaultTag = tags[document.uri.toString()] ?? `${path.basename(path.dirname(document.uri.fsPath)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'image'}:latest`;
  const tag = await vscode.window.showInputBox({ title: 'Build image: tag', value: defaultTag, validateInput: (v) => (/^[a-z0-9][a-z0-9._\/:@-]*$/.test(v) ? null : 'a tag such as myimage:1.0 (lower case)') });
  if (!tag) return undefined;
  await state.update(TAGS, { ...tags, [document.uri.toString()]: tag });

  const stages = stagesOf(text);
  let target = stage;
  if (!target && stages.length > 1) {
    const picked = await vscode.window.showQuickPick(stages.map((s, i) => ({ label: s, description: i === stages.length - 1 ? 'the last stage (default)' : undefined })), { title: 'Build image: target stage' });
    if (!picked) return undefined;
    target = picked.label === stages[stages.length - 1] ? undefined : picked.label;
  }

  const facts = buildArgsOf(text);
  const values: Record<string, string> = {};
  for (const f of facts) {
    const v = await vscode.window.showInputBox({ title: `Build image: build arg ${f.name}`, value: f.defaultValue ?? '', prompt: f.defaultValue === null ? 'no default in the Dockerfile' : `default ${f.defaultValue}: only a changed value is passed` });
    if (v === undefined) return undefined;
    values[f.name] = v;
  }

  const folder = path.dirname(document.uri.fsPath);
  const workspace = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  const contexts = [{ label: folder, description: 'the Dockerfile\'s folder' }, ...(workspace && workspace !== folder ? [{ label: workspace, description: 'the workspace folder' }] : []), { label: 'Browse…', description: '' }];
  let contextPick = contexts.length > 2 ? (await vscode.window.showQuickPick(contexts, { title: 'Build image: context folder' }))?.label : folder;
  if (contextPick === 'Browse…') contextPick = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(folder) }))?.[0]?.fsPath;
  if (!contextPick) return undefined;

  const { settings, problems } = toolSettingsFor(document.uri);
  for (const p of problems) output.appendLine(`layerwise: ${p}`);
  const target0 = currentTarget(state);
  const engine = engineFor(settings, target0);
  output.appendLine(`> ${settings.containerCommand} build ${tag} (${document.uri.fsPath}) on ${target0.kind === 'current' ? 'the current context' : target0.name}`);
  await document.save();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Building ${tag}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      await buildImage(engine, {
        dockerfile: document.uri.fsPath,
        context: contextPick,
        tag,
        target,
        buildArgs: changedArgs(facts, values),
        extraArgs: settings.buildArgs,
        builder: target0.kind === 'buildx' ? target0.name : undefined,
        signal: controller.signal,
        onOutput: (chunk) => output.append(chunk),
        onStep: (step) => progress.report({ message: step }),
      });
      const info = await inspectImage(engine, tag, controller.signal);
      const records = state.get<BuildRecord[]>(HISTORY) ?? [];
      const line = sizeLine(info.size, lastRecord(records, tag));
      await state.update(HISTORY, addRecord(records, { tag, id: info.id, size: info.size, time: new Date().toISOString(), dockerfile: document.uri.fsPath }));
      output.appendLine(`Built ${tag}: ${line}`);
      void vscode.window.showInformationMessage(`Built ${tag}: ${line}`, 'Measure image', 'Compare with an image…').then(async (choice) => {
        if (choice === 'Measure image') await vscode.commands.executeCommand('layerwise.measureImage', document.uri, stage, tag);
        if (choice === 'Compare with an image…') await compareWithBaseline(engine, tag, info.size);
      });
      return { tag, dockerfile: document.uri, stage: target };
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'cancelled') {
        output.appendLine(`The build of ${tag} was cancelled.`);
        return undefined;
      }
      output.appendLine(`${(e as Error).message}`);
      output.show(true);
      // The failing step and its error; the whole log is in the output channel, shown beside.
      const why = e instanceof BuildStepError ? ` at ${e.step}: ${e.error}` : `: ${(e as Error).message.split('\n')[0]}`;
      void vscode.window.showErrorMessage(`Building ${tag} failed${why}`);
      return undefined;
    }
  });
}

async function compareWithBaseline(engine: ReturnType<typeof engineFor>, tag: string, size: number): Promise<void> {
  const { stdout } = await engine.run(['images', '--format', '{{.Repository}}:{{.Tag}}'], { timeoutMs: 30_000 });
  const picked = await vscode.window.showQuickPick(stdout.split('\n').filter((l) => l && !l.includes('<none>') && l !== tag), { title: `Compare ${tag} with` });
  if (!picked) return;
  const other = await inspectImage(engine, picked);
  void vscode.window.showInformationMessage(`${tag}: ${sizeLine(size, other, `from ${picked}`)}`);
}
