import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readLockfile, type Lockfile } from '../../server/src/lockfiles';

const FIXTURES = join(__dirname, '..', 'fixtures');
const seed = (path: string) => readFileSync(join(FIXTURES, 'seed-workshop', 'exercises', path), 'utf8');
const own = (path: string) => readFileSync(join(FIXTURES, 'lockfiles', path), 'utf8');
const versions = (lock: Lockfile, manager = 'pip') => Object.fromEntries(lock.packages.filter((p) => p.manager === manager).map((p) => [p.name, p.version]));

describe('lockfile readers, each format told by its content', () => {
  it('reads pip freeze output (the lesson\'s requirements4-3sep.txt, trailing spaces and all)', () => {
    const lock = readLockfile(seed('2.pip/requirements4-3sep.txt'));
    assert.equal(lock.format, 'requirements');
    assert.deepEqual(versions(lock), { astropy: '3.2.3', numpy: '1.19.1' });
    assert.deepEqual(lock.problems, []);
  });

  it('reads pip-compile output with # via comments (requirements5-3sep.txt and 3.cuda)', () => {
    const lock = readLockfile(seed('2.pip/requirements5-3sep.txt'));
    assert.deepEqual(versions(lock), { astropy: '3.2.3', numpy: '1.19.1' });
    const cuda = readLockfile(seed('3.cuda/requirements-3sep.txt'));
    assert.equal(cuda.format, 'requirements');
    assert.ok(cuda.packages.length >= 2);
    assert.deepEqual(cuda.problems, []);
  });

  it('reads uv pip compile output with hashes on continuation lines, markers and extras; leaves ranges and editables out', () => {
    const lock = readLockfile(own('requirements-uv.txt'));
    assert.equal(lock.format, 'requirements');
    assert.deepEqual(versions(lock), { astropy: '6.1.4', 'astropy-iers-data': '0.2024.10.7.0.32.46', numpy: '2.1.2', pyerfa: '2.0.1.4' });
    assert.deepEqual(lock.problems, []);
  });

  it('reads the lesson\'s requirements-3sep.yaml as conda\'s --file list, whatever its name says', () => {
    const lock = readLockfile(seed('2.conda/requirements-3sep.yaml'));
    assert.equal(lock.format, 'conda-list');
    const conda = versions(lock, 'conda');
    assert.equal(conda.astropy, '3.2.3');
    assert.equal(conda._libgcc_mutex, '0.1');
    assert.deepEqual(lock.problems, []);
  });

  it('reads conda env export YAML (environment-3sep.yaml), its pip: list as pip versions', () => {
    const lock = readLockfile(seed('2.conda/environment-3sep.yaml'));
    assert.equal(lock.format, 'conda-environment');
    assert.equal(versions(lock, 'conda').astropy, '3.2.3');
    const intel = readLockfile(seed('3.intelpy/environment-3sep.yaml'));
    assert.equal(intel.format, 'conda-environment');
    assert.deepEqual(intel.problems, []);
    const withPip = readLockfile('name: x\ndependencies:\n  - python=3.12\n  - pip:\n    - requests==2.32.3\n');
    assert.deepEqual(versions(withPip), { requests: '2.32.3' });
    assert.deepEqual(versions(withPip, 'conda'), { python: '3.12' });
  });

  it('reads pylock.toml (PEP 751) and uv.lock, leaving the project itself out', () => {
    const pylock = readLockfile(own('pylock.toml'));
    assert.equal(pylock.format, 'pylock');
    assert.deepEqual(versions(pylock), { astropy: '6.1.4', numpy: '2.1.2' });
    const uv = readLockfile(own('uv.lock'));
    assert.equal(uv.format, 'uv-lock');
    assert.deepEqual(versions(uv), { astropy: '6.1.4', numpy: '2.1.2' });
  });

  it('reads conda-lock\'s explicit list, names with dashes included', () => {
    const lock = readLockfile(own('conda-linux-64.lock'));
    assert.equal(lock.format, 'conda-explicit');
    assert.deepEqual(versions(lock, 'conda'), { _libgcc_mutex: '0.1', python: '3.12.7', astropy: '6.1.4', 'astropy-iers-data': '0.2024.10.7.0.32.46' });
  });
});

describe('lockfile readers on malformed input: a clear problem, never a throw', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['broken TOML', 'lock-version = "1.0"\n[[packages]\nname = "x"\n', /not valid TOML/],
    ['broken YAML', 'dependencies:\n  - a=1\n   - : [\n', /not valid YAML/],
    ['dependencies that are not a list', 'dependencies: numpy\n', /'dependencies' is not a list/],
    ['a merge conflict in a requirements file', 'numpy==1.0\n<<<<<<< HEAD\nastropy==3.2.3\n', /not a requirement pip can read/],
    ['a pin with no version', 'numpy==\n', /version specifier/],
    ['an explicit list with a bad URL', '@EXPLICIT\nhttps://x/linux-64/nodash.conda\n', /not a conda package URL/],
    ['an empty file', '\n# only a comment\n', /empty/],
    ['a binary file', 'PK\u0003\u0004\u0000\u0000', /binary/],
  ];
  for (const [what, text, problem] of cases) {
    it(what, () => {
      const lock = readLockfile(text);
      assert.ok(lock.problems.length > 0, JSON.stringify(lock));
      assert.match(lock.problems[0].message, problem);
    });
  }

  it('keeps the lines it could read beside the one it could not, with that line\'s number', () => {
    const lock = readLockfile('numpy==1.0\n<<<<<<< HEAD\nastropy==3.2.3\n');
    assert.deepEqual(versions(lock), { numpy: '1.0', astropy: '3.2.3' });
    assert.equal(lock.problems[0].line, 2);
  });
});
