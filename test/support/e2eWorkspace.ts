// The workspace both end-to-end suites open (code-server's and
// @vscode/test-electron's): each check gets its own folder of the lesson's
// seed Dockerfiles, so that no check sees another's edits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const seedDir = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');

/** Workspace path -> seed file it is a copy of. */
export const layout: Record<string, string> = {
  'findings/Dockerfile.2': '2.ubuntu/Dockerfile.2',
  'lightbulb/Dockerfile.1': '2.pip/Dockerfile.1',
  'ignore/Dockerfile.1': '2.ubuntu/Dockerfile.1',
  'on-save/Dockerfile.2': '2.ubuntu/Dockerfile.2',
  'severity/Dockerfile.1': '2.pip/Dockerfile.1',
  'names/Containerfile': '2.pip/Dockerfile.1',
  'names/build.Dockerfile': '2.pip/Dockerfile.1',
  'names/notes.txt': '2.pip/Dockerfile.1',
};

export function seedText(workspacePath: string): string {
  return fs.readFileSync(path.join(seedDir, layout[workspacePath]), 'utf8');
}

/** A fresh temporary folder laid out as above. */
export function makeWorkspace(prefix: string): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [target, source] of Object.entries(layout)) {
    fs.mkdirSync(path.dirname(path.join(workspace, target)), { recursive: true });
    fs.copyFileSync(path.join(seedDir, source), path.join(workspace, target));
  }
  return workspace;
}
