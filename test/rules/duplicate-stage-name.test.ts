import { duplicateStageName } from '../../server/src/rules/duplicateStageName';
import { testRule } from '../support/ruleTester';

testRule(duplicateStageName, {
  valid: [
    { name: 'distinct names', code: 'FROM debian AS build\nFROM debian AS test\nFROM build\n' },
    { name: 'unnamed stages', code: 'FROM debian\nFROM debian\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: two stages named builder",
      code: 'FROM debian:latest AS builder\nRUN apt-get update\nFROM golang:latest AS builder\n',
      errors: [{ text: 'builder', line: 3, messageId: 'duplicate', severity: 'error', hadolint: 'DL3024', buildkit: 'DuplicateStageName' }],
      output: null,
    },
    {
      name: 'names that differ only in case: the same for docker, not for hadolint',
      code: 'FROM debian AS Build\nFROM debian AS build\n',
      errors: [{ text: 'build', line: 2, hadolint: null }],
    },
  ],
});
