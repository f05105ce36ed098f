// Measure image in real VS Code (code-server): the lesson's Dockerfile.2 (FROM
// debian:bookworm-slim here), measured from the CodeLens on its FROM against
// its image built by the real engine; the per-line size lens, the waste on
// line 3 in the Problems panel, and the report view with its chart, in a
// screenshot (test-results/e2e/measure-report.png).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { aptDockerfile, aptImage } from '../support/aptImages';
import { startCodeServer, type CodeServer, QUIET_WORKBENCH } from './codeServer';
import { launchBrowser, waitFor, Workbench } from './workbench';

const settings = QUIET_WORKBENCH;

describe('Measure image in real VS Code (code-server)', () => {
  let workspace: string;
  let server: CodeServer;
  let browser: Browser;
  let wb: Workbench;
  let image: string;

  before(async () => {
    image = aptImage(2);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-measure-'));
    fs.mkdirSync(path.join(workspace, 'apt'));
    fs.writeFileSync(path.join(workspace, 'apt/Dockerfile.2'), aptDockerfile(2));
    server = await startCodeServer(workspace, settings);
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server.url, workspace);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('the CodeLens on FROM measures the image: sizes on the lines, the waste on line 3, and the report view', async () => {
    await wb.openFile('apt/Dockerfile.2');
    try {
      await measureAndCheck();
    } catch (e) {
      await wb.screenshot('measure-failed');
      throw e;
    }
  });

  async function measureAndCheck(): Promise<void> {
    const page = wb.page;
    await wb.measureFromLens(image);
    // Back in the editor, the per-line size lens on line 3's RUN.
    await page.locator('.editor-group-container .view-lines').first().click();
    const lenses = await waitFor(
      () => page.locator('.codelens-decoration').allInnerTexts().catch(() => [] as string[]),
      (texts) => texts.some((t) => /\+4\d\d MB · 2\d(\.\d)? MB wasted/.test(t)),
      'the size lens on line 3',
    );
    assert.ok(lenses.some((t) => t.includes('+0 B')), `line 10's lens: ${lenses.join(' | ')}`);
    // The report view opened beside the editor.
    await page.locator('.tab', { hasText: `Measure: ${image}` }).waitFor({ state: 'visible', timeout: 60_000 });
    const report = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await report.locator('svg[aria-label="Size per instruction"]').waitFor({ state: 'visible', timeout: 60_000 });
    const text = await report.locator('body').innerText();
    assert.match(text, /\d+ MB of \/var\/lib\/apt\/lists written here are deleted by line 10: merge the cleanup into this RUN/);
    assert.match(text, /dive's efficiency: \d+\.\d\d%/);
    await wb.screenshot('measure-report');
    const problems = await wb.waitForProblems(path.join(workspace, 'apt/Dockerfile.2'), (ps) => ps.some((p) => p.code === 'image-waste'), 'the waste finding');
    const waste = problems.find((p) => p.code === 'image-waste' && /apt\/lists/.test(p.message))!;
    assert.equal(waste.line, 3);
    await wb.screenshot('measure-problems');
  }
});
