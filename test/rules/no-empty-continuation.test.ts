import { noEmptyContinuation } from '../../server/src/rules/noEmptyContinuation';
import { testRule } from '../support/ruleTester';

testRule(noEmptyContinuation, {
  valid: [
    { name: 'continued lines without a blank one', code: 'FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n' },
    { name: 'a comment line inside the continuation', code: 'FROM debian\nRUN apt-get update && \\\n# the tools\n    apt-get install -y curl\n' },
    { name: 'blank lines between instructions', code: 'FROM debian\n\n\nRUN true\n' },
    { name: 'a blank line in a heredoc body', code: 'FROM debian\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
    { name: 'skipped by the directive', code: '# check=skip=NoEmptyContinuation\nFROM debian\nRUN echo a \\\n\n    b\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: a blank line after a continuation; the fix removes it",
      code: 'FROM alpine\nEXPOSE \\\n\n80\n',
      errors: [{ text: '\n', line: 3, messageId: 'empty', buildkit: 'NoEmptyContinuation' }],
      output: 'FROM alpine\nEXPOSE \\\n80\n',
    },
    {
      name: 'several blank lines, one with spaces, and CRLF line ends',
      code: 'FROM alpine\r\nRUN echo a && \\\r\n  \r\n\r\n    echo b\r\n',
      errors: [{ text: '  \r\n\r\n' }],
      output: 'FROM alpine\r\nRUN echo a && \\\r\n    echo b\r\n',
    },
    {
      name: 'with the backtick escape',
      code: '# escape=`\nFROM alpine\nRUN echo a `\n\n    b\n',
      errors: [{ text: '\n' }],
      output: '# escape=`\nFROM alpine\nRUN echo a `\n    b\n',
    },
  ],
});
