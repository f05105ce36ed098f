// The short fuzz that `npm test` runs: the fixtures of this repository cut at
// every offset, and a few thousand mutated with a fixed seed (so a failure
// replays), each held to every fuzz property. `npm run fuzz` runs the long one
// over a corpus.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { expandPaths } from '../../server/src/cli/files';
import { applyCase, mutatedCase } from '../support/fuzz/mutations';
import { checkText } from '../support/fuzz/properties';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const names = expandPaths([FIXTURES]).files;
const sources = names.map((f) => fs.readFileSync(f, 'utf8'));
const SEED = 20261129;

describe('fuzzing the fixtures', () => {
  it('finds the fixture Dockerfiles to mutate', () => assert.ok(sources.length >= 10, `only ${sources.length} found in ${FIXTURES}`));

  const shortest = names.map((name, i) => ({ name, text: sources[i] })).sort((a, b) => a.text.length - b.text.length).slice(0, 3);
  for (const { name, text } of shortest) {
    it(`keeps every property when ${path.relative(FIXTURES, name)} is cut at each of its ${text.length + 1} offsets`, () => {
      for (let at = 0; at <= text.length; at++) assert.deepEqual(checkText(text.slice(0, at)), [], `cut at ${at}`);
    });
  }

  it('keeps every property on 2,000 mutated fixtures (seed 20261129)', () => {
    fc.assert(
      fc.property(mutatedCase(sources.length), (c) => {
        assert.deepEqual(checkText(applyCase(sources, c)), [], `${path.relative(FIXTURES, names[c.source])} mutated`);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
