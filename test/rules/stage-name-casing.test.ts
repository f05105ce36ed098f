import { stageNameCasing } from '../../server/src/rules/stageNameCasing';
import { testRule } from '../support/ruleTester';

testRule(stageNameCasing, {
  valid: [
    { name: 'a lower-case stage name', code: 'FROM python:3.12-slim AS build\nFROM build\n' },
    { name: 'a FROM without a name', code: 'FROM python:3.12-slim\n' },
    { name: 'a name with digits and dashes', code: 'FROM debian AS build-2\n' },
    { name: 'skipped by the directive', code: '# check=skip=StageNameCasing\nFROM debian AS Build\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a capitalised name, lower-cased by the fix",
      code: 'FROM node:20 AS BuilderBase\nRUN npm ci\nFROM BuilderBase\n',
      errors: [{ text: 'BuilderBase', line: 1, messageId: 'casing', severity: 'warning', buildkit: 'StageNameCasing', hadolint: null }],
      output: 'FROM node:20 AS builderbase\nRUN npm ci\nFROM BuilderBase\n',
    },
    {
      name: 'after a --platform flag, and an error under check=error=true',
      code: '# check=error=true\nFROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n',
      errors: [{ text: 'Build', severity: 'error' }],
      output: '# check=error=true\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    },
  ],
});
