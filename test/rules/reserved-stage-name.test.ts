import { reservedStageName } from '../../server/src/rules/reservedStageName';
import { testRule } from '../support/ruleTester';

testRule(reservedStageName, {
  valid: [
    { name: 'FROM scratch itself', code: 'FROM scratch\nCOPY app /\n' },
    { name: 'a name holding a reserved word', code: 'FROM debian AS scratchpad\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a stage named scratch",
      code: 'FROM alpine AS scratch\nFROM scratch\n',
      errors: [{ text: 'scratch', line: 1, messageId: 'reserved', buildkit: 'ReservedStageName' }],
      output: null,
    },
    { name: 'a stage named Context', code: 'FROM alpine AS Context\n', errors: [{ text: 'Context', message: 'the build context' }] },
  ],
});
