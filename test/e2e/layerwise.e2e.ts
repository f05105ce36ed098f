// The packaged extension in real VS Code (code-server 4.139, VS Code 1.139),
// driven through the workbench as a user would. Run with `npm run test:e2e`;
// screenshots of each step land in test-results/e2e/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { pipCacheNotDisabled } from '../../server/src/rules/pipCacheNotDisabled';
import { makeWorkspace, seedText } from '../support/e2eWorkspace';
import { expandSnippet } from '../support/snippetExpander';
import { root, QUIET_WORKBENCH } from './codeServer';
import { openEditor, waitFor, Workbench, type EditorSession, type Problem } from './workbench';

const baseSettings = {
  ...QUIET_WORKBENCH,
  'workbench.editor.enablePreview': false,
  'files.autoSave': 'off',
  'editor.codeActionsOnSave': { 'source.fixAll.layerwise': 'explicit' },
};

const at = (p: Problem) => `${p.code} ${p.line}:${p.column}`;

describe('Layerwise in real VS Code (code-server)', () => {
  let workspace: string;
  let editor: EditorSession;
  let wb: Workbench;
  const file = (relative: string) => path.join(workspace, relative);

  before(async () => {
    workspace = makeWorkspace('layerwise-e2e-workspace-');
    editor = await openEditor(workspace, baseSettings);
    wb = editor.wb;
  });

  afterEach(async () => {
    await wb?.closeAllEditors();
  });

  after(async () => {
    await editor?.close();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('opening a seed Dockerfile shows its findings in the Problems panel with their rule ids', async () => {
    await wb.openFile('findings/Dockerfile.2');
    const problems = await wb.waitForProblems(file('findings/Dockerfile.2'), (ps) => ps.length >= 2, 'two findings');
    await wb.screenshot('1-problems-panel');
    const seen = problems.map(at);
    assert.ok(seen.includes('apt-lists-not-removed 3:5'), seen.join(', '));
    assert.ok(seen.includes('cleanup-in-separate-layer 10:5'), seen.join(', '));
    const apt = problems.find((p) => p.code === 'apt-lists-not-removed')!;
    assert.equal(apt.severity, 'warning');
    assert.match(apt.message, /apt-get update/);
  });

  test('lines typed above the findings move them down in the Problems panel, and deleting the lines moves them back', async () => {
    // The server sends VS Code only what each keystroke changed (layerwise/diagnosticChanges): the lines below an
    // edit as one shift, which the client applies to the findings it holds.
    const target = 'moving/Dockerfile';
    fs.mkdirSync(path.dirname(file(target)), { recursive: true });
    fs.writeFileSync(file(target), seedText('findings/Dockerfile.2'));
    await wb.openFile(target);
    const before = (await wb.waitForProblems(file(target), (ps) => ps.length >= 2, 'the findings')).map(at).sort();
    // Lines opened at the start of line 2 (the cursor goes there, away from where the file opens, so that Go to Line
    // has surely finished): every finding from line 2 on moves down.
    const down = (seen: string[], lines: number) => seen.map((s) => s.replace(/ (\d+):/, (all, l: string) => (Number(l) >= 2 ? ` ${Number(l) + lines}:` : all))).sort();
    const original = seedText('findings/Dockerfile.2');
    await wb.goTo(2, 1);
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Enter');
    const [first, ...rest] = original.split('\n');
    await waitFor(() => wb.editorText(), (t) => t === [first, '', '', ...rest].join('\n'), 'two new lines above line 2');
    const moved = await wb.waitForProblems(file(target), (ps) => ps.length === before.length && ps.map(at).sort().join() === down(before, 2).join(), 'the findings two lines down');
    assert.deepEqual(moved.map(at).sort(), down(before, 2));
    await wb.screenshot('1b-findings-moved');
    await wb.page.keyboard.press('Backspace');
    await wb.page.keyboard.press('Backspace');
    await waitFor(() => wb.editorText(), (t) => t === original, 'the text as it was');
    const back = await wb.waitForProblems(file(target), (ps) => ps.length === before.length && ps.map(at).sort().join() === before.join(), 'the findings back where they were');
    assert.deepEqual(back.map(at).sort(), before);
    // A restarted server sends each open document afresh: the findings stay, each once. The panel is read after the
    // restart has had time to clear and send them again (about a second here), not before it began.
    await wb.runCommand('Layerwise: Restart the language server');
    await new Promise((r) => setTimeout(r, 2000));
    const restarted = await wb.waitForProblems(file(target), (ps) => ps.length === before.length && ps.map(at).sort().join() === before.join(), 'the findings after a restart');
    assert.deepEqual(restarted.map(at).sort(), before);
  });

  test('the lightbulb offers the fix; applying it changes the text and the finding goes', async () => {
    const target = 'lightbulb/Dockerfile.1';
    await wb.openFile(target);
    await wb.waitForProblems(file(target), (ps) => ps.some((p) => p.code === 'pip-cache-not-disabled'), 'the pip finding');
    await wb.goTo(3, 5);
    const fixTitle = pipCacheNotDisabled.meta.messages.fix;
    const offered = await wb.openLightbulb(fixTitle);
    await wb.screenshot('2a-lightbulb-menu');
    assert.ok(offered.includes(fixTitle), `offered: ${offered.join(' | ')}`);
    assert.ok(offered.includes('Ignore pip-cache-not-disabled for this instruction'), `offered: ${offered.join(' | ')}`);
    await wb.chooseAction(fixTitle);
    const expected = seedText(target).replace('RUN pip install astropy', 'RUN pip install --no-cache-dir astropy');
    await waitFor(() => wb.editorText(), (t) => t === expected, 'the fixed text');
    await wb.waitForProblems(file(target), (ps) => !ps.some((p) => p.code === 'pip-cache-not-disabled'), 'the finding to go');
    await wb.screenshot('2b-fix-applied');
  });

  test('"Ignore <rule> for this instruction" adds the comment above it and the finding goes', async () => {
    const target = 'ignore/Dockerfile.1';
    await wb.openFile(target);
    await wb.waitForProblems(file(target), (ps) => ps.some((p) => p.code === 'apt-lists-not-removed'), 'the apt finding');
    await wb.goTo(3, 5);
    const offered = await wb.openLightbulb('Ignore apt-lists-not-removed for this instruction');
    assert.ok(offered.includes('Ignore apt-lists-not-removed for this instruction'), `offered: ${offered.join(' | ')}`);
    await wb.chooseAction('Ignore apt-lists-not-removed for this instruction');
    const lines = seedText(target).split('\n');
    lines.splice(2, 0, '# layerwise-ignore=apt-lists-not-removed');
    await waitFor(() => wb.editorText(), (t) => t === lines.join('\n'), 'the ignore comment above line 3');
    await wb.waitForProblems(file(target), (ps) => !ps.some((p) => p.code === 'apt-lists-not-removed'), 'the finding to go');
    await wb.screenshot('3-ignore-comment');
  });

  test('with editor.codeActionsOnSave set to source.fixAll.layerwise, saving applies the safe fixes', async () => {
    const target = 'on-save/Dockerfile.2';
    const original = seedText(target);
    const expected = fixUntilStable(original, (t) => lint(t).findings, 'safe').text;
    assert.notEqual(expected, original, 'the seed file has safe fixes to apply');
    await wb.openFile(target);
    await wb.waitForProblems(file(target), (ps) => ps.some((p) => p.code === 'cleanup-in-separate-layer'), 'the findings');
    await wb.screenshot('4a-before-save');
    await wb.page.keyboard.press('Control+S');
    await waitFor(async () => fs.readFileSync(file(target), 'utf8'), (t) => t === expected, 'the fixed file on disk');
    const left = await wb.waitForProblems(file(target), (ps) => !ps.some((p) => p.code === 'cleanup-in-separate-layer' || p.code === 'apt-lists-not-removed'), 'the fixed findings to go');
    assert.deepEqual(left.map(at), lint(expected).findings.filter((f) => f.severity !== 'hint').map((f) => `${f.rule} ${lineColumn(expected, f.span.start)}`));
    await wb.screenshot('4b-after-save');
  });

  test("changing a rule's severity in the settings changes the Problems panel without a reload", async () => {
    const target = 'severity/Dockerfile.1';
    await wb.openFile(target);
    const pip = (ps: Problem[]) => ps.find((p) => p.code === 'pip-cache-not-disabled');
    await wb.waitForProblems(file(target), (ps) => pip(ps)?.severity === 'warning', 'the pip finding as a warning');
    await wb.setEnumSetting('layerwise.rules.pip-cache-not-disabled', 'error');
    await wb.waitForProblems(file(target), (ps) => pip(ps)?.severity === 'error', 'the pip finding as an error');
    await wb.screenshot('5a-settings-editor');
    await wb.closeSettings();
    await wb.screenshot('5b-severity-error');
    await wb.setEnumSetting('layerwise.rules.pip-cache-not-disabled', 'off');
    await wb.waitForProblems(file(target), (ps) => pip(ps) === undefined, 'the pip finding to go');
    await wb.closeSettings();
    await wb.screenshot('5c-rule-off');
    await wb.setEnumSetting('layerwise.rules.pip-cache-not-disabled', 'default');
    await wb.waitForProblems(file(target), (ps) => pip(ps)?.severity === 'warning', 'the pip finding back as a warning');
    await wb.closeSettings();
  });

  test('a Containerfile and a build.Dockerfile are linted; a text file with the same content is not', async () => {
    // The text file is opened first: once the later Dockerfiles show findings, the server has seen it too.
    await wb.openFile('names/notes.txt');
    await wb.openFile('names/Containerfile');
    await wb.openFile('names/build.Dockerfile');
    for (const name of ['names/Containerfile', 'names/build.Dockerfile']) {
      const problems = await wb.waitForProblems(file(name), (ps) => ps.length > 0, `findings in ${name}`);
      // Other rules may report on the same text (an unpinned package); the pip cache finding is what this checks.
      assert.deepEqual(problems.map(at).filter((p) => p.startsWith('pip-cache-not-disabled')), ['pip-cache-not-disabled 3:5']);
    }
    await wb.screenshot('6-file-names');
    const all = await wb.problems();
    assert.deepEqual(all.filter((p) => p.file === file('names/notes.txt')), []);
  });

  test('snippets are offered by their prefix and expand to text with no findings', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/dockerfile.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
    const header = 'Dockerfile header: DEBIAN_FRONTEND, LANG and LC_ALL, maintainer label, default command';
    const pip = 'pip install a pinned version (ARG) with --no-cache-dir';
    const target = 'snippets/Dockerfile';
    fs.mkdirSync(path.dirname(file(target)), { recursive: true });
    fs.writeFileSync(file(target), '');
    await wb.openFile(target);
    await wb.insertSnippet(snippets[header].prefix[0], header);
    // The header leaves its final cursor on line 6, between ENV and CMD.
    await wb.goTo(6, 1);
    await wb.insertSnippet(snippets[pip].prefix[0], pip);
    const expanded = expandSnippet(snippets[header].body, { 0: expandSnippet(snippets[pip].body) });
    await waitFor(() => wb.editorText(), (t) => t === expanded, 'both snippets expanded');
    // A line with a known finding: once it is reported, the server has linted the snippets' text too.
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('RUN pip install numpy');
    const lastLine = expanded.split('\n').length + 1;
    const problems = await wb.waitForProblems(file(target), (ps) => ps.some((p) => p.line === lastLine), 'the finding on the typed line');
    await wb.screenshot('7-snippets');
    assert.deepEqual(problems.filter((p) => p.line !== lastLine).map(at), []);
  });
});

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
