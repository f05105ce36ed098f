// Texts the fuzzer found that once broke the engine, kept as a table so they
// stay fixed. Each must lint with every registered rule and no rule failure,
// and keep every property the fuzzer checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { leavesQuoteOpen } from '../../server/src/model/openQuotes';
import { checkText } from '../support/fuzz/properties';

const found: { name: string; code: string }[] = [
  { name: 'a continuation then a lone CR and a comment, where dockerfile-ast getHeredocs() throws', code: 'RUN \\\r#t\n' },
  { name: 'an unclosed backquote after apt-get update, which fix-all once appended to forever', code: 'FROM\nRUN apt-get update \\\n`' },
  { name: 'an escaped space and an escape ending the RUN, where a fix once joined the next line in', code: 'FROM\nRUN apt update \\ \\\nİ' },
  { name: 'the same at the end of the file, where a fix once left an empty continuation', code: 'FROM\nRUN apt-get update \\ \\\n' },
  { name: 'a ${ with a nested brace inside double quotes, which fix-all once appended to forever', code: 'FROM\nRUN apt update "${{}"' },
  { name: 'an assignment that leaves a backquote open, which fix-all once appended to forever', code: 'FROM\nRUN apt-get update|s=`' },
  { name: 'a cleanup command ending on an escaped space, whose move once split the RUN', code: 'FROM\nRUN ap\\\nt\nRUN apt clean \\ &rm -r /var/lib/apt/lists' },
];

describe('texts the fuzzer found', () => {
  for (const c of found) {
    it(`${c.name}: lints without a rule failure and keeps the fuzz properties`, () => {
      assert.deepEqual(lint(c.code).failures, []);
      assert.deepEqual(checkText(c.code), []);
    });
  }
});

describe('leavesQuoteOpen', () => {
  const cases: [string, boolean][] = [
    ['plain', false],
    ['"a b"', false],
    ["'a\"b'", false],
    ['"it\'s"', false],
    ['$(nproc)', false],
    ['"$(echo "x")"', false],
    ['${A:-b}', false],
    ['`date`', false],
    ['\\"', false],
    ['`', true],
    ['"abc', true],
    ['"abc\\"', true],
    ["'abc", true],
    ['$(nproc', true],
    ['$(a (b)', true],
    ['${A', true],
    ['"${{}"', true],
  ];
  for (const [raw, open] of cases) {
    it(`${JSON.stringify(raw)} ${open ? 'leaves a quote open' : 'closes every quote'}`, () => assert.equal(leavesQuoteOpen(raw), open));
  }
});
