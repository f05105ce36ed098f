import { undefinedArgInFrom } from '../../server/src/rules/undefinedArgInFrom';
import { testRule } from '../support/ruleTester';

testRule(undefinedArgInFrom, {
  valid: [
    { name: 'a declared global ARG', code: 'ARG TAG=3.12-slim\nFROM python:${TAG}\n' },
    { name: 'declared without a default', code: 'ARG BASE\nFROM $BASE\n' },
    { name: "BuildKit's predefined ARGs", code: 'FROM --platform=$BUILDPLATFORM golang:1.22\nFROM alpine:${TARGETARCH}\n' },
    { name: 'a stage name', code: 'FROM alpine AS base\nFROM base\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: an ARG declared after the FROM, with a near name suggested",
      code: 'ARG VERSION=latest\nFROM node:$VERSON\n',
      errors: [{ text: 'node:$VERSON', messageId: 'undefined', message: 'Did you mean VERSION?', buildkit: 'UndefinedArgInFrom' }],
      output: null,
    },
    {
      name: 'an ARG declared in a stage only counts there, not in a FROM; a default in the FROM still reads the name',
      code: 'FROM alpine\nARG TAG=3\nFROM python:${TAG:-3.12}\nFROM --platform=$PLATFORM alpine\n',
      errors: [{ text: 'python:${TAG:-3.12}' }, { text: '--platform=$PLATFORM' }],
    },
  ],
});
