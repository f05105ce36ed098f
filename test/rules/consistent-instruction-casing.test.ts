import { consistentInstructionCasing } from '../../server/src/rules/consistentInstructionCasing';
import { testRule } from '../support/ruleTester';

testRule(consistentInstructionCasing, {
  valid: [
    { name: 'all upper case', code: 'FROM debian\nRUN true\nCMD ["bash"]\n' },
    { name: 'all lower case', code: 'from debian\nrun true\ncmd ["bash"]\n' },
    { name: 'a global ARG is not counted, as BuildKit does not read it', code: 'arg V=1\nFROM debian\nRUN true\n' },
    { name: "an unknown keyword is dockerfile-syntax's: upper case would not make it valid", code: 'FROM debian\nfoo bar\nRUN true\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: one lower-case instruction among upper-case ones",
      code: 'FROM alpine\nrun echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
      errors: [{ text: 'run', messageId: 'casing', message: 'upper-case', buildkit: 'ConsistentInstructionCasing' }],
      output: 'FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
    },
    {
      name: 'a mixed-case keyword in a lower-case file',
      code: 'from alpine\nRun echo hi\ncmd ["sh"]\n',
      errors: [{ text: 'Run', message: 'lower-case' }],
      output: 'from alpine\nrun echo hi\ncmd ["sh"]\n',
    },
    {
      name: 'a tie goes to upper case',
      code: 'FROM alpine\nrun echo hi\n',
      errors: [{ text: 'run' }],
      output: 'FROM alpine\nRUN echo hi\n',
    },
    {
      name: 'an ONBUILD counts by its own keyword',
      code: 'FROM alpine\nonbuild RUN echo hi\nRUN true\n',
      errors: [{ text: 'onbuild' }],
      output: 'FROM alpine\nONBUILD RUN echo hi\nRUN true\n',
    },
  ],
});
