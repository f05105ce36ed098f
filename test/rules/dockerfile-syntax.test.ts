import { dockerfileSyntax } from '../../server/src/rules/dockerfileSyntax';
import { testRule } from '../support/ruleTester';

testRule(dockerfileSyntax, {
  valid: [
    { name: 'every known instruction, lower case too', code: 'ARG V=1\nFROM debian:$V AS base\nrun echo hi\nCOPY a b\nWORKDIR /x\nENV A=1\nCMD ["bash"]\n' },
    { name: 'a closed heredoc', code: 'FROM debian\nRUN <<EOF\necho hi\nEOF\n' },
    { name: 'a closed <<-EOF heredoc with a quoted marker', code: "FROM debian\nRUN <<-'EOF' bash\n\techo hi\n\tEOF\n" },
    { name: 'ONBUILD with a known trigger', code: 'FROM debian\nONBUILD RUN echo hi\n' },
    { name: 'the escape directive and a continued RUN', code: '# escape=`\nFROM debian\nRUN echo `\n  hi\n' },
    { name: 'the exec form', code: 'FROM debian\nRUN ["echo", "hi"]\n' },
  ],
  invalid: [
    {
      name: 'a check directive BuildKit cannot read stops the build',
      code: '# syntax=docker/dockerfile:1\n# check=skip;error=yes\nFROM debian\n',
      errors: [{ text: '# check=skip;error=yes', messageId: 'checkDirective', severity: 'error' }],
      output: null,
    },
    { name: 'an unknown instruction', code: 'FROM debian\nRUNN apt-get update\n', errors: [{ text: 'RUNN', line: 2, messageId: 'unknown', severity: 'error' }], output: null },
    { name: 'an unknown instruction is named as written, not upper-cased', code: 'FROM debian\nrunn apt-get update\n', errors: [{ text: 'runn', message: "'runn'" }] },
    {
      name: 'a file holding only a path: a symbolic link git wrote out as text (the lesson\'s 3.mpi4py/Dockerfile.1-mpi4py)',
      code: '../2.mpi.python/Dockerfile',
      errors: [{ text: '../2.mpi.python/Dockerfile', messageId: 'pathOnly', message: "only the path '../2.mpi.python/Dockerfile'" }],
    },
    { name: 'a symbolic link to a file beside it (the corpus\'s slurm-base/Dockerfile)', code: 'buildslurm.dockerfile', errors: [{ text: 'buildslurm.dockerfile', messageId: 'pathOnly' }] },
    { name: 'an unterminated heredoc', code: 'FROM debian\nRUN <<EOF\napt-get update\n', errors: [{ text: 'RUN', messageId: 'heredoc', message: '<<EOF' }] },
    { name: 'an unterminated heredoc in ONBUILD', code: 'FROM debian\nONBUILD RUN <<END\necho\n', errors: [{ text: 'ONBUILD', message: '<<END' }] },
    { name: 'an empty file', code: '', errors: [{ text: '', messageId: 'noFrom' }] },
    { name: 'only comments', code: '# nothing here\n', errors: [{ text: '', messageId: 'noFrom' }] },
    { name: 'no FROM before RUN', code: 'ARG V=1\nRUN echo $V\n', errors: [{ text: 'ARG', messageId: 'noFrom' }] },
    { name: 'a RUN before the first FROM', code: '# syntax=docker/dockerfile:1\nARG V=1\nRUN echo $V\nFROM debian:$V\n', errors: [{ text: 'RUN', messageId: 'beforeFrom', message: "'RUN' comes before the first FROM" }], output: null },
    { name: 'ENV and an ONBUILD before the first FROM, each reported', code: 'ENV A=1\nonbuild RUN x\nFROM debian\nRUN echo\n', errors: [{ text: 'ENV', messageId: 'beforeFrom' }, { text: 'onbuild', messageId: 'beforeFrom' }] },
    {
      name: 'a RUN line that lacks its continuation, as in a corpus file',
      code: 'FROM debian\nRUN echo a \\\n    && echo b\n    && echo c\n',
      errors: [{ text: '&&', line: 4, messageId: 'unjoined', message: "lacks its continuation '\\'" }],
    },
    { name: 'an unknown instruction after a continued RUN with a comment line', code: 'FROM debian\nRUN echo a \\\n# note\n  b\nFORM x\n', errors: [{ text: 'FORM', line: 5 }] },
  ],
});
