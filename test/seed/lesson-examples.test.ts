// The lesson's own examples, linted with every rule: the exact set of rules
// found in each, checked by hand against the lesson's text, and each improved
// version losing exactly the findings of the practice it demonstrates.
// (The lesson's 1.ubuntu, 1.pip and 1.conda are 2.ubuntu, 2.pip and 2.conda here.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';

const exercises = path.join(__dirname, '..', 'fixtures', 'seed-workshop', 'exercises');

function rulesIn(file: string): string[] {
  const text = fs.readFileSync(path.join(exercises, file), 'utf8');
  const result = lint(text);
  assert.deepEqual(result.failures, []);
  return [...new Set(result.findings.map((f) => f.rule))].sort();
}

// No example labels its maintainer (practice 6), so every one gets that hint.
const label = 'maintainer-label-missing';
// "with apt we're typically quite constrained in picking versions": pins are only info.
const aptBasics = ['apt-package-not-pinned', 'apt-recommends-not-disabled', 'debian-frontend-not-set'];
// ubuntu:18.04 sets neither LANG nor LC_ALL (practice 5).
const ubuntu = [...aptBasics, 'locale-not-set', label];
// The lesson copies files with ADD; Layerwise says, at info, that COPY would do.
const add = 'add-instead-of-copy';

const expected: Record<string, string[]> = {
  // One RUN that installs without cleaning up: the lists stay (practice 2).
  '2.ubuntu/Dockerfile.1': [...ubuntu, 'apt-lists-not-removed'],
  // The cleanup in a RUN of its own saves nothing: "it's still 379 MB!".
  '2.ubuntu/Dockerfile.2': [...ubuntu, 'apt-lists-not-removed', 'cleanup-in-separate-layer'],
  // Cleaned in the same RUN: 350 MB.
  '2.ubuntu/Dockerfile.3': ubuntu,
  // The OS version in an ARG, resolved to 18.04: the tag is pinned.
  '2.ubuntu/Dockerfile.4': ubuntu,
  // python:3.8-slim sets LANG; every pip example sets CMD [ "/bin/bash" ] (practice 7).
  '2.pip/Dockerfile.1': [label, 'pip-cache-not-disabled', 'pip-package-not-pinned'],
  '2.pip/Dockerfile.2': [label, 'pip-package-not-pinned'],
  // astropy pinned, numpy left to pip: "are there other packages for which we might need to keep explicit track
  // of the version?"
  '2.pip/Dockerfile.3': ['dependencies-not-locked', label],
  '2.pip/Dockerfile.4': [add, label],
  '2.pip/Dockerfile.5': [add, label],
  // continuumio/miniconda3 sets LANG and LC_ALL; the version is in an ARG from the start.
  // It "keeps track of astropy version only": conda solves the rest at each build.
  '2.conda/Dockerfile.1': ['conda-cache-not-cleaned', 'conda-prefix-not-set', 'dependencies-not-locked', label],
  '2.conda/Dockerfile.2': ['conda-prefix-not-set', 'dependencies-not-locked', label],
  '2.conda/Dockerfile.3': [add, 'conda-prefix-not-set', label],
  '2.conda/Dockerfile.4': [add, label],
  // Not in the lesson's text; judged as a careful user would. The MPICH build follows the lesson's recipe
  // (built in /tmp and removed, versions in ARGs, pip without cache and with --no-deps).
  '2.mpi.python/Dockerfile': [...aptBasics.filter((r) => r !== 'apt-recommends-not-disabled'), label],
  '3.mpi4py/Dockerfile.1-mpi4py': [...aptBasics.filter((r) => r !== 'apt-recommends-not-disabled'), label],
  '3.mpi4py/Dockerfile.2-h5py': [...aptBasics.filter((r) => r !== 'apt-recommends-not-disabled'), label],
  // NVIDIA's CUDA layers pasted on python:3.8-slim: `curl | apt-key add -` hides a failed download, two apt RUNs
  // in a row install one component, and two libraries are pinned with literal versions.
  // `ENV PATH /usr/local/...`: BuildKit's LegacyKeyValueFormat.
  '3.cuda/Dockerfile': [add, 'apt-package-not-pinned', 'consecutive-runs-same-component', 'debian-frontend-not-set', 'legacy-key-value-format', label, 'pipe-without-pipefail', 'version-not-in-arg'],
  // intelpython sets CONDA_PREFIX itself in the example, and cleans conda in the same RUN.
  '3.intelpy/Dockerfile': [add, label],
};

describe("the lesson's examples", () => {
  it('are all covered here', () => {
    const found: string[] = [];
    for (const dir of fs.readdirSync(exercises)) {
      if (!fs.statSync(path.join(exercises, dir)).isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(exercises, dir))) if (f.startsWith('Dockerfile')) found.push(`${dir}/${f}`);
    }
    assert.deepEqual(found.sort(), Object.keys(expected).sort());
  });

  for (const [file, rules] of Object.entries(expected)) {
    it(`${file} gets exactly ${rules.length ? rules.join(', ') : 'nothing'}`, () => {
      assert.deepEqual(rulesIn(file), [...rules].sort());
    });
  }
});

describe('each improved version loses exactly the findings of the practice it shows', () => {
  const steps: Array<[string, string, string[], string[]]> = [
    // [before, after, findings it loses, findings it gains]
    ['2.ubuntu/Dockerfile.2', '2.ubuntu/Dockerfile.3', ['apt-lists-not-removed', 'cleanup-in-separate-layer'], []],
    ['2.ubuntu/Dockerfile.1', '2.ubuntu/Dockerfile.3', ['apt-lists-not-removed'], []],
    ['2.ubuntu/Dockerfile.3', '2.ubuntu/Dockerfile.4', [], []],
    ['2.pip/Dockerfile.1', '2.pip/Dockerfile.2', ['pip-cache-not-disabled'], []],
    // Pinning astropy raises the lesson's next question, its dependencies, which the lockfile of .4 answers.
    ['2.pip/Dockerfile.2', '2.pip/Dockerfile.3', ['pip-package-not-pinned'], ['dependencies-not-locked']],
    // The lockfile way copies files in with ADD, which the lesson uses and Layerwise mildly questions.
    ['2.pip/Dockerfile.3', '2.pip/Dockerfile.4', ['dependencies-not-locked'], [add]],
    ['2.conda/Dockerfile.1', '2.conda/Dockerfile.2', ['conda-cache-not-cleaned'], []],
    ['2.conda/Dockerfile.2', '2.conda/Dockerfile.3', ['dependencies-not-locked'], [add]],
    ['2.conda/Dockerfile.3', '2.conda/Dockerfile.4', ['conda-prefix-not-set'], []],
  ];
  for (const [before, after, lost, gained] of steps) {
    it(`${before} -> ${after}`, () => {
      const a = new Set(rulesIn(before));
      const b = new Set(rulesIn(after));
      assert.deepEqual([...a].filter((r) => !b.has(r)).sort(), [...lost].sort(), 'lost');
      assert.deepEqual([...b].filter((r) => !a.has(r)).sort(), [...gained].sort(), 'gained');
    });
  }
});
