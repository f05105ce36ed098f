import { undefinedVar } from '../../server/src/rules/undefinedVar';
import { testRule } from '../support/ruleTester';

testRule(undefinedVar, {
  valid: [
    { name: 'an ARG declared before its use', code: 'FROM alpine AS base\nARG foo\nCOPY $foo .\n' },
    { name: 'PATH, which every image has', code: 'FROM alpine\nENV PATH=/opt/bin:$PATH\n' },
    { name: "appending to what the base image may set (BuildKit knows the base image's ENV; Layerwise does not)", code: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH\n' },
    { name: "a variable of the base image (BuildKit's example)", code: 'FROM python AS base\nARG VERSION=$PYTHON_VERSION\n' },
    { name: 'RUN, CMD and ENTRYPOINT: the shell expands them', code: 'FROM alpine\nRUN echo $later\nCMD echo $later\nENV later=1\n' },
    { name: 'an ENV of the stage built FROM', code: 'FROM alpine AS base\nENV APP=/app\nFROM base AS mid\nRUN true\nFROM mid\nWORKDIR $APP\n' },
    { name: 'single quotes keep the dollar', code: "FROM scratch\nLABEL price='$5'\n" },
    { name: 'an ARG default read by the next ARG of the same line', code: 'FROM alpine\nARG A=1 B=$A\n' },
    { name: 'a global ARG redeclared in the stage', code: 'ARG V=1\nFROM alpine\nARG V\nLABEL v=$V\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a typo of PATH",
      code: 'FROM alpine\nENV PATH=$PAHT:/app/bin\n',
      errors: [{ text: 'PATH=$PAHT:/app/bin', messageId: 'typo', message: 'did you mean $PATH?', buildkit: 'UndefinedVar' }],
      output: null,
    },
    {
      name: 'used before the ENV that sets it',
      code: 'FROM alpine\nENV PATH=$PYTHON_HOME/bin:$PATH\nENV PYTHON_HOME=/opt/python\n',
      errors: [{ text: 'PATH=$PYTHON_HOME/bin:$PATH', messageId: 'later', message: 'Move the ENV' }],
    },
    {
      name: 'from scratch nothing is inherited: every unset name counts',
      code: 'FROM scratch\nCOPY $foo .\nARG VERSION=${foo}\n',
      errors: [{ text: '$foo', messageId: 'undefined' }, { text: 'VERSION=${foo}' }],
    },
    {
      name: "a global ARG not redeclared in the stage, as Docker's scoping has it",
      code: 'ARG APP_DIR=/app\nFROM scratch\nWORKDIR $APP_DIR\n',
      errors: [{ text: '$APP_DIR' }],
    },
    {
      name: 'an ENV reads what was set before it, not its own earlier pairs',
      code: 'FROM scratch\nENV A=1 B=$A\n',
      errors: [{ text: 'B=$A' }],
    },
  ],
});
