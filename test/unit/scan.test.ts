// The fast scanner must build exactly the model that dockerfile-ast's tree
// gives, on real files and on texts broken in every way an editor sees.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel, parseModel } from '../../server/src/model/build';
import { scanNodes } from '../../server/src/model/scan';
import type { DockerfileModel } from '../../server/src/model/types';
import { seededRandom } from '../support/seededRandom';

const fixtures = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');

/** The model as data: no dockerfile-ast objects, and no link back from a trigger to its ONBUILD. */
function shape(model: DockerfileModel): unknown {
  return JSON.parse(JSON.stringify(model, (key, value) => (key === 'ast' || key === 'onbuild' ? undefined : value)));
}

const PIECES = ['\\\n', '\\  \n', '\n', '\r\n', ' ', '\t', '#', '# c\n', 'RUN ', 'RUN --mount=type=cache,target=/root/.cache ', '--from=a ', 'x', 'a\\b', '\\$x', '"', "'", '[', '"a"', ']', ',', 'COPY ', 'HEALTHCHECK --interval=5s CMD ', 'FROM ', 'ONBUILD ', 'ENV A=1 ', '&&', 'pip install y', '`', '$', '<<EOF\n', 'EOF\n', '\\n', '\\\\', '\\"', '\\[', 'printf "a\\tb" ', '\\', '#c \\\n', '  # c\\\n', '#x\\  \n'];

function assertSame(text: string, what: string): void {
  assert.deepEqual(shape(buildModel(text)), shape(parseModel(text)), `${what}:\n${JSON.stringify(text)}`);
}

describe('fast scanner', () => {
  it('builds the model dockerfile-ast builds, on the lesson Dockerfiles', () => {
    const files = fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((f) => /Dockerfile/.test(path.basename(f)));
    for (const file of files) {
      const text = fs.readFileSync(path.join(fixtures, file), 'utf8');
      assert.ok(scanNodes(text), `${file} is read by the scanner`);
      assertSame(text, file);
    }
  });

  it('builds the model dockerfile-ast builds, on random texts of Dockerfile pieces', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const next = seededRandom(seed);
      let text = next() < 0.2 ? '# escape=`\n' : '';
      const count = 3 + Math.floor(next() * 25);
      for (let i = 0; i < count; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      assertSame(text, `seed ${seed}`);
    }
  });

  it('gives each node the dockerfile-ast node of its instruction, with ranges in the whole text', () => {
    const text = '# escape=`\nFROM python:3.11 AS base\n\n  RUN pip install `\n      numpy\nCOPY --from=base /a /b\n';
    const fast = buildModel(text);
    const tree = parseModel(text);
    fast.instructions.forEach((node, k) => {
      assert.deepEqual(node.ast.getRange(), tree.instructions[k].ast.getRange());
      assert.deepEqual(node.ast.getArguments().map((a) => a.getValue()), tree.instructions[k].ast.getArguments().map((a) => a.getValue()));
    });
  });
});
