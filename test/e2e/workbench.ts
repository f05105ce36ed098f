// Drives the VS Code workbench in Debian's Chromium with playwright-core, the
// way a user does: quick open, the Problems panel, the lightbulb, settings.
// Reads what is on screen (the Problems rows, the editor's lines), never
// VS Code's internals.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { root, startCodeServer, type CodeServer } from './codeServer';

export const screenshotDir = path.join(root, 'test-results/e2e');

/** Long enough for a cold start on a 2-core machine; a wait ends as soon as its condition holds. */
const WAIT_MS = 60_000;

export interface Problem {
  /** The absolute path of the file the Problems panel groups the row under. */
  file: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Polls until `read` returns a value that `done` accepts; fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

/** One suite's editor: code-server on its workspace folder, Chromium, and the workbench page in it. */
export interface EditorSession {
  wb: Workbench;
  /** Closes the browser and stops code-server; the suite removes its own workspace folder. */
  close(): Promise<void>;
}

export async function openEditor(workspace: string, settings: Record<string, unknown>, options: { workspaceTrust?: boolean } = {}): Promise<EditorSession> {
  const server: CodeServer = await startCodeServer(workspace, settings, options);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.stop();
  };
  try {
    browser = await launchBrowser();
    return { wb: await Workbench.open(browser, server.url, workspace), close };
  } catch (e) {
    await close();
    throw e;
  }
}

export class Workbench {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: WAIT_MS });
    // The Explorer lists the folder once the workbench has connected to the server.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: WAIT_MS });
    return new Workbench(page);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Quick open (Ctrl+P) a workspace-relative path, and wait until its editor is the active one. */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(relativePath);
    // Recently opened files are listed first until the search catches up: wait for the focused row to be ours.
    const segments = relativePath.split('/');
    await waitFor(
      () => this.page.locator('.quick-input-list .monaco-list-row.focused').innerText().catch(() => ''),
      (text) => segments.every((s) => text.includes(s)),
      `quick open to offer ${relativePath}`,
    );
    await this.page.keyboard.press('Enter');
    await waitFor(
      () => this.page.locator('.editor-group-container.active .breadcrumbs-control').innerText().catch(() => ''),
      (text) => segments.every((s) => text.includes(s)),
      `the editor of ${relativePath}`,
    );
    // Keyboard focus into the text (VS Code 1.139 takes typing through an EditContext element, not a textarea).
    await this.page.locator('.editor-group-container.active .monaco-editor .native-edit-context, .editor-group-container.active .monaco-editor textarea').first().focus();
  }

  /** Runs a command from the command palette (F1) by its title. */
  async runCommand(title: string): Promise<void> {
    if (!(await this.offerCommand(title, WAIT_MS))) await this.paletteFailed(title);
  }

  /** Opens the palette with `title` typed and runs it if the palette lists it within `timeout` ms; else leaves the palette open and says false. */
  private async offerCommand(title: string, timeout: number): Promise<boolean> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    if (!(await row.waitFor({ state: 'visible', timeout }).then(() => true, () => false))) return false;
    await row.click();
    return true;
  }

  /** What the palette showed instead is the first thing to look at when a command is not found. */
  private async paletteFailed(title: string): Promise<never> {
    await this.screenshot(`failed-command-${title.replace(/[^A-Za-z0-9]+/g, '-')}`);
    throw new Error(`the palette offered no ${title} within ${WAIT_MS} ms`);
  }

  /** Reverts and closes every editor, leaving their files as they are on disk, so the next test starts clean. */
  async closeAllEditors(): Promise<void> {
    await this.page.keyboard.press('Escape');
    const tabs = this.page.locator('.tabs-container .tab');
    for (let n = await tabs.count(); n > 0; n = await tabs.count()) {
      await this.runCommand('View: Revert and Close Editor');
      await waitFor(() => tabs.count(), (left) => left < n, 'an editor to close');
    }
  }

  async showProblems(): Promise<void> {
    if (await this.page.locator('.markers-panel').isVisible()) return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: WAIT_MS });
  }

  /** Every row of the Problems panel, each under the file it is grouped by. */
  async problems(): Promise<Problem[]> {
    await this.showProblems();
    const rows = await this.page.$$eval('.markers-panel .monaco-list-row', (rows) => {
      const ordered = [...rows].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      const found: Array<Record<string, unknown>> = [];
      let file = '';
      for (const row of ordered) {
        const icon = row.querySelector('.marker-icon');
        if (!icon) {
          file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '';
          continue;
        }
        // No named helpers in here: tsx would wrap them in a __name() call that the page does not have.
        const parts = ['.marker-line', '.marker-message', '.marker-source', '.marker-code'].map((s) => row.querySelector(s)?.textContent?.trim() ?? '');
        const at = /\[Ln (\d+), Col (\d+)\]/.exec(parts[0]);
        found.push({
          file,
          severity: ['error', 'warning', 'info'].find((s) => icon.classList.contains(s)) ?? 'unknown',
          message: parts[1],
          source: parts[2],
          code: parts[3],
          line: at ? Number(at[1]) : 0,
          column: at ? Number(at[2]) : 0,
        });
      }
      return found;
    });
    return rows as unknown as Problem[];
  }

  /** Layerwise's rows for one file (an absolute path), waited for until `done` accepts them. */
  async waitForProblems(file: string, done: (problems: Problem[]) => boolean, what: string): Promise<Problem[]> {
    return waitFor(async () => (await this.problems()).filter((p) => p.file === file && p.source === 'layerwise'), done, what);
  }

  /** The active editor's text as shown on screen (the files here are short enough to be all visible). */
  async editorText(): Promise<string> {
    const lines = await this.page.$$eval('.editor-group-container.active .monaco-editor .view-lines .view-line', (els) =>
      els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: (e as HTMLElement).innerText })),
    );
    return lines
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' '))
      .join('\n');
  }

  /** Moves the cursor with Go to Line (Ctrl+G), as a user would. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await waitFor(() => this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText(), (t) => t.startsWith(`Ln ${line}, Col ${column}`), `the cursor at ${line}:${column}`);
  }

  /**
   * Opens the Quick Fix menu at the cursor (Ctrl+.) and returns the titles it offers. Unlike clicking the
   * lightbulb, it cannot catch the bulb of the line the cursor just left, which stays up until the editor
   * has asked for the new line's actions.
   */
  async quickFixAtCursor(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const items = this.page.locator('.action-widget .monaco-list-row.action');
    await items.first().waitFor({ state: 'visible', timeout: WAIT_MS });
    return (await items.allInnerTexts()).map((t) => t.trim());
  }

  /**
   * Clicks the lightbulb and returns the titles it offers. With `expected`, until they include it: after the
   * cursor moves, the bulb of the place before can stay up until the new place's actions come, and clicking it
   * then offers the old ones, so the menu is closed and opened again (for up to WAIT_MS).
   */
  async openLightbulb(expected?: string | RegExp): Promise<string[]> {
    const deadline = Date.now() + WAIT_MS;
    const bulb = this.page.locator('.editor-group-container.active .lightBulbWidget');
    const items = this.page.locator('.action-widget .monaco-list-row.action');
    for (;;) {
      await bulb.waitFor({ state: 'visible', timeout: WAIT_MS });
      await bulb.click();
      await items.first().waitFor({ state: 'visible', timeout: WAIT_MS });
      const titles = (await items.allInnerTexts()).map((t) => t.trim());
      const offered = expected === undefined || titles.some((t) => (typeof expected === 'string' ? t === expected : expected.test(t)));
      if (offered || Date.now() > deadline) return titles;
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(250);
    }
  }

  /**
   * Sets an enum setting in the Settings editor (Preferences: Open Settings (UI)), as a user would;
   * VS Code writes the user settings.json itself. The editor stays open: closing it at once can drop
   * the write, so callers wait for the effect and then call closeSettings().
   */
  async setEnumSetting(key: string, value: string): Promise<void> {
    const settings = this.page.locator('.settings-editor');
    if (!(await settings.isVisible())) await this.runCommand('Preferences: Open Settings (UI)');
    const search = this.page.locator('.settings-editor .suggest-input-container .monaco-editor');
    await search.click({ timeout: WAIT_MS });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(key);
    const select = this.page.locator(`.settings-editor select[aria-label="${key}"]`);
    await select.waitFor({ state: 'visible', timeout: WAIT_MS });
    await select.selectOption(value);
  }

  async closeSettings(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /** Types a snippet's prefix, asks for suggestions (Ctrl+Space) and accepts the snippet by its name. */
  async insertSnippet(prefix: string, name: string): Promise<void> {
    await this.page.keyboard.type(prefix);
    await this.page.keyboard.press('Control+Space');
    // A snippet's suggestion is labelled with its prefix; its name is in the row's aria-label.
    const row = this.page.locator('.suggest-widget .monaco-list-row', { hasText: prefix }).first();
    await row.waitFor({ state: 'visible', timeout: WAIT_MS });
    const label = (await row.getAttribute('aria-label')) ?? '';
    if (!label.includes(name)) throw new Error(`the suggestion for ${prefix} is not the snippet "${name}": ${label}`);
    await row.click();
    await this.page.locator('.suggest-widget .monaco-list-row').first().waitFor({ state: 'hidden', timeout: WAIT_MS });
    // Leave snippet mode, so that the next keys edit text instead of jumping between placeholders.
    await this.page.keyboard.press('Escape');
  }

  async chooseAction(title: string): Promise<void> {
    await this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first().click();
    await this.page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /** Measure image from the CodeLens on FROM, naming the image in its picker; waits for the report view's tab. */
  /** Build image from the palette: the tag given, then Enter for the rest (the Dockerfile's folder as context). */
  async buildImage(tag: string): Promise<void> {
    // Build image is offered where a Dockerfile's editor has the focus; reading the Problems panel takes it away.
    // Under load the palette can open before the focus has moved back, and then lists no Build image: it is
    // closed, the editor focused and the palette opened again (for up to WAIT_MS).
    const title = 'Layerwise: Build image';
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      await this.runCommand('View: Focus Active Editor Group');
      if (await this.offerCommand(title, 5_000)) break;
      if (Date.now() > deadline) await this.paletteFailed(title);
      await this.page.keyboard.press('Escape');
    }
    await this.page.locator('.quick-input-widget', { hasText: 'Build image: tag' }).waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator('.quick-input-widget input').fill(tag);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-title', { hasText: 'Build image: context folder' }).waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.keyboard.press('Enter');
  }

  async measureFromLens(image: string): Promise<void> {
    const lens = this.page.locator('.codelens-decoration a', { hasText: 'Measure image' }).first();
    await lens.waitFor({ state: 'visible', timeout: WAIT_MS });
    await lens.click();
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(image);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: image }).first().click({ timeout: WAIT_MS });
    await this.page.locator('.tab', { hasText: `Measure: ${image}` }).waitFor({ state: 'visible', timeout: WAIT_MS });
  }

  /** The text of the notification toasts, waited for until one matches `pattern`; returns the match. */
  async waitForNotification(pattern: RegExp, what: string, timeoutMs = WAIT_MS): Promise<RegExpExecArray> {
    const text = await waitFor(
      () => this.page.locator('.notifications-toasts').innerText().catch(() => ''),
      (t) => pattern.test(t),
      what,
      timeoutMs,
    );
    return pattern.exec(text)!;
  }
}
