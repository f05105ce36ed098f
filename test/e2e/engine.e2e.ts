// Build image in real VS Code (code-server), where the user sees it: a failing
// build's step and error in a notification with the build log opened beside;
// a build compared with a baseline image the user picks; and the status bar
// naming where builds go, switched to a second engine (its own dockerd, reached
// through a docker context) where Build image then builds and Measure image
// reads, with nothing landing on the default engine. Small images only: FROM
// debian:bookworm-slim, compared with the Python fixture image. Screenshots in
// test-results/e2e/engine-*.png.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeChange, formatBytes } from '../../server/src/container/units';
import { docker, withDocker } from '../support/docker';
import { pythonImage, removeUntaggedNaming, uniqueTag } from '../support/images';
import { startSecondEngine, type SecondEngine } from '../support/secondEngine';
import { QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession } from './workbench';

/** A small build on a 2-core machine shared with other suites. */
const BUILD_MS = 180_000;

withDocker(() => {
  describe('Build image in real VS Code (code-server): a failing build, a baseline, and where builds go', () => {
    let workspace: string;
    let editor: EditorSession;
    let wb: Workbench;
    let second: SecondEngine;
    let baseline: string;
    const failTag = uniqueTag('e2e-fails');
    const smallTag = uniqueTag('e2e-small');
    const remoteTag = uniqueTag('e2e-remote');
    // Names this run's failing RUN in the build log.
    const marker = `${process.pid}-${Date.now()}`;

    before(async () => {
      baseline = pythonImage();
      second = await startSecondEngine('layerwise-e2e', ['debian:bookworm-slim']);
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-engine-'));
      const write = (name: string, text: string) => {
        fs.mkdirSync(path.join(workspace, path.dirname(name)), { recursive: true });
        fs.writeFileSync(path.join(workspace, name), text);
      };
      write('fails/Dockerfile', ['FROM debian:bookworm-slim', `RUN echo small ${marker} > /small`, `RUN false # ${marker}`, ''].join('\n'));
      write('small/Dockerfile', ['FROM debian:bookworm-slim', `RUN echo ${marker} > /small`, ''].join('\n'));
      // No bridge network on these machines; the steps here need none.
      write('.vscode/settings.json', JSON.stringify({ 'layerwise.docker.buildArgs': ['--network=none'] }, null, 2));
      editor = await openEditor(workspace, QUIET_WORKBENCH);
      wb = editor.wb;
    });

    after(async () => {
      await editor?.close();
      await second?.remove();
      for (const t of [failTag, smallTag, remoteTag]) docker(['rmi', '-f', t]);
      // The failing build's first step stays as an untagged image: it writes the marker.
      removeUntaggedNaming(marker);
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    /** The text of the status bar's entry that says where builds go. */
    const engineStatus = () =>
      wb.page
        .locator('.statusbar-item', { hasText: /docker: / })
        .first()
        .innerText()
        .then((t) => t.trim())
        .catch(() => '');

    async function checked(name: string, steps: () => Promise<void>): Promise<void> {
      try {
        await steps();
      } catch (e) {
        await wb.screenshot(`engine-${name}-failed`);
        throw e;
      }
    }

    test('a failing build shows its step and error in a notification, and opens the build log', () =>
      checked('fails', async () => {
        const page = wb.page;
        await wb.openFile('fails/Dockerfile');
        await wb.buildImage(failTag);
        await wb.waitForNotification(
          new RegExp(`Building ${failTag} failed at Step 3/3 : RUN false # ${marker}: The command '/bin/sh -c false # ${marker}' returned a non-zero code: 1`),
          'the failed build\'s notification',
          BUILD_MS,
        );
        // The Output panel shows the build's channel, with the log up to the failing step.
        const channel = await waitFor(
          () => page.locator('.part.panel select.monaco-select-box').first().evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '').catch(() => ''),
          (name) => name === 'Layerwise: Build',
          'the Layerwise: Build output channel',
        );
        assert.equal(channel, 'Layerwise: Build');
        const log = await waitFor(
          // The editor shows spaces as no-break spaces.
          () => page.locator('.part.panel .monaco-editor .view-lines').first().innerText().then((t) => t.replace(/\u00a0/g, ' ')).catch(() => ''),
          (text) => text.includes('returned a non-zero code: 1'),
          'the build log',
        );
        assert.ok(log.includes(`Step 2/3 : RUN echo small ${marker} > /small`), 'the log shows the step before the failing one');
        assert.match(log, new RegExp(`Step 3/3 : RUN false # ${marker}`));
        assert.equal(docker(['image', 'inspect', failTag]).code, 1, 'the failed build tagged no image');
        await wb.screenshot('engine-1-failed-build');
        await wb.runCommand('Notifications: Clear All Notifications');
      }));

    test('Compare with an image… after a build reports the size against the baseline the user picks', () =>
      checked('baseline', async () => {
        const page = wb.page;
        await wb.openFile('small/Dockerfile');
        await wb.buildImage(smallTag);
        const built = page.locator('.notifications-toasts .notification-toast', { hasText: `Built ${smallTag}` });
        await built.waitFor({ state: 'visible', timeout: BUILD_MS });
        await built.hover();
        await built.locator('.monaco-button', { hasText: 'Compare with an image…' }).click();
        await page.locator('.quick-input-title', { hasText: `Compare ${smallTag} with` }).waitFor({ state: 'visible', timeout: 60_000 });
        await page.locator('.quick-input-widget input').fill(baseline);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: baseline }).first().click({ timeout: 60_000 });
        // The sizes as docker image inspect gives them, in the words the notification uses.
        const size = (image: string) => Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).stdout.trim());
        const [ours, theirs] = [size(smallTag), size(baseline)];
        assert.ok(ours < theirs, `${ours} < ${theirs}`);
        const expected = `${smallTag}: ${formatBytes(ours)}, ${describeChange(theirs, ours)} from ${baseline}`;
        assert.match(expected, /: \d+(\.\d+)? MB, down \d+(\.\d+)? MB \(\d+%\) from /);
        await wb.waitForNotification(new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the comparison with the baseline');
        await page.locator('.notifications-toasts .notification-toast', { hasText: expected }).hover();
        await wb.screenshot('engine-2-baseline');
        await wb.runCommand('Notifications: Clear All Notifications');
      }));

    test('the status bar names where builds go; switched to a second engine, Build image builds there and not on the default one', () =>
      checked('second', async () => {
        const page = wb.page;
        await wb.openFile('small/Dockerfile');
        assert.equal(await waitFor(engineStatus, (t) => t !== '', 'the status bar entry'), 'docker: current context');
        await page.locator('.statusbar-item', { hasText: /docker: / }).first().click();
        await page.locator('.quick-input-title', { hasText: 'Where should Layerwise build and measure images?' }).waitFor({ state: 'visible', timeout: 60_000 });
        await page.locator('.quick-input-widget input').fill(second.context);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: second.context }).first().click({ timeout: 60_000 });
        await waitFor(engineStatus, (t) => t === `docker: context ${second.context}`, 'the status bar to name the second engine');
        await wb.screenshot('engine-3-switched');
        await wb.buildImage(remoteTag);
        await wb.waitForNotification(new RegExp(`Built ${remoteTag}: \\d+(\\.\\d+)? MB`), 'the build on the second engine', BUILD_MS);
        // The pointer on the toast keeps it up for its Measure image button below.
        const built = page.locator('.notifications-toasts .notification-toast', { hasText: `Built ${remoteTag}` });
        await built.hover();
        assert.equal(second.docker(['image', 'inspect', remoteTag]).code, 0, 'the image is on the second engine');
        assert.equal(docker(['--context', 'default', 'image', 'inspect', remoteTag]).code, 1, 'and not on the default one');
        await wb.screenshot('engine-4-built-there');
        // Measure image reads it from there too: the report has its size as that engine gives it.
        await built.locator('.monaco-button', { hasText: 'Measure image' }).click();
        const size = formatBytes(Number(second.docker(['image', 'inspect', '--format', '{{.Size}}', remoteTag]).stdout.trim()));
        const report = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
        await waitFor(() => report.locator('h2').first().innerText().catch(() => ''), (t) => t.includes(`${remoteTag}: ${size}`), 'the report of the image on the second engine', BUILD_MS);
        await wb.screenshot('engine-5-measured-there');
      }));
  });
});
