// The entry @vscode/test-electron calls inside the extension host: runs the mocha suite beside it.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: true });
  mocha.addFile(path.join(__dirname, 'layerwise.vscode.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} checks failed`)) : resolve()));
  });
}
