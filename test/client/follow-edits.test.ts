// Measure image's waste rows and size lenses while the user edits the measured
// Dockerfile: each case is an edit of the lesson's Dockerfile.2 and what the
// editor shows after it, before any new measure. The report is the one Measure
// image made of Dockerfile.2's image on this machine, cut to three findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followLines, MAX_EDITED_LINES, sizeLenses, wasteRows } from '../../client/src/docker/followEdits';
import type { MeasureReport, WasteFinding } from '../../server/src/container/measure';
import { aptDockerfile } from '../support/aptImages';

const MEASURED = aptDockerfile(2);

function finding(f: Pick<WasteFinding, 'kind' | 'writerLine' | 'byLine' | 'line' | 'folder' | 'bytes' | 'message'>): WasteFinding {
  return { ...f, files: 2, paths: [] };
}

const REPORT: Pick<MeasureReport, 'instructions' | 'waste'> = {
  instructions: [
    { line: 3, endLine: 8, instruction: 'RUN', text: '', size: 464_020_566, waste: 20_620_457, wastePaths: [] },
    { line: 10, endLine: 11, instruction: 'RUN', text: '', size: 0, waste: 0, wastePaths: [] },
  ],
  waste: {
    bytes: 20_620_457,
    percent: 4.4,
    findings: [
      finding({ kind: 'deleted', writerLine: 3, byLine: 10, line: 3, folder: '/var/lib/apt/lists', bytes: 18_991_308, message: '19 MB of /var/lib/apt/lists written here are deleted by line 10: merge the cleanup into this RUN' }),
      finding({ kind: 'rewritten', writerLine: null, byLine: 3, line: 3, folder: '/var/cache/debconf', bytes: 1_474_942, message: '1.47 MB of /var/cache/debconf from the base image are written again here: the earlier copy stays in its layer' }),
      finding({ kind: 'rewritten', writerLine: null, byLine: 3, line: 3, folder: '/var/lib/dpkg', bytes: 154_207, message: '154 kB of /var/lib/dpkg from the base image are written again here: the earlier copy stays in its layer' }),
    ],
  },
};

/** Line `n` (1-based) of the text replaced by `lines`. */
function replaceLine(text: string, n: number, ...lines: string[]): string {
  const all = text.split('\n');
  all.splice(n - 1, 1, ...lines);
  return all.join('\n');
}

const LINE_8 = '           wget';

// rows: "first-last folder" (1-based lines) and the line the message names, if any; lenses: "line title".
const CASES: Array<{ edit: string; text: string; rows: string[]; lenses: string[] }> = [
  {
    edit: 'none, or every edit undone',
    text: MEASURED,
    rows: ['3-8 /var/lib/apt/lists by line 10', '3-8 /var/cache/debconf'],
    lenses: ['3 +464 MB · 20.6 MB wasted', '10 +0 B'],
  },
  {
    edit: 'a comment typed on the empty line 2, then Enter: everything moves down one line',
    text: replaceLine(MEASURED, 2, '# the tools', ''),
    rows: ['4-9 /var/lib/apt/lists by line 11', '4-9 /var/cache/debconf'],
    lenses: ['4 +464 MB · 20.6 MB wasted', '11 +0 B'],
  },
  {
    edit: 'the empty line 2 deleted: everything moves up one line',
    text: replaceLine(MEASURED, 2),
    rows: ['2-7 /var/lib/apt/lists by line 9', '2-7 /var/cache/debconf'],
    lenses: ['2 +464 MB · 20.6 MB wasted', '9 +0 B'],
  },
  {
    edit: 'the waste quick fix (the cleanup merged into line 3\'s RUN): the RUN it changed and the one it removed lose theirs',
    text: aptDockerfile(3),
    rows: [],
    lenses: [],
  },
  {
    edit: 'a package added inside the RUN of line 3: its rows and lens go, line 10\'s lens moves',
    text: replaceLine(MEASURED, 6, '           gfortran \\', '           make \\'),
    rows: [],
    lenses: ['11 +0 B'],
  },
  {
    edit: 'a character typed on the RUN\'s last line',
    text: replaceLine(MEASURED, 8, `${LINE_8}2`),
    rows: [],
    lenses: ['10 +0 B'],
  },
  {
    edit: 'the cleanup RUN of line 10 edited: the waste it caused goes, the RUN of line 3 keeps what is its own',
    text: MEASURED.replace('rm -r /var/lib/apt/lists/*', 'rm -rf /var/lib/apt/lists/*'),
    rows: ['3-8 /var/cache/debconf'],
    lenses: ['3 +464 MB · 20.6 MB wasted'],
  },
  {
    edit: 'an instruction added between the two RUNs: both keep theirs, line 10\'s now on line 11',
    text: replaceLine(MEASURED, 9, '', 'ENV LANG=C.UTF-8'),
    rows: ['3-8 /var/lib/apt/lists by line 11', '3-8 /var/cache/debconf'],
    lenses: ['3 +464 MB · 20.6 MB wasted', '11 +0 B'],
  },
  {
    edit: 'the whole file replaced by the same text with Windows line ends',
    text: MEASURED.replace(/\n/g, '\r\n'),
    rows: ['3-8 /var/lib/apt/lists by line 10', '3-8 /var/cache/debconf'],
    lenses: ['3 +464 MB · 20.6 MB wasted', '10 +0 B'],
  },
  {
    edit: `over ${MAX_EDITED_LINES} lines pasted above: nothing is followed`,
    text: `${'# a line\n'.repeat(MAX_EDITED_LINES + 1)}${MEASURED}`,
    rows: [],
    lenses: [],
  },
  {
    edit: `${MAX_EDITED_LINES} lines pasted above: everything moves down`,
    text: `${'# a line\n'.repeat(MAX_EDITED_LINES)}${MEASURED}`,
    rows: [`${MAX_EDITED_LINES + 3}-${MAX_EDITED_LINES + 8} /var/lib/apt/lists by line ${MAX_EDITED_LINES + 10}`, `${MAX_EDITED_LINES + 3}-${MAX_EDITED_LINES + 8} /var/cache/debconf`],
    lenses: [`${MAX_EDITED_LINES + 3} +464 MB · 20.6 MB wasted`, `${MAX_EDITED_LINES + 10} +0 B`],
  },
  {
    edit: 'everything deleted',
    text: '',
    rows: [],
    lenses: [],
  },
];

describe('Measure image\'s rows and lenses follow the edits until the next measure', () => {
  for (const c of CASES) {
    it(`edit: ${c.edit}`, () => {
      const lines = followLines(MEASURED, c.text);
      const rows = wasteRows(REPORT, lines, 1_000_000).map((r) => `${r.span.start + 1}-${r.span.end + 1} ${r.finding.folder}${/by line \d+/.exec(r.message)?.[0].replace(/^/, ' ') ?? ''}`);
      assert.deepEqual(rows, c.rows);
      assert.deepEqual(
        sizeLenses(REPORT, lines).map((l) => `${l.line + 1} ${l.title}`),
        c.lenses,
      );
    });
  }

  it('a row whose lines moved names the other line it depends on where that line is now', () => {
    const [row] = wasteRows(REPORT, followLines(MEASURED, replaceLine(MEASURED, 2, '# the tools', '')), 1_000_000);
    assert.equal(row.message, '19 MB of /var/lib/apt/lists written here are deleted by line 11: merge the cleanup into this RUN');
  });

  it('waste below the minimum (layerwise.measure.minWaste) is no row', () => {
    const lines = followLines(MEASURED, MEASURED);
    const folders = (min: number) => wasteRows(REPORT, lines, min).map((r) => r.finding.folder);
    assert.deepEqual(folders(0), ['/var/lib/apt/lists', '/var/cache/debconf', '/var/lib/dpkg']);
    assert.deepEqual(folders(154_207), ['/var/lib/apt/lists', '/var/cache/debconf', '/var/lib/dpkg']);
    assert.deepEqual(folders(1_000_000), ['/var/lib/apt/lists', '/var/cache/debconf']);
    assert.deepEqual(folders(20_000_000), []);
  });
});
