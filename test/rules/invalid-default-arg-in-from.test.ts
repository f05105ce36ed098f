import { invalidDefaultArgInFrom } from '../../server/src/rules/invalidDefaultArgInFrom';
import { testRule } from '../support/ruleTester';

testRule(invalidDefaultArgInFrom, {
  valid: [
    { name: 'an ARG with a default', code: 'ARG TAG=latest\nFROM busybox:${TAG}\n' },
    { name: 'a default written into the FROM', code: 'ARG TAG\nFROM busybox:${TAG:-latest}\n' },
    { name: 'a whole image from an ARG with a default built from another', code: 'ARG V=3.12\nARG BASE=python:${V}-slim\nFROM $BASE\n' },
    { name: 'an architecture from the predefined ARGs', code: 'FROM alpine:3.20-${TARGETARCH}\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: an ARG without a default leaves 'busybox:'",
      code: 'ARG TAG\nFROM busybox:${TAG}\n',
      errors: [{ text: 'busybox:${TAG}', messageId: 'invalid', message: "'busybox:'", buildkit: 'InvalidDefaultArgInFrom' }],
      output: null,
    },
    { name: 'an empty image', code: 'ARG BASE\nFROM $BASE AS build\n', errors: [{ text: '$BASE' }] },
    { name: 'an upper-case repository', code: 'ARG NAME=MyImage\nFROM ${NAME}:1\n', errors: [{ text: '${NAME}:1' }] },
  ],
});
