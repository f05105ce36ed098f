// `conda env export` to the lesson's requirements-<label>.yaml. conda cannot run
// here (no channel is reachable), so the conversion is checked on the real
// exports the lesson made (environment-3sep.yaml) against the file its seds made
// from them (requirements-3sep.yaml).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { condaRequirements, condaRequirementsText } from '../../server/src/container/condaExport';

const corpora = [path.resolve(__dirname, '../fixtures/seed-workshop/exercises'), path.resolve(__dirname, '../../../shared/corpus/seed-workshop/exercises')].filter((d) => fs.existsSync(d));

describe('conda env export to requirements-<label>.yaml', () => {
  for (const corpus of corpora) {
    for (const example of ['2.conda', '3.intelpy']) {
      it(`gives the lesson's sed output for ${path.relative(path.resolve(__dirname, '../..'), path.join(corpus, example))}`, () => {
        const exported = fs.readFileSync(path.join(corpus, example, 'environment-3sep.yaml'), 'utf8');
        const expected = fs.readFileSync(path.join(corpus, example, 'requirements-3sep.yaml'), 'utf8');
        const converted = condaRequirementsText(condaRequirements(exported));
        assert.equal(converted, expected);
        assert.ok(!/name:|prefix:|channels:|defaults|intel$/m.test(converted));
      });
    }
  }

  it('keeps versions and builds whatever the order of the keys, and reports pip packages apart', () => {
    const exported = ['prefix: /opt/conda', 'dependencies:', '    - numpy=1.19.1=py37hbc911f0_0', '    - pip:', '        - astropy==4.0', 'name: base', 'channels: [conda-forge]', ''].join('\n');
    const r = condaRequirements(exported);
    assert.deepEqual(r, { packages: ['numpy=1.19.1=py37hbc911f0_0'], pipPackages: ['astropy==4.0'] });
    assert.equal(condaRequirementsText(r), 'numpy=1.19.1=py37hbc911f0_0\n');
  });

  it('says so when the export has no dependencies', () => {
    assert.throws(() => condaRequirements('name: base\n'), /no 'dependencies' list/);
    assert.throws(() => condaRequirements('dependencies: [\n'), /not YAML/);
  });
});
