// Refreshes the walkthrough's screenshots (media/walkthrough/*.png) from the
// journey's latest run (test/e2e/journey.e2e.ts), which saves the workbench
// in test-results/e2e/ at the moment each step's result is on screen; this
// crops the part a step shows, scales it, and keeps 256 colours (pngquant),
// so the .vsix stays well under 1 MB.
// Needs Chromium (scripts/e2e-setup.sh installs it) and Debian's pngquant.
//   npm run package
//   node --import tsx --test --test-concurrency=1 test/e2e/journey.e2e.ts
//   npm run walkthrough-media
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, screenshotDir } from '../test/e2e/workbench';
import { CROPS } from './walkthroughCrops';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const pngquant = spawnSync('pngquant', ['--version'], { encoding: 'utf8' });
  if (pngquant.status !== 0) throw new Error('pngquant is not installed: apt-get install -y pngquant');
  const missing = CROPS.map((c) => path.join(screenshotDir, `${c.from}.png`)).filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`no screenshot ${missing.join(', ')}: run test/e2e/journey.e2e.ts first`);
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
