// The walkthrough (contributes.walkthroughs): every step's media is a file
// that the .vsix carries, small enough for the package's 1 MB budget, and
// every command a step links to or completes on is one the extension
// contributes, or one of VS Code's own that it names on purpose. Each image
// is cropped from a screenshot that the journey (test/e2e/journey.e2e.ts)
// saves at that step, so `npm run walkthrough-media` can refresh them all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CROPS } from '../../scripts/walkthroughCrops';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; svg?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}

const walkthroughs: Array<{ id: string; steps: Step[] }> = pkg.contributes.walkthroughs;
const steps = walkthroughs.flatMap((w) => w.steps);
/** VS Code's own commands that steps link to: opening a file and the Problems panel. */
const VSCODE_COMMANDS = new Set(['workbench.action.quickOpen', 'workbench.actions.view.problems']);
const contributed = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));

function namedCommands(step: Step): string[] {
  const links = [...step.description.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]);
  const events = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
  return [...links, ...events];
}

describe('the walkthrough', () => {
  it('walks the journey in order: findings, a fix, pins, build and measure, a lockfile', () => {
    assert.deepEqual(steps.map((s) => s.id), ['findings', 'fix', 'pin', 'measure', 'lock']);
  });

  it('gives every step media that exists, with alt text for images, each image under 150 KB', () => {
    for (const step of steps) {
      const files = [step.media.image, step.media.svg, step.media.markdown].filter((f): f is string => !!f);
      assert.equal(files.length, 1, `${step.id}: one media file`);
      const file = path.join(ROOT, files[0]);
      assert.ok(fs.existsSync(file), `${step.id}: ${files[0]} is missing`);
      if (step.media.image || step.media.svg) {
        assert.ok(step.media.altText, `${step.id}: no altText`);
        assert.ok(fs.statSync(file).size < 150 * 1024, `${step.id}: ${files[0]} is ${fs.statSync(file).size} bytes`);
      }
    }
  });

  it('names only commands the extension contributes, or VS Code commands it means to', () => {
    for (const step of steps) {
      for (const command of namedCommands(step)) assert.ok(contributed.has(command) || VSCODE_COMMANDS.has(command), `${step.id} names ${command}, which nothing contributes`);
    }
    assert.ok(steps.some((s) => namedCommands(s).includes('layerwise.fixAll')));
  });

  it('crops every step\'s image from a screenshot the journey saves', () => {
    const journey = fs.readFileSync(path.join(ROOT, 'test/e2e/journey.e2e.ts'), 'utf8');
    for (const step of steps) {
      const image = step.media.image;
      if (!image) continue;
      const crop = CROPS.find((c) => path.join('media/walkthrough', c.to) === image);
      assert.ok(crop, `${step.id}: nothing in scripts/walkthroughCrops.ts writes ${image}`);
      assert.ok(journey.includes(`wb.screenshot('${crop.from}')`), `${step.id}: the journey saves no screenshot ${crop.from}`);
    }
  });

  it('ships every media file in the .vsix (vsce ls)', () => {
    const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
    const r = spawnSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'client/README.md'], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
    assert.equal(r.status, 0, r.stderr);
    const packaged = new Set(r.stdout.split('\n').map((l) => l.trim()));
    for (const step of steps) {
      const file = step.media.image ?? step.media.svg ?? step.media.markdown!;
      assert.ok(packaged.has(file), `${file} is not in the .vsix`);
    }
  });
});
