import { repeatedCmdOrEntrypoint } from '../../server/src/rules/repeatedCmdOrEntrypoint';
import { testRule } from '../support/ruleTester';

testRule(repeatedCmdOrEntrypoint, {
  valid: [
    { name: "the lesson's pip example: one CMD", code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install astropy\nCMD [ "/bin/bash" ]\n' },
    { name: 'one CMD and one ENTRYPOINT', code: 'FROM debian\nENTRYPOINT ["/bin/bash", "-l", "-c", "$*", "--"]\nCMD ["/bin/bash"]\n' },
    { name: 'one CMD in each stage', code: 'FROM debian AS build\nCMD ["make"]\nFROM build\nCMD ["/bin/bash"]\n' },
    { name: 'an ONBUILD CMD, which belongs to the images built FROM this one', code: 'FROM debian\nONBUILD CMD ["python3"]\nCMD ["/bin/bash"]\n' },
    { name: 'a silenced CMD', code: 'FROM debian\n# hadolint ignore=DL4003\nCMD ["a"]\nCMD ["b"]\n' },
    { name: "BuildKit's check skipped by the Dockerfile's directive", code: '# check=skip=MultipleInstructionsDisallowed\nFROM debian\nCMD ["a"]\nCMD ["b"]\n' },
    { name: 'every BuildKit check skipped', code: '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM debian\nCMD ["a"]\nCMD ["b"]\n' },
    { name: "BuildKit's check skipped for one instruction by a comment above it", code: 'FROM debian\n# check=skip=MultipleInstructionsDisallowed\nCMD ["a"]\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      name: 'two CMDs, shell and exec form: the earlier one has no effect',
      code: 'FROM python:3.8-slim\nCMD python3\nRUN pip --no-cache-dir install astropy\nCMD [ "/bin/bash" ]\n',
      errors: [{ text: 'CMD python3', line: 2, messageId: 'overridden', message: 'the CMD on line 4', severity: 'warning', hadolint: 'DL4003' }],
      output: null,
    },
    {
      name: 'two ENTRYPOINTs',
      code: 'FROM debian\nENTRYPOINT ["/a"]\nENTRYPOINT ["/b"]\n',
      errors: [{ text: 'ENTRYPOINT ["/a"]', message: 'This ENTRYPOINT has no effect: the ENTRYPOINT on line 3', hadolint: 'DL4004' }],
    },
    {
      name: 'three CMDs: both earlier ones, each pointing at the last',
      code: 'FROM debian\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n',
      errors: [
        { text: 'CMD ["a"]', message: 'line 4' },
        { text: 'CMD ["b"]', message: 'line 4' },
      ],
    },
    {
      name: 'multi-stage: only within the stage',
      code: 'FROM debian AS build\nCMD ["make"]\nFROM build\nCMD ["a"]\nCMD ["b"]\n',
      errors: [{ text: 'CMD ["a"]', line: 4 }],
    },
    {
      name: 'a continued CMD with a comment line, and an ARG-substituted one',
      code: 'FROM debian\nARG APP=/bin/bash\nCMD ["python3", \\\n# the script\n     "app.py"]\nCMD $APP\n',
      errors: [{ text: 'CMD ["python3", \\\n# the script\n     "app.py"]', line: 3 }],
    },
    {
      name: "two HEALTHCHECKs: BuildKit's MultipleInstructionsDisallowed and hadolint's DL3012",
      code: 'FROM debian\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK NONE\n',
      errors: [{ text: 'HEALTHCHECK CMD curl -f http://localhost/', message: 'the HEALTHCHECK on line 3', hadolint: 'DL3012' }],
    },
    {
      name: '# check=error=true makes it an error, as the build fails on it',
      code: '# check=error=true\nFROM debian\nCMD ["a"]\nCMD ["b"]\n',
      errors: [{ text: 'CMD ["a"]', severity: 'error' }],
    },
    {
      name: 'an ONBUILD CMD does not hide a repeated top-level one',
      code: 'FROM debian\nCMD ["a"]\nONBUILD CMD ["x"]\nCMD ["b"]\n',
      errors: [{ text: 'CMD ["a"]' }],
    },
  ],
});
