// The lesson's own examples, linted with the rules of practices 3 (versions in
// ARGs) and 4 (build reproducibility): each improved version loses exactly the
// findings of the practice it demonstrates, and nothing fires that the lesson
// would call a false alarm.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { rules } from '../../server/src/rules';

const checked = rules.filter((r) => r.meta.category === 'versions');
const exercises = path.join(__dirname, '..', 'fixtures', 'seed-workshop', 'exercises');

// Every example installs apt packages by name: only info, since "with apt we're typically quite constrained in
// picking versions"; Dockerfile.4 pins the OS by `ARG OS_VERSION="18.04"`, which image-tag-not-pinned resolves.
const apt = ['apt-package-not-pinned'];

const expected: Record<string, string[]> = {
  '2.ubuntu/Dockerfile.1': apt,
  '2.ubuntu/Dockerfile.2': apt,
  '2.ubuntu/Dockerfile.3': apt,
  '2.ubuntu/Dockerfile.4': apt,
  // `pip install astropy` until Dockerfile.3 pins it as `astropy==$ASTRO_VERSION`, in an ARG; Dockerfile.4 and .5
  // install the frozen list with `--no-deps -r /requirements.txt`.
  '2.pip/Dockerfile.1': ['pip-package-not-pinned'],
  '2.pip/Dockerfile.2': ['pip-package-not-pinned'],
  '2.pip/Dockerfile.3': [],
  '2.pip/Dockerfile.4': [],
  '2.pip/Dockerfile.5': [],
  // `astropy==$ASTRO_VERSION` from the first one, then the exported `--file /requirements.yaml`.
  '2.conda/Dockerfile.1': [],
  '2.conda/Dockerfile.2': [],
  '2.conda/Dockerfile.3': [],
  '2.conda/Dockerfile.4': [],
  // MPICH, mpi4py and HDF5 versions are all in ARGs, used in the URLs as ${MPICH_VERSION}.
  '2.mpi.python/Dockerfile': apt,
  '3.mpi4py/Dockerfile.1-mpi4py': apt,
  '3.mpi4py/Dockerfile.2-h5py': apt,
  // NVIDIA's file pins libcublas and libnccl with literal versions beside $CUDA_PKG_VERSION: a hint for an ARG.
  '3.cuda/Dockerfile': [...apt, 'version-not-in-arg'],
  '3.intelpy/Dockerfile': [],
};

describe("the lesson's examples, for practices 3 and 4", () => {
  it('are all listed here', () => {
    const found = fs
      .readdirSync(exercises, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .flatMap((dir) => fs.readdirSync(path.join(exercises, dir)).filter((f) => f.startsWith('Dockerfile')).map((f) => `${dir}/${f}`));
    assert.deepEqual(found.sort(), Object.keys(expected).sort());
  });
  for (const [file, rulesFound] of Object.entries(expected)) {
    it(`${file}: ${rulesFound.join(', ') || 'nothing'}`, () => {
      const text = fs.readFileSync(path.join(exercises, file), 'utf8');
      const result = lint(text, { rules: checked });
      assert.deepEqual(result.failures, []);
      assert.deepEqual([...new Set(result.findings.map((f) => f.rule))].sort(), [...rulesFound].sort());
    });
  }
  it('apt packages without versions are only info there', () => {
    const text = fs.readFileSync(path.join(exercises, '2.ubuntu/Dockerfile.4'), 'utf8');
    assert.deepEqual(lint(text, { rules: checked }).findings.map((f) => f.severity), ['info']);
  });
});
