import { aptInsteadOfAptGet } from '../../server/src/rules/aptInsteadOfAptGet';
import { testRule } from '../support/ruleTester';

testRule(aptInsteadOfAptGet, {
  valid: [
    { name: 'apt-get', code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'apt-cache', code: 'FROM ubuntu:22.04\nRUN apt-cache policy git\n' },
    { name: 'apt as an argument', code: 'FROM ubuntu:22.04\nRUN echo apt install git\n' },
    { name: 'a file named apt', code: 'FROM ubuntu:22.04\nRUN ls /etc/apt\n' },
    { name: 'silenced with the hadolint pragma', code: 'FROM ubuntu:22.04\n# hadolint ignore=DL3027\nRUN apt install -y git\n' },
    { name: 'aptitude is another tool', code: 'FROM debian\nRUN aptitude install -y git\n' },
  ],
  invalid: [
    {
      name: 'apt update and apt install',
      code: 'FROM ubuntu:22.04\nRUN apt update && apt install -y git\n',
      errors: [{ text: 'apt', messageId: 'apt', hadolint: 'DL3027', severity: 'warning' }, { text: 'apt' }],
      output: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\n',
    },
    {
      name: 'apt upgrade is flagged without a fix, since apt-get upgrade does less',
      code: 'FROM ubuntu:22.04\nRUN apt upgrade -y\n',
      errors: [{ text: 'apt' }],
      output: null,
    },
    {
      name: 'behind sudo, in every stage, with an ARG version and a comment line',
      code: 'FROM ubuntu:22.04 AS build\nARG V=1:2.34.1-1ubuntu1\nRUN sudo apt install -y \\\n# the one tool\n    git=$V\nFROM ubuntu:22.04\n',
      errors: [{ text: 'apt' }],
      output: 'FROM ubuntu:22.04 AS build\nARG V=1:2.34.1-1ubuntu1\nRUN sudo apt-get install -y \\\n# the one tool\n    git=$V\nFROM ubuntu:22.04\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM ubuntu:22.04\nRUN <<EOF\n/usr/bin/apt install -y git\nEOF\n',
      errors: [{ text: '/usr/bin/apt' }],
      output: 'FROM ubuntu:22.04\nRUN <<EOF\n/usr/bin/apt-get install -y git\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM ubuntu:22.04\nONBUILD RUN apt remove -y git\n',
      errors: [{ text: 'apt' }],
      output: 'FROM ubuntu:22.04\nONBUILD RUN apt-get remove -y git\n',
    },
    {
      name: 'the exec form',
      code: 'FROM ubuntu:22.04\nRUN ["apt", "install", "-y", "git"]\n',
      errors: [{ text: '"apt"' }],
      output: 'FROM ubuntu:22.04\nRUN ["apt-get", "install", "-y", "git"]\n',
    },
  ],
});
