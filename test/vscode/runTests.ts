// `npm run test:vscode`: the end-to-end checks as a mocha suite inside VS Code's
// extension host, for machines where @vscode/test-electron can download VS Code
// (into .vscode-test/). Here it cannot (no internet but npm and Debian), so CI
// runs the code-server suite, `npm run test:e2e`, instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { makeWorkspace } from '../support/e2eWorkspace';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  // The extension host loads plain JavaScript: bundle the suite (it reads the engine for expected texts).
  const out = path.join(root, '.cache/vscode-suite');
  await build({
    entryPoints: [path.join(__dirname, 'suite/index.ts'), path.join(__dirname, 'suite/layerwise.vscode.ts')],
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const workspace = makeWorkspace('layerwise-vscode-');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(out, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
