import { fromAsCasing } from '../../server/src/rules/fromAsCasing';
import { testRule } from '../support/ruleTester';

testRule(fromAsCasing, {
  valid: [
    { name: 'FROM and AS', code: 'FROM debian AS build\n' },
    { name: 'from and as', code: 'from debian as build\n' },
    { name: 'a FROM of mixed case: consistent-instruction-casing says it, BuildKit says nothing here', code: 'From debian as build\n' },
    { name: 'no stage name', code: 'FROM debian\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: FROM with a lower-case as",
      code: 'FROM debian:latest as builder\n',
      errors: [{ text: 'as', messageId: 'casing', buildkit: 'FromAsCasing' }],
      output: 'FROM debian:latest AS builder\n',
    },
    { name: 'from with AS', code: 'from debian AS builder\n', errors: [{ text: 'AS' }], output: 'from debian as builder\n' },
    { name: 'a mixed-case As', code: 'FROM debian As builder\n', errors: [{ text: 'As' }], output: 'FROM debian AS builder\n' },
  ],
});
