// Measure image in real VS Code (code-server): the lesson's Dockerfile.2 (FROM
// debian:bookworm-slim here), measured from the CodeLens on its FROM against
// its image built by the real engine; the per-line size lens, the waste on
// line 3 in the Problems panel (the small rewrites of base-image files only in
// the report, below layerwise.measure.minWaste), and the report view with its
// chart, in a screenshot (test-results/e2e/measure-report.png). Then, without
// measuring again: an edit above moves the waste with its line, a lower
// minWaste shows the small waste too, and closing the file takes it away.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { aptDockerfile, aptImage } from '../support/aptImages';
import { QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession } from './workbench';

const settings = QUIET_WORKBENCH;

describe('Measure image in real VS Code (code-server)', () => {
  let workspace: string;
  let editor: EditorSession;
  let wb: Workbench;
  let image: string;
  const dockerfile = () => path.join(workspace, 'apt/Dockerfile.2');

  before(async () => {
    image = aptImage(2);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-e2e-measure-'));
    fs.mkdirSync(path.join(workspace, 'apt'));
    fs.writeFileSync(dockerfile(), aptDockerfile(2));
    editor = await openEditor(workspace, settings);
    wb = editor.wb;
  });

  after(async () => {
    await editor?.close();
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
    // The small rewrite of the base image's dpkg files is in the report, and below the default minWaste of 1 MB.
    const dpkg = /line 3: ([\d.]+ kB) of \/var\/lib\/dpkg from the base image are written again here/.exec(text);
    assert.ok(dpkg, text);
    const problems = await wb.waitForProblems(dockerfile(), (ps) => ps.some((p) => p.code === 'image-waste'), 'the waste finding');
    const waste = problems.find((p) => p.code === 'image-waste' && /apt\/lists/.test(p.message))!;
    assert.equal(waste.line, 3);
    assert.equal(waste.severity, 'warning');
    assert.deepEqual(problems.filter((p) => p.message.includes('/var/lib/dpkg')), [], `${dpkg[1]} of /var/lib/dpkg is below 1 MB`);
    await wb.screenshot('measure-problems');
  }

  test('without measuring again, a line typed above moves the waste with its line, and undoing it moves it back', async () => {
    const page = wb.page;
    await page.locator('.editor-group-container .view-lines').first().click();
    await wb.goTo(2, 1);
    await page.keyboard.type('# the tools');
    await page.keyboard.press('Enter');
    const moved = await wb.waitForProblems(dockerfile(), (ps) => ps.some((p) => p.code === 'image-waste' && p.line === 4), 'the waste on line 4');
    const lists = moved.find((p) => p.message.includes('/var/lib/apt/lists'));
    assert.ok(lists, JSON.stringify(moved));
    assert.equal(lists.line, 4);
    // The RUN that deletes the lists moved too, from line 10 to 11.
    assert.match(lists.message, /deleted by line 11:/);
    assert.ok(!moved.some((p) => p.code === 'image-waste' && p.line === 3), JSON.stringify(moved));
    await wb.screenshot('measure-moved');
    // The Problems panel has the focus: back to the editor to undo there.
    await page.locator('.editor-group-container .view-lines').first().click();
    // Undo as often as it takes (VS Code undoes a word at a time) to get the measured text back.
    await waitFor(
      async () => {
        const shown = await wb.editorText();
        if (shown.trimEnd() !== aptDockerfile(2).trimEnd()) await page.keyboard.press('Control+Z');
        return shown;
      },
      (shown) => shown.trimEnd() === aptDockerfile(2).trimEnd(),
      'the measured text back',
    );
    const back = await wb.waitForProblems(dockerfile(), (ps) => ps.some((p) => p.code === 'image-waste' && p.line === 3 && p.message.includes('/var/lib/apt/lists')), 'the waste back on line 3');
    assert.match(back.find((p) => p.message.includes('/var/lib/apt/lists'))!.message, /deleted by line 10:/);
  });

  test('a lower layerwise.measure.minWaste shows the small waste too, without measuring again', async () => {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'layerwise.measure.minWaste': '100 kB' }));
    const problems = await wb.waitForProblems(dockerfile(), (ps) => ps.some((p) => p.message.includes('/var/lib/dpkg')), 'the dpkg rewrite in the Problems panel');
    const dpkg = problems.find((p) => p.message.includes('/var/lib/dpkg'))!;
    assert.equal(dpkg.line, 3);
    assert.equal(dpkg.severity, 'info');
    await wb.screenshot('measure-min-waste');
  });

  test('closing the Dockerfile takes its waste off the Problems panel: its edits can no longer be followed', async () => {
    await wb.page.locator('.editor-group-container .view-lines').first().click();
    await wb.runCommand('View: Close Editor');
    await wb.waitForProblems(dockerfile(), (ps) => !ps.some((p) => p.code === 'image-waste'), 'no image-waste problem once the file is closed');
  });
});
