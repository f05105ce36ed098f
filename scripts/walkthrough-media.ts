// Refreshes the walkthrough's screenshots (media/walkthrough/*.png) from the
// end-to-end suite's latest run: `npm run test:e2e` writes the workbench at
// each step to test-results/e2e/; this crops the part a step shows, scales
// it, and keeps 256 colours (pngquant), so the .vsix stays well under 1 MB.
// Needs Chromium (scripts/e2e-setup.sh installs it) and Debian's pngquant.
//   npm run test:e2e && node --import tsx scripts/walkthrough-media.ts
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, screenshotDir } from '../test/e2e/workbench';

const root = path.resolve(__dirname, '..');

interface Crop {
  /** The e2e screenshot (1280 x 800), by the name the suite gives it. */
  from: string;
  to: string;
  /** The part to keep, in the screenshot's pixels. */
  clip: { x: number; y: number; width: number; height: number };
  /** The width to scale it to; its own when left out. */
  width?: number;
}

const CROPS: Crop[] = [
  // The editor with its squiggles and the Problems panel below it.
  { from: '1-problems-panel', to: 'findings.png', clip: { x: 353, y: 40, width: 927, height: 642 }, width: 800 },
  // The first lines of the editor with the lightbulb's menu open.
  { from: '2a-lightbulb-menu', to: 'fix.png', clip: { x: 353, y: 90, width: 560, height: 150 } },
  // The snippets' text: pinned versions in ARGs, and the line typed by hand squiggled.
  { from: '7-snippets', to: 'pin.png', clip: { x: 353, y: 90, width: 742, height: 192 } },
  // Measure image (test/e2e/measure.e2e.ts): sizes on the Dockerfile's lines, and the report beside it.
  { from: 'measure-report', to: 'measure.png', clip: { x: 353, y: 36, width: 927, height: 764 }, width: 800 },
  // Generate lockfile (test/e2e/lock.e2e.ts): the rewrite as a diff, and the notification that offers to apply it.
  { from: 'lock-2-rewrite-diff', to: 'lock.png', clip: { x: 353, y: 36, width: 927, height: 764 }, width: 800 },
];

async function main(): Promise<void> {
  const pngquant = spawnSync('pngquant', ['--version'], { encoding: 'utf8' });
  if (pngquant.status !== 0) throw new Error('pngquant is not installed: apt-get install -y pngquant');
  const missing = CROPS.map((c) => path.join(screenshotDir, `${c.from}.png`)).filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`no screenshot ${missing.join(', ')}: run npm run test:e2e first`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    for (const crop of CROPS) {
      const scale = (crop.width ?? crop.clip.width) / crop.clip.width;
      const png = fs.readFileSync(path.join(screenshotDir, `${crop.from}.png`)).toString('base64');
      await page.setContent(`<body style="margin:0"><img style="width:${1280 * scale}px;display:block" src="data:image/png;base64,${png}"></body>`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const full = path.join(root, 'media/walkthrough', crop.to);
      const clip = { x: crop.clip.x * scale, y: crop.clip.y * scale, width: crop.clip.width * scale, height: crop.clip.height * scale };
      await page.screenshot({ path: full, clip });
      const q = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-95', '--output', full, '--', full], { encoding: 'utf8' });
      // 99: the quality asked for could not be kept with 256 colours; the unquantised crop stays.
      if (q.status !== 0 && q.status !== 98 && q.status !== 99) throw new Error(`pngquant ${crop.to}: ${q.stderr}`);
      console.log(`wrote media/walkthrough/${crop.to} (${fs.statSync(full).size} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
