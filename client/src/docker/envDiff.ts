// The command Capture environment changes: the same capture as `layerwise
// env-diff`, for the stage picked from a list, shown in the output channel,
// with its ENV lines offered as a diff of the Dockerfile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContainerEngine, EngineError } from '../../../server/src/container/engine';
import { captureEnv, formatCapture } from '../../../server/src/container/envCapture';
import { insertEnvLines } from '../../../server/src/container/envDiff';
import { buildModel } from '../../../server/src/model/build';
import { abortOn, dockerfileFor, offerChange } from './common';
import { toolSettingsFor } from './settings';
import { trusted } from './trust';

const WHAT = 'Capture environment changes';

/** The stage to capture: asked only when the Dockerfile has named stages besides the final one. */
async function pickStage(dockerfile: string): Promise<string | null | undefined> {
  const stages = buildModel(fs.readFileSync(dockerfile, 'utf8')).stages;
  const last = stages[stages.length - 1];
  const named = stages.filter((s) => s.name && s !== last);
  if (named.length === 0) return null;
  const items = [
    { label: last?.name ? last.name : 'the final stage', description: `FROM ${last?.image ?? ''}`, stage: null as string | null },
    ...named.reverse().map((s) => ({ label: s.name!, description: `FROM ${s.image}`, stage: s.name })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${WHAT}: which stage`, placeHolder: 'Its environment is compared with the image it is built FROM' });
  return picked === undefined ? undefined : picked.stage;
}

/** The command's handler; the explorer's menu passes the Dockerfile, the palette nothing (the active editor's). */
export function captureEnvironment(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): (uri?: vscode.Uri) => Promise<void> {
  return async (uri?: vscode.Uri) => {
    if (!(await trusted(WHAT))) return;
    const target = await dockerfileFor(uri, WHAT);
    if (!target) return;
    const dockerfile = target.fsPath;
    const stage = await pickStage(dockerfile);
    if (stage === undefined) return;
    const { settings, problems } = toolSettingsFor(target);
    for (const p of problems) output.warn(p);
    const capture = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: WHAT, cancellable: true }, async (progress, token) => {
      try {
        return await captureEnv({
          engine: new ContainerEngine({ command: settings.containerCommand }),
          dockerfile,
          stage: stage ?? undefined,
          buildArgs: settings.buildArgs,
          runArgs: settings.runArgs,
          signal: abortOn(token),
          onProgress: (message) => {
            progress.report({ message });
            output.info(message);
          },
          onOutput: (chunk) => output.append(chunk),
        });
      } catch (e) {
        if (e instanceof EngineError && e.kind === 'cancelled') return undefined;
        output.error((e as Error).message);
        const show = 'Show output';
        void vscode.window.showErrorMessage(`${WHAT}: ${(e as Error).message.split('\n')[0]}`, show).then((a) => a === show && output.show());
        return undefined;
      }
    });
    if (!capture) return;
    const where = capture.stage ? `stage ${capture.stage}` : path.basename(dockerfile);
    output.info(`\n${formatCapture(capture, where)}`);
    output.show(true);
    if (capture.suggested.length === 0) {
      void vscode.window.showInformationMessage(`${WHAT}: nothing to add as ENV (the output shows what changed).`);
      return;
    }
    const before = fs.readFileSync(dockerfile, 'utf8');
    const after = insertEnvLines(before, capture.suggested, stage ?? undefined);
    await offerChange(context, target, after, `${path.basename(dockerfile)} ↔ with ENV for ${where}`, `Add ${capture.suggested.length} ENV line${capture.suggested.length === 1 ? '' : 's'} to ${where}, as the diff shows?`);
  };
}
