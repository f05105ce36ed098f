// The directive reader must read the header of a Dockerfile as dockerfile-ast
// does: the escape character, and how many lines are directives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { readDirectives } from '../../server/src/model/directives';
import { seededRandom } from '../support/seededRandom';

function reference(text: string): { escape: string; count: number } {
  const dockerfile = DockerfileParser.parse(text);
  return { escape: dockerfile.getEscapeCharacter(), count: dockerfile.getDirectives().length };
}

const PIECES = ['#', '# ', ' ', '\t', '\n', '\r\n', 'escape', 'ESCAPE', 'Escape', 'syntax', '=', '`', '\\', 'x', 'docker/dockerfile:1', 'a b', 'FROM x\n', '\\\n', '#escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n'];

describe('parser directives', () => {
  const cases: Array<[string, string, number]> = [
    ['', '\\', 0],
    ['# escape=`\nFROM x\n', '`', 1],
    ['# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n', '`', 2],
    ['\ufeff# escape=`\nFROM x\n', '`', 1],
    ['# a comment\n# escape=`\n', '\\', 0],
    ['\n# escape=`\n', '\\', 0],
    ['# escape=x\n# escape=`\n', '`', 2],
    ['# escape=` \n# syntax=y\n', '`', 1],
    ['#escape =  `\r\nFROM x\r\n', '`', 1],
    ['# e x=`\n', '\\', 1],
    ['#=`\n', '\\', 0],
    ['# escape=\n# syntax=y', '\\', 2],
    ['# a=b # escape=`\nFROM x\n', '`', 2],
    ['# a=b FROM x\n', '\\', 1],
  ];
  for (const [text, escape, count] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(readDirectives(text), { escape, count });
      assert.deepEqual(reference(text), { escape, count }, 'the case itself agrees with dockerfile-ast');
    });
  }

  it('reads random headers as dockerfile-ast does', () => {
    for (let seed = 1; seed <= 20000; seed++) {
      const next = seededRandom(seed);
      let text = next() < 0.1 ? '\ufeff' : '';
      const count = 1 + Math.floor(next() * 12);
      for (let i = 0; i < count; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      assert.deepEqual(readDirectives(text), reference(text), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });
});
