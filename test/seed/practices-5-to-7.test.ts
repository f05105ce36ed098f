// The lesson's own examples, linted with the rules of practices 5 (environment),
// 6 (metadata) and 7 (default command): each gets what a careful reader of the
// lesson expects, and nothing the lesson would call a false alarm.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { rules } from '../../server/src/rules';

const CATEGORIES = new Set(['environment', 'metadata', 'default-command']);
const checked = rules.filter((r) => CATEGORIES.has(r.meta.category));
const exercises = path.join(__dirname, '..', 'fixtures', 'seed-workshop', 'exercises');

// No example names who maintains it: practice 6 is taught but not applied.
const label = 'maintainer-label-missing';
// Ubuntu with apt and no ENV at all: practice 5 is taught but not applied.
const ubuntu = ['apt-recommends-not-disabled', 'debian-frontend-not-set', 'locale-not-set', label];
// python:3.8-slim sets LANG, and the examples set CMD [ "/bin/bash" ]; their apt-get has -y and --no-install-recommends.
const pythonWithApt = ['debian-frontend-not-set', label];

const expected: Record<string, string[]> = {
  '2.ubuntu/Dockerfile.1': ubuntu,
  '2.ubuntu/Dockerfile.2': ubuntu,
  '2.ubuntu/Dockerfile.3': ubuntu,
  '2.ubuntu/Dockerfile.4': ubuntu,
  // python images set LANG=C.UTF-8, and every pip example sets CMD [ "/bin/bash" ].
  '2.pip/Dockerfile.1': [label],
  '2.pip/Dockerfile.2': [label],
  '2.pip/Dockerfile.3': [label],
  '2.pip/Dockerfile.4': [label],
  '2.pip/Dockerfile.5': [label],
  // continuumio images set LANG and LC_ALL, and their CMD is bash.
  '2.conda/Dockerfile.1': [label],
  '2.conda/Dockerfile.2': [label],
  '2.conda/Dockerfile.3': [label],
  '2.conda/Dockerfile.4': [label],
  '2.mpi.python/Dockerfile': pythonWithApt,
  '3.mpi4py/Dockerfile.1-mpi4py': pythonWithApt,
  '3.mpi4py/Dockerfile.2-h5py': pythonWithApt,
  '3.cuda/Dockerfile': pythonWithApt,
  '3.intelpy/Dockerfile': [label],
};

describe("the lesson's examples, for practices 5 to 7", () => {
  it('are all listed here', () => {
    const found = fs
      .readdirSync(exercises, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .flatMap((dir) => fs.readdirSync(path.join(exercises, dir)).filter((f) => f.startsWith('Dockerfile')).map((f) => `${dir}/${f}`));
    assert.deepEqual(found.sort(), Object.keys(expected).sort());
  });
  for (const [file, rulesFound] of Object.entries(expected)) {
    it(`${file}: ${rulesFound.join(', ')}`, () => {
      const text = fs.readFileSync(path.join(exercises, file), 'utf8');
      const result = lint(text, { rules: checked });
      assert.deepEqual(result.failures, []);
      assert.deepEqual([...new Set(result.findings.map((f) => f.rule))].sort(), [...rulesFound].sort());
    });
  }
});
