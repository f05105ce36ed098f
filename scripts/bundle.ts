// How Layerwise is bundled: dist/ and the benchmark's engine bundle both use
// these options, so that `npm run bench` times the code that ships.
import type { BuildOptions } from 'esbuild';

export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  // No keepNames: it wraps every function that is made at run time (the rules
  // make closures on every lint) in a call that sets its name, about a sixth
  // of a small file's lint. Nothing reads function names; stack traces of a
  // failed rule carry the rule's id in their message.
  keepNames: false,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  // No "module" condition (esbuild's default): vscode-languageserver-types then resolves to its CommonJS build,
  // as dockerfile-ast requires it, instead of its ES module wrapped for require(), whose every export is read
  // through a getter: dockerfile-ast reads Range and Position that way for each word, about a tenth of a small
  // file's lint.
  conditions: ['node'],
};
