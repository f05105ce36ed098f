// Which screenshot of the journey (test/e2e/journey.e2e.ts) each walkthrough
// step's media is cropped from, and the part kept: read by
// scripts/walkthrough-media.ts, which crops them, and by
// test/unit/walkthrough.test.ts, which holds the journey to saving them.

export interface Crop {
  /** The journey's screenshot (1280 x 800), by the name it saves it under. */
  from: string;
  to: string;
  /** The part to keep, in the screenshot's pixels. */
  clip: { x: number; y: number; width: number; height: number };
  /** The width to scale it to; its own when left out. */
  width?: number;
}

export const CROPS: Crop[] = [
  // findings: 2.ubuntu/Dockerfile.2 with its squiggles, and the Problems panel below it.
  { from: 'journey-1-problems', to: 'findings.png', clip: { x: 353, y: 40, width: 927, height: 642 }, width: 800 },
  // fix: the lightbulb's menu on line 3 after Measure image: the waste's fix first, over the report.
  { from: 'journey-4-quick-fix', to: 'fix.png', clip: { x: 292, y: 88, width: 988, height: 272 }, width: 800 },
  // pin: the Quick Fix menu (Ctrl+.) on 2.pip's unpinned astropy.
  { from: 'journey-6-pin', to: 'pin.png', clip: { x: 400, y: 88, width: 850, height: 186 } },
  // measure: the sizes on the Dockerfile's lines, and the report beside it.
  { from: 'journey-3-measured', to: 'measure.png', clip: { x: 353, y: 36, width: 927, height: 764 }, width: 800 },
  // lock: the rewrite as a diff, and the notification that offers to apply it.
  { from: 'journey-7-rewrite-diff', to: 'lock.png', clip: { x: 353, y: 36, width: 927, height: 764 }, width: 800 },
];
