import { redundantTargetPlatform } from '../../server/src/rules/redundantTargetPlatform';
import { testRule } from '../support/ruleTester';

testRule(redundantTargetPlatform, {
  valid: [
    { name: 'the build platform, for a stage that runs on the builder', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'no flag', code: 'FROM alpine\n' },
    { name: 'a platform of another variable', code: 'FROM --platform=${TARGETOS}/${TARGETARCH} alpine\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: --platform=$TARGETPLATFORM, removed",
      code: 'FROM --platform=$TARGETPLATFORM alpine AS builder\n',
      errors: [{ text: '--platform=$TARGETPLATFORM', messageId: 'redundant', buildkit: 'RedundantTargetPlatform' }],
      output: 'FROM alpine AS builder\n',
    },
    { name: 'in braces', code: 'FROM --platform=${TARGETPLATFORM} alpine\n', errors: [{ text: '--platform=${TARGETPLATFORM}' }], output: 'FROM alpine\n' },
    {
      name: 'a global ARG TARGETPLATFORM of its own: no fix',
      code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n',
      errors: [{ text: '--platform=$TARGETPLATFORM' }],
      output: null,
    },
  ],
});
