// The command Generate lockfile: the same lock as `layerwise lock`, with a
// strategy picked from a list, progress that can be cancelled, a modal before
// an existing lockfile is replaced, and the Dockerfile rewrite shown as a diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContainerEngine, EngineError } from '../../../server/src/container/engine';
import { LockError, LockfileExists, generateLock, writeAtomically } from '../../../server/src/container/lock';
import { NoLockInput } from '../../../server/src/container/lockInput';
import type { LockStrategy } from '../../../server/src/container/lockfile';
import { rewriteForLockfile } from '../../../server/src/container/lockRewrite';
import { abortOn, dockerfileFor, offerChange } from './common';
import { toolSettingsFor } from './settings';
import { trusted } from './trust';

const WHAT = 'Generate lockfile';

interface StrategyItem extends vscode.QuickPickItem {
  strategy: LockStrategy;
}

const STRATEGIES: StrategyItem[] = [
  { strategy: 'report', label: 'pip report', description: 'pip install --dry-run --report (pip 22.2 and later)', detail: 'Resolves without installing; exact versions and the archives’ sha256.' },
  { strategy: 'freeze', label: 'pip freeze', description: 'a trial install, then pip freeze', detail: 'For older pip, as the lesson’s prepare4.sh does.' },
  { strategy: 'pip-compile', label: 'pip-compile', description: 'pip-tools, when the image has it' },
  { strategy: 'uv', label: 'uv pip compile', description: 'when the image has uv' },
  { strategy: 'conda', label: 'conda env export', description: 'conda install, then the export trimmed to requirements-<label>.yaml', detail: 'As the lesson’s prepare3.sh does.' },
];

/** The default: conda beside an environment.yml or on a conda base image, pip's report otherwise. */
function defaultStrategy(dockerfile: string): LockStrategy {
  const dir = path.dirname(dockerfile);
  if (['environment.yml', 'environment.yaml'].some((f) => fs.existsSync(path.join(dir, f)))) return 'conda';
  const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim;
  let last = '';
  for (const m of fs.readFileSync(dockerfile, 'utf8').matchAll(from)) last = m[1];
  return /conda|mamba|intelpython/i.test(last) ? 'conda' : 'report';
}

async function pickStrategy(dockerfile: string): Promise<LockStrategy | undefined> {
  const first = defaultStrategy(dockerfile);
  const items = [...STRATEGIES].sort((a, b) => Number(b.strategy === first) - Number(a.strategy === first));
  const picked = await vscode.window.showQuickPick(items, { title: `${WHAT}: how to resolve`, placeHolder: 'The lock is made inside the Dockerfile’s base image' });
  return picked?.strategy;
}

async function pickHashes(strategy: LockStrategy): Promise<boolean | undefined> {
  if (strategy === 'conda') return false;
  const pins = { label: 'Pins only', hashes: false };
  const hashed = { label: 'Pins and sha256 hashes', description: 'installs with --require-hashes', hashes: true };
  return (await vscode.window.showQuickPick([pins, hashed], { title: `${WHAT}: hashes` }))?.hashes;
}

/** The command's handler; the explorer's menu passes the Dockerfile, the palette nothing (the active editor's). */
export function generateLockfile(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): (uri?: vscode.Uri) => Promise<void> {
  return async (uri?: vscode.Uri) => {
    if (!(await trusted(WHAT))) return;
    const target = await dockerfileFor(uri, WHAT);
    if (!target) return;
    const dockerfile = target.fsPath;
    const strategy = await pickStrategy(dockerfile);
    if (!strategy) return;
    const hashes = await pickHashes(strategy);
    if (hashes === undefined) return;
    const { settings, problems } = toolSettingsFor(target);
    for (const p of problems) output.warn(p);
    let overwrite = false;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: WHAT, cancellable: true },
      async (progress, token) => {
        try {
          return await generateLock({
            engine: new ContainerEngine({ command: settings.containerCommand }),
            dockerfile,
            strategy,
            hashes,
            indexUrl: settings.pipIndexUrl,
            runArgs: settings.runArgs,
            buildArgs: settings.buildArgs,
            signal: abortOn(token),
            mayWrite: async (file) => {
              if (!fs.existsSync(file)) return true;
              const replace = 'Replace';
              const answer = await vscode.window.showWarningMessage(`${path.basename(file)} exists already. Replace it with a new lock?`, { modal: true }, replace);
              overwrite = answer === replace;
              return overwrite;
            },
            onProgress: (message) => {
              progress.report({ message });
              output.info(message);
            },
            onOutput: (chunk) => output.append(chunk),
          });
        } catch (e) {
          if (e instanceof EngineError && e.kind === 'cancelled') {
            output.info('cancelled; the containers started were removed');
            return undefined;
          }
          if (e instanceof LockError || e instanceof NoLockInput || e instanceof EngineError) {
            output.error((e as Error).message);
            const show = 'Show output';
            void vscode.window.showErrorMessage(`${WHAT}: ${(e as Error).message.split('\n')[0]}`, show).then((a) => a === show && output.show());
            return undefined;
          }
          // The user chose to keep the existing lockfile.
          if (e instanceof LockfileExists) return undefined;
          throw e;
        }
      },
    );
    if (!result) return;
    writeAtomically(result.file, result.text, overwrite);
    const name = path.basename(result.file);
    output.info(`wrote ${result.file} (${result.names.length} packages, ${result.strategy}, in ${result.image})`);
    for (const n of result.notes) output.info(n);
    const before = fs.readFileSync(dockerfile, 'utf8');
    const rewrite = rewriteForLockfile(before, {
      lockfile: name,
      input: result.input.file,
      kind: result.strategy === 'conda' ? 'conda' : 'pip',
      hashes,
      lockedNames: result.names,
    });
    for (const n of rewrite.notes) output.info(n);
    if (rewrite.text === before) {
      void vscode.window.showInformationMessage(`Wrote ${name}; the Dockerfile installs it already.`);
      return;
    }
    await offerChange(context, target, rewrite.text, `${path.basename(dockerfile)} ↔ installing ${name}`, `Wrote ${name} (${result.names.length} packages). Rewrite ${path.basename(dockerfile)} to install it, as the diff shows?`);
  };
}
