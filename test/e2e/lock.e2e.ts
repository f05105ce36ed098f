// Generate lockfile in real VS Code (code-server), with the real engine and a
// package index on 127.0.0.1: the command writes the lockfile beside the
// Dockerfile and offers the rewrite as a diff, which Apply writes. Screenshots
// land in test-results/e2e/. The index is served from this process, so nothing
// here blocks the event loop while the extension works.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dateLabel, pinsFromCompiled } from '../../server/src/container/lockfile';
import { withDocker } from '../support/docker';
import { pythonImage } from '../support/images';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';
import { QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession } from './workbench';

const ENV_DOCKERFILE = ['FROM debian:bookworm-slim', 'RUN echo "export LW_PROFILE_VAR=from-profile" > /etc/profile.d/lw.sh', 'ENV LW_ENV_VAR=from-env', 'CMD ["bash"]', ''].join('\n');

withDocker(() => {
  describe('Generate lockfile and Capture environment changes in real VS Code (code-server)', () => {
    let workspace: string;
    let index: PackageIndex;
    let editor: EditorSession;
    let wb: Workbench;
    let python: string;

    before(async () => {
      python = pythonImage();
      index = await startPackageIndex([
        { name: 'alpha', version: '1.0', requires: ['beta>=1.0'] },
        { name: 'beta', version: '2.0' },
        { name: 'gamma', version: '1.5' },
      ]);
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-lock-'));
      fs.mkdirSync(path.join(workspace, 'lock'));
      fs.writeFileSync(
        path.join(workspace, 'lock/Dockerfile'),
        [`FROM ${python}`, 'ARG PIP_INDEX_URL', 'COPY requirements.in /tmp/', 'RUN pip --no-cache-dir install -r /tmp/requirements.in', 'CMD ["python3"]', ''].join('\n'),
      );
      fs.writeFileSync(path.join(workspace, 'lock/requirements.in'), 'alpha\ngamma\n');
      fs.mkdirSync(path.join(workspace, 'env'));
      fs.writeFileSync(path.join(workspace, 'env/Dockerfile'), ENV_DOCKERFILE);
      editor = await openEditor(workspace, {
        ...QUIET_WORKBENCH,
        // This machine has no bridge network: the lock's container uses the host's, and so reaches the index.
        'layerwise.docker.runArgs': ['--network=host'],
        'layerwise.pip.indexUrl': index.url,
      });
      wb = editor.wb;
    });

    after(async () => {
      await editor?.close();
      await index?.close();
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('writes the lockfile beside the Dockerfile and offers the rewrite as a diff that Apply writes', async () => {
      const page = wb.page;
      await wb.openFile('lock/Dockerfile');
      await wb.runCommand('Layerwise: Generate lockfile');
      // The strategy list, pip's report first for a python base image.
      // The palette's own list goes first; the strategies' list follows, its title saying so.
      await page.locator('.quick-input-title', { hasText: 'Generate lockfile: how to resolve' }).waitFor({ state: 'visible', timeout: 60_000 });
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      assert.match(await first.innerText(), /pip report/);
      await wb.screenshot('lock-1-strategy');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pins only' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');

      const lockfile = path.join(workspace, 'lock', `requirements-${dateLabel(new Date())}.txt`);
      await waitFor(async () => fs.existsSync(lockfile), (found) => found, `${path.basename(lockfile)} to be written`);
      const pins = pinsFromCompiled(fs.readFileSync(lockfile, 'utf8')).map((p) => `${p.name}==${p.version}`);
      assert.deepEqual(pins, ['alpha==1.0', 'beta==2.0', 'gamma==1.5']);

      // The rewrite, as a diff, and the question beside it.
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 60_000 });
      const apply = page.locator('.notifications-toasts .monaco-button', { hasText: 'Apply' }).first();
      await apply.waitFor({ state: 'visible', timeout: 60_000 });
      await wb.screenshot('lock-2-rewrite-diff');
      // The editor renders blanks as no-break spaces.
      const shown = (await page.locator('.monaco-diff-editor').first().innerText()).replace(/\u00a0/g, ' ');
      assert.match(shown, /RUN pip --no-cache-dir install --no-deps -r \/requirements.txt/);
      await apply.click();
      const expected = [
        `FROM ${python}`,
        'ARG PIP_INDEX_URL',
        `ARG REQ_FILE=${path.basename(lockfile)}`,
        'COPY requirements.in /',
        'COPY $REQ_FILE /requirements.txt',
        'RUN pip --no-cache-dir install --no-deps -r /requirements.txt',
        'CMD ["python3"]',
        '',
      ].join('\n');
      await waitFor(async () => fs.readFileSync(path.join(workspace, 'lock/Dockerfile'), 'utf8'), (text) => text === expected, 'the rewritten Dockerfile on disk');
      await wb.screenshot('lock-3-applied');
    });

    test('Capture environment changes offers the profile-only variable as an ENV line, which Apply adds', async () => {
      const page = wb.page;
      await wb.openFile('env/Dockerfile');
      await wb.runCommand('Layerwise: Capture environment changes');
      const apply = page.locator('.notifications-toasts .monaco-button', { hasText: 'Apply' }).first();
      await apply.waitFor({ state: 'visible', timeout: 120_000 });
      await wb.screenshot('env-1-diff');
      assert.match(await page.locator('.notifications-toasts').innerText(), /Add 1 ENV line to Dockerfile, as the diff shows\?/);
      await apply.click();
      const expected = ENV_DOCKERFILE.replace('CMD ["bash"]', 'ENV LW_PROFILE_VAR="from-profile"\nCMD ["bash"]');
      await waitFor(async () => fs.readFileSync(path.join(workspace, 'env/Dockerfile'), 'utf8'), (text) => text === expected, 'the Dockerfile with the ENV line on disk');
    });
  });
});
