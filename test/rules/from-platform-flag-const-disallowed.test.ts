import { fromPlatformFlagConstDisallowed } from '../../server/src/rules/fromPlatformFlagConstDisallowed';
import { testRule } from '../support/ruleTester';

testRule(fromPlatformFlagConstDisallowed, {
  valid: [
    { name: 'a platform from a variable', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: "a stage named after its platform's architecture", code: 'FROM --platform=linux/arm64 alpine AS build-arm64\n' },
    { name: "a stage named after its platform's OS", code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows-tools\n' },
    { name: 'no flag', code: 'FROM alpine\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a constant platform",
      code: 'FROM --platform=linux/amd64 alpine AS base\n',
      errors: [{ text: '--platform=linux/amd64', messageId: 'constant', buildkit: 'FromPlatformFlagConstDisallowed' }],
      output: null,
    },
    { name: 'an architecture alone, in the name under another spelling', code: 'FROM --platform=aarch64 alpine AS tools\n', errors: [{ text: '--platform=aarch64' }] },
  ],
});
