import { jsonArgsRecommended } from '../../server/src/rules/jsonArgsRecommended';
import { testRule } from '../support/ruleTester';

testRule(jsonArgsRecommended, {
  valid: [
    { name: 'CMD and ENTRYPOINT in JSON form', code: 'FROM python:3.12-slim\nENTRYPOINT ["python3"]\nCMD ["app.py"]\n' },
    { name: 'JSON over two lines', code: 'FROM python:3.12-slim\nCMD ["python3", \\\n     "app.py"]\n' },
    { name: 'an ONBUILD CMD, which this build does not run', code: 'FROM debian\nONBUILD CMD echo hi\n' },
    { name: 'skipped by hadolint and BuildKit alike', code: '# check=skip=JSONArgsRecommended\nFROM debian\n# hadolint ignore=DL3025\nCMD echo hi\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a shell-form ENTRYPOINT; the JSON form is an unsafe fix",
      code: 'FROM alpine\nENTRYPOINT my-program start\n',
      errors: [{ text: 'ENTRYPOINT my-program start', messageId: 'shellForm', severity: 'info', hadolint: 'DL3025', buildkit: 'JSONArgsRecommended' }],
      fixes: 'unsafe',
      output: 'FROM alpine\nENTRYPOINT ["my-program", "start"]\n',
    },
    {
      name: 'no safe fix: the process changes',
      code: 'FROM alpine\nCMD python3 app.py\n',
      errors: [{ text: 'CMD python3 app.py' }],
      output: null,
    },
    {
      name: 'after a SHELL, BuildKit is content and hadolint is not',
      code: 'FROM alpine\nSHELL ["/bin/ash", "-c"]\nCMD python3 app.py\n',
      errors: [{ text: 'CMD python3 app.py', hadolint: 'DL3025', buildkit: null }],
    },
    {
      name: 'a SHELL in the stage built FROM counts; a SHELL after the CMD does not',
      code: 'FROM alpine AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD a\nFROM alpine\nCMD b\nSHELL ["/bin/ash", "-c"]\n',
      errors: [
        { text: 'CMD a', buildkit: null },
        { text: 'CMD b', buildkit: 'JSONArgsRecommended' },
      ],
    },
    {
      name: 'shell syntax, a variable or a builtin: no fix, since only a shell runs them',
      code: 'FROM alpine\nCMD python3 app.py > /log\nCMD exec python3\nCMD python3 $APP\nCMD ["python3", app]\n',
      errors: [{ text: 'CMD python3 app.py > /log' }, { text: 'CMD exec python3' }, { text: 'CMD python3 $APP' }, { text: 'CMD ["python3", app]' }],
      fixes: 'unsafe',
      output: null,
    },
  ],
});
