// The engine as it ships. The benchmark times a bundle built with dist's own
// esbuild options, not the TypeScript sources run through tsx: tsx's
// transform wraps functions in naming calls that no user runs, and the peers
// are timed as the plain JavaScript they publish.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { BUNDLE_OPTIONS } from '../scripts/bundle';

export type Engine = typeof import('./engineEntry');

export function bundledEngine(): Engine {
  const bundle = engineBundle();
  try {
    return require(bundle.file) as Engine;
  } finally {
    bundle.dispose();
  }
}

/** The bundle as a file, for processes of their own to load (bench/lintCost.ts); dispose removes it. */
export function engineBundle(): { file: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-'));
  const file = path.join(dir, 'engine.js');
  buildSync({ ...BUNDLE_OPTIONS, entryPoints: [path.join(__dirname, 'engineEntry.ts')], outfile: file });
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
