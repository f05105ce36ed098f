// ARG, ENV and LABEL values read without dockerfile-ast must be what
// dockerfile-ast reads, on any text: every rule that asks what an ENV sets
// reads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type PropertyInstruction } from 'dockerfile-ast';
import { buildModel } from '../../server/src/model/build';
import { instructionProperties } from '../../server/src/model/properties';
import { seededRandom } from '../support/seededRandom';

const PIECES = ['A', 'b', '=', 'A=1', ' ', ' ', '\t', 'x=y=z', '$V', '${V:-1}', '"q r"', "'s'", '\\', '\\\n', '#', 'é', '=b', 'A=', 'LANG=C.UTF-8', 'a b'];

function referenceProperties(text: string): Array<Array<{ name: string; value: string | null }>> {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => {
      const ast = i as PropertyInstruction;
      return ['ARG', 'ENV', 'LABEL'].includes(i.getKeyword()) && typeof ast.getProperties === 'function'
        ? ast.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }))
        : [];
    });
}

describe('instruction properties', () => {
  it('reads what dockerfile-ast reads, on random ARG, ENV and LABEL lines', () => {
    let plain = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const next = seededRandom(seed);
      const lines = ['FROM python:3.11'];
      for (let l = 0; l < 3; l++) {
        let line = ['ARG', 'ENV', 'LABEL'][Math.floor(next() * 3)] + ' ';
        const count = 1 + Math.floor(next() * 6);
        for (let i = 0; i < count; i++) line += PIECES[Math.floor(next() * PIECES.length)];
        lines.push(line);
      }
      const text = lines.join('\n') + '\n';
      const model = buildModel(text);
      const ours = model.instructions.map((n) => instructionProperties(n));
      assert.deepEqual(ours, referenceProperties(text), `seed ${seed}:\n${text}`);
      plain += lines.slice(1).filter((l) => !/["'\\#]/.test(l)).length;
    }
    // Enough of them take the plain path for the comparison to mean something.
    assert.ok(plain > 3000, `only ${plain} plain lines`);
  });

  it('reads the common forms', () => {
    const model = buildModel('FROM a\nARG V\nARG W=2\nENV A=1 B=\nENV NAME some value\nLABEL maintainer="me@x.org"\n');
    assert.deepEqual(model.instructions.slice(1).map((n) => instructionProperties(n)), [
      [{ name: 'V', value: null }],
      [{ name: 'W', value: '2' }],
      [{ name: 'A', value: '1' }, { name: 'B', value: '' }],
      [{ name: 'NAME', value: 'some value' }],
      [{ name: 'maintainer', value: 'me@x.org' }],
    ]);
  });
});
