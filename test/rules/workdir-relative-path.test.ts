import { workdirRelativePath } from '../../server/src/rules/workdirRelativePath';
import { testRule } from '../support/ruleTester';

testRule(workdirRelativePath, {
  valid: [
    { name: 'an absolute WORKDIR', code: 'FROM debian\nWORKDIR /app\n' },
    { name: 'a path from a variable, as hadolint reads it', code: 'FROM debian\nWORKDIR $HOME/app\n' },
    { name: 'a quoted absolute path', code: 'FROM debian\nWORKDIR "/app"\n' },
    { name: 'a Windows path with a drive', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: the first WORKDIR is relative",
      code: 'FROM alpine\nWORKDIR app\n',
      errors: [{ text: 'app', messageId: 'relative', hadolint: 'DL3000', buildkit: 'WorkdirRelativePath' }],
      output: null,
    },
    {
      name: 'a relative WORKDIR after an absolute one: hadolint reports it, BuildKit does not',
      code: 'FROM alpine\nWORKDIR /usr\nWORKDIR src\n',
      errors: [{ text: 'src', hadolint: 'DL3000', buildkit: null }],
    },
    {
      name: 'a WORKDIR in the stage built FROM counts for BuildKit',
      code: 'FROM alpine AS base\nWORKDIR /app\nFROM base\nWORKDIR src\nFROM alpine\nWORKDIR src\n',
      errors: [
        { text: 'src', line: 4, buildkit: null },
        { text: 'src', line: 6, buildkit: 'WorkdirRelativePath' },
      ],
    },
  ],
});
