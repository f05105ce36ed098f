// The journey end to end in real VS Code (code-server), in order, each step
// starting where the last one left the workspace: the lesson's 2.ubuntu
// Dockerfile.2 (FROM debian:bookworm-slim) and its findings, Build image,
// Measure image, the waste quick fix, the rebuild and its saving, then the
// pin offered for a copy of 2.pip's astropy, Generate lockfile for it against
// a local index, and a build cancelled part-way. Real engine, real index on
// 127.0.0.1 (served from this process, so docker runs here through
// dockerAsync); a screenshot of each step in test-results/e2e/journey-*.png,
// from which `npm run walkthrough-media` crops the walkthrough's media.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dateLabel } from '../../server/src/container/lockfile';
import { aptDockerfile } from '../support/aptImages';
import { dockerAsync, withDocker } from '../support/docker';
import { pythonImage, uniqueTag } from '../support/images';
import { startPackageIndex, type PackageIndex } from '../support/packageIndex';
import { QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession } from './workbench';

const SEED = path.join(__dirname, '..', 'fixtures', 'seed-workshop', 'exercises');
const USER_SETTINGS = QUIET_WORKBENCH;
/** A build on a 2-core machine shared with other suites. */
const BUILD_MS = 600_000;

withDocker(() => {
  describe('The journey in real VS Code (code-server): findings, build, measure, fix, rebuild, lock, cancel', () => {
    let workspace: string;
    let index: PackageIndex;
    let editor: EditorSession;
    let wb: Workbench;
    let python: string;
    const tag = uniqueTag('journey');
    /** The first build's image, which the rebuild leaves untagged. */
    let firstBuild = '';
    const cancelTag = uniqueTag('journey-cancel');
    // Names the cancelled build's container among everyone else's.
    const marker = `layerwise-journey-${process.pid}-${Date.now()}`;
    const apt = () => path.join(workspace, '2.ubuntu/Dockerfile.2');
    /** The size lens of the RUN on line 3 after the first measure, which the second one replaces. */
    let firstLens = '';
    const lensTexts = () => wb.page.locator('.codelens-decoration').allInnerTexts().catch(() => [] as string[]);

    before(async () => {
      python = pythonImage();
      index = await startPackageIndex([
        { name: 'astropy', version: '3.2.3', requires: ['numpy>=1.13'] },
        { name: 'numpy', version: '1.17.0' },
      ]);
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-journey-'));
      fs.mkdirSync(path.join(workspace, '2.ubuntu'));
      fs.writeFileSync(apt(), aptDockerfile(2));
      fs.mkdirSync(path.join(workspace, '2.pip'));
      const pip = fs.readFileSync(path.join(SEED, '2.pip/Dockerfile.2'), 'utf8').replace(/^FROM python:3\.8-slim$/m, `FROM ${python}`);
      assert.ok(pip.startsWith(`FROM ${python}`), pip);
      fs.writeFileSync(path.join(workspace, '2.pip/Dockerfile.2'), pip);
      fs.copyFileSync(path.join(SEED, '2.pip/requirements.in'), path.join(workspace, '2.pip/requirements.in'));
      fs.mkdirSync(path.join(workspace, 'slow'));
      fs.writeFileSync(path.join(workspace, 'slow/Dockerfile'), ['FROM debian:bookworm-slim', `RUN sleep 60 && echo ${marker}`, ''].join('\n'));
      fs.mkdirSync(path.join(workspace, '.vscode'));
      fs.writeFileSync(
        path.join(workspace, '.vscode/settings.json'),
        JSON.stringify(
          {
            // This machine has no bridge network: builds and the lock's container use the host's, and so reach the index.
            'layerwise.docker.buildArgs': ['--network=host'],
            'layerwise.docker.runArgs': ['--network=host'],
            'layerwise.pip.indexUrl': index.url,
          },
          null,
          2,
        ),
      );
      editor = await openEditor(workspace, USER_SETTINGS);
      wb = editor.wb;
    });

    after(async () => {
      await editor?.close();
      await index?.close();
      for (const t of [tag, cancelTag]) await dockerAsync(['rmi', '-f', t]);
      // Without -f: where another suite's tag shares this image (the same layers from the cache), it stays theirs.
      if (firstBuild) await dockerAsync(['rmi', firstBuild]);
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    /** The build's progress notification gone, so that the screenshot shows the result's. */
    async function progressGone(imageTag: string): Promise<void> {
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: `Building ${imageTag}` }).waitFor({ state: 'hidden', timeout: 60_000 });
    }

    test('1. the Problems panel shows the lesson\'s findings on 2.ubuntu/Dockerfile.2', async () => {
      await wb.openFile('2.ubuntu/Dockerfile.2');
      const problems = await wb.waitForProblems(
        apt(),
        (ps) => ps.some((p) => p.code === 'apt-lists-not-removed') && ps.some((p) => p.code === 'cleanup-in-separate-layer'),
        'apt-lists-not-removed and cleanup-in-separate-layer',
      );
      assert.equal(problems.find((p) => p.code === 'cleanup-in-separate-layer')!.line, 10);
      await wb.screenshot('journey-1-problems');
    });

    test('2. Build image builds it and reports its size', async () => {
      await wb.buildImage(tag);
      const m = await wb.waitForNotification(new RegExp(`Built ${tag}: (\\d+) MB \\(the first build measured of this tag\\)`), 'the build\'s notification', BUILD_MS);
      assert.ok(Number(m[1]) > 400, m[0]);
      firstBuild = (await dockerAsync(['image', 'inspect', '--format', '{{.Id}}', tag])).stdout.trim();
      await progressGone(tag);
      await wb.screenshot('journey-2-built');
    });

    test('3. Measure image puts the sizes on the lines and the waste on line 3, naming the apt lists and line 10', async () => {
      const page = wb.page;
      await wb.measureFromLens(tag);
      await page.locator('.editor-group-container .view-lines').first().click();
      const lenses = await waitFor(lensTexts, (texts) => texts.some((t) => /\+\d{3} MB · \d+(\.\d)? MB wasted/.test(t)), 'the size lens on line 3', 120_000);
      assert.ok(lenses.some((t) => t.includes('+0 B')), `line 10's lens: ${lenses.join(' | ')}`);
      firstLens = lenses.find((t) => /\+\d{3} MB · \d+(\.\d)? MB wasted/.test(t))!.trim();
      const problems = await wb.waitForProblems(apt(), (ps) => ps.some((p) => p.code === 'image-waste'), 'the waste finding');
      const waste = problems.find((p) => p.code === 'image-waste' && p.message.includes('/var/lib/apt/lists'));
      assert.ok(waste, JSON.stringify(problems));
      assert.equal(waste.line, 3);
      assert.match(waste.message, /line 10/);
      await wb.screenshot('journey-3-measured');
    });

    test('4. the waste quick fix moves the cleanup into line 3\'s RUN, and its waste problem goes at once; saved', async () => {
      const page = wb.page;
      await page.locator('.editor-group-container .view-lines').first().click();
      await wb.goTo(3, 1);
      const titles = await wb.openLightbulb(/Move the cleanup into the RUN on line 3/);
      const title = titles.find((t) => /Move the cleanup into the RUN on line 3/.test(t));
      assert.ok(title, titles.join(' | '));
      await wb.screenshot('journey-4-quick-fix');
      await wb.chooseAction(title);
      await page.keyboard.press('Control+S');
      const text = await waitFor(async () => fs.readFileSync(apt(), 'utf8'), (t) => !/^RUN apt-get clean/m.test(t), 'the fixed Dockerfile on disk');
      assert.equal(text.match(/^RUN /gm)?.length, 1, text);
      assert.match(text, /rm -r \/var\/lib\/apt\/lists\/\*/);
      // Before any new measure: the waste the fix removes is gone from the Problems panel, and the changed RUN's
      // size lens with it (its figures were of the text the fix replaced).
      await wb.waitForProblems(apt(), (ps) => !ps.some((p) => p.code === 'image-waste'), 'no image-waste problem after the fix');
      await waitFor(lensTexts, (texts) => !texts.some((t) => /wasted|\+0 B/.test(t)), 'no size lens on the RUN the fix changed');
      await wb.screenshot('journey-4-fixed');
    });

    test('5. Build image again reports the saving since the last build, and Measure image no longer finds the apt lists; the lens shows the new size', async () => {
      await wb.buildImage(tag);
      const m = await wb.waitForNotification(new RegExp(`Built ${tag}: (\\d+) MB, down (\\d+(?:\\.\\d+)?) MB \\(\\d+%\\) since the last build`), 'the rebuild\'s notification', BUILD_MS);
      assert.ok(Number(m[2]) > 10, m[0]);
      await progressGone(tag);
      await wb.screenshot('journey-5-rebuilt');
      // Measured again from the notification: the report has the new size, and the apt lists' waste is gone.
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: `Built ${tag}` }).locator('.monaco-button', { hasText: 'Measure image' }).click();
      const report = wb.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
      await waitFor(() => report.locator('h2').first().innerText().catch(() => ''), (t) => t.includes(`${tag}: ${m[1]} MB`), 'the report of the rebuilt image', 120_000);
      await wb.waitForProblems(apt(), (ps) => !ps.some((p) => p.code === 'image-waste' && p.message.includes('/var/lib/apt/lists')), 'no waste of the apt lists');
      // The RUN's size lens shows the new figures, the chart's for line 3, without the editor being clicked.
      const labels = await report.locator('svg[aria-label="Size per instruction"] text.label').allTextContents();
      const values = await report.locator('svg[aria-label="Size per instruction"] text.value').allTextContents();
      const chart = values[labels.findIndex((l) => l.startsWith('3: RUN'))];
      assert.ok(chart, `${labels.join(' | ')} / ${values.join(' | ')}`);
      const expected = chart.replace(/ \((.+) wasted\)$/, ' · $1 wasted');
      assert.notEqual(expected, firstLens);
      await waitFor(lensTexts, (texts) => texts.some((t) => t.trim() === expected), `the size lens ${expected} on line 3`);
      await wb.screenshot('journey-5-measured-again');
    });

    test('6. Quick Fix on 2.pip\'s unpinned astropy offers to pin it', async () => {
      // The builds' notifications would cover the menu here and the question that goes with the diff next.
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.openFile('2.pip/Dockerfile.2');
      await wb.waitForProblems(path.join(workspace, '2.pip/Dockerfile.2'), (ps) => ps.some((p) => p.code === 'pip-package-not-pinned'), 'pip-package-not-pinned');
      await wb.goTo(3, 32);
      const titles = await wb.quickFixAtCursor();
      // The index in the workspace's settings answers: its only astropy, to be written in.
      assert.ok(titles.some((t) => t.startsWith(`Pin astropy to the newest on ${new URL(index.url).host}`)), titles.join(' | '));
      await wb.screenshot('journey-6-pin');
      // Not applied: the lockfile's rewrite comes next.
      await wb.page.keyboard.press('Escape');
    });

    test('7. Generate lockfile for 2.pip against the local index, and Apply the rewrite', async () => {
      const page = wb.page;
      await wb.runCommand('Layerwise: Generate lockfile');
      await page.locator('.quick-input-title', { hasText: 'Generate lockfile: how to resolve' }).waitFor({ state: 'visible', timeout: 60_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pins only' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const lockfile = path.join(workspace, '2.pip', `requirements-${dateLabel(new Date())}.txt`);
      await waitFor(async () => fs.existsSync(lockfile), (found) => found, `${path.basename(lockfile)} to be written`, BUILD_MS);
      assert.match(fs.readFileSync(lockfile, 'utf8'), /^astropy==3\.2\.3/m);
      assert.match(fs.readFileSync(lockfile, 'utf8'), /^numpy==1\.17\.0/m);
      const apply = page.locator('.notifications-toasts .monaco-button', { hasText: 'Apply' }).first();
      await apply.waitFor({ state: 'visible', timeout: 60_000 });
      // Hovering waits for the toast to finish sliding in, for the screenshot.
      await apply.hover();
      await wb.screenshot('journey-7-rewrite-diff');
      await apply.click();
      await waitFor(
        async () => fs.readFileSync(path.join(workspace, '2.pip/Dockerfile.2'), 'utf8'),
        (text) => text.includes('RUN pip --no-cache-dir install --no-deps -r /requirements.txt') && text.includes(`COPY $REQ_FILE /requirements.txt`),
        'the rewritten Dockerfile on disk',
      );
      await wb.screenshot('journey-7-applied');
    });

    test('8. cancelling a build part-way leaves no container', async () => {
      const page = wb.page;
      const ours = async () => (await dockerAsync(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}'])).stdout.split('\n').filter((l) => l.includes(marker));
      await wb.openFile('slow/Dockerfile');
      await wb.buildImage(cancelTag);
      // The RUN's container is up: the build is part-way.
      await waitFor(ours, (found) => found.length > 0, 'the sleeping RUN\'s container', 120_000);
      const progress = page.locator('.notifications-toasts .notification-toast', { hasText: `Building ${cancelTag}` });
      await progress.waitFor({ state: 'visible', timeout: 60_000 });
      await wb.screenshot('journey-8-building');
      await progress.hover();
      await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await waitFor(ours, (found) => found.length === 0, 'no container of ours', 60_000);
      assert.equal((await dockerAsync(['image', 'inspect', cancelTag])).code === 0, false, 'the cancelled build tagged no image');
      await progressGone(cancelTag);
      await wb.screenshot('journey-8-cancelled');
    });
  });
});

// The same lesson Dockerfile in a folder not trusted (workspace trust on, as VS Code ships): lint works, the
// Docker commands are gone from the editor and the palette, and the extension's page says why.
describe('The journey in an untrusted workspace: lint works, the Docker commands are disabled with their explanation', () => {
  let workspace: string;
  let editor: EditorSession;
  let wb: Workbench;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-untrusted-'));
    fs.mkdirSync(path.join(workspace, '2.ubuntu'));
    fs.writeFileSync(path.join(workspace, '2.ubuntu/Dockerfile.2'), aptDockerfile(2));
    editor = await openEditor(workspace, USER_SETTINGS, { workspaceTrust: true });
    wb = editor.wb;
  });

  after(async () => {
    await editor?.close();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('findings in the Problems panel, no Build or Measure image, and the explanation on the extension\'s page', async () => {
    const page = wb.page;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.openFile('2.ubuntu/Dockerfile.2');
    await wb.waitForProblems(
      path.join(workspace, '2.ubuntu/Dockerfile.2'),
      (ps) => ps.some((p) => p.code === 'apt-lists-not-removed') && ps.some((p) => p.code === 'cleanup-in-separate-layer'),
      'the lint findings',
    );
    // The fix-all command, which only edits text, is there; none of those that run Docker is.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Layerwise');
    const offered = await waitFor(
      () => page.locator('.quick-input-list .monaco-list-row').allInnerTexts(),
      (rows) => rows.some((r) => r.includes('Fix all Layerwise problems')),
      'the palette\'s Layerwise commands',
    );
    for (const title of ['Build image', 'Measure image', 'Generate lockfile', 'Capture environment changes']) {
      assert.ok(!offered.some((r) => r.includes(title)), `${title} in ${offered.join(' | ')}`);
    }
    await wb.screenshot('journey-untrusted-1-palette');
    await page.keyboard.press('Escape');
    assert.deepEqual((await page.locator('.codelens-decoration').allInnerTexts()).filter((t) => /Build image|Measure image/.test(t)), []);
    await wb.screenshot('journey-untrusted-2-problems');
    // The Extensions view's list of what Restricted Mode limits, and Layerwise's page with the reason.
    await page.keyboard.press('Control+Shift+X');
    await page.locator('.extensions-viewlet .suggest-input-container .monaco-editor').click({ timeout: 60_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('@workspaceUnsupported');
    await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Layerwise' }).first().click({ timeout: 60_000 });
    const details = await waitFor(
      () => page.locator('.extension-editor').innerText().catch(() => ''),
      (t) => t.includes('untrusted workspace'),
      'the explanation on Layerwise\'s page',
    );
    assert.match(details, /it runs no Docker command/);
    assert.match(details, /Build image and Measure image, which run Docker, are disabled there/);
    await wb.screenshot('journey-untrusted-3-explanation');
  });
});
