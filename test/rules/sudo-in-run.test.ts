import { sudoInRun } from '../../server/src/rules/sudoInRun';
import { testRule } from '../support/ruleTester';

testRule(sudoInRun, {
  valid: [
    { name: 'no sudo', code: 'FROM ubuntu:22.04\nRUN apt-get update\n' },
    { name: 'sudo as an argument', code: 'FROM ubuntu:22.04\nRUN apt-get install -y sudo\n' },
    { name: 'sudo inside a file written by echo', code: 'FROM ubuntu:22.04\nRUN echo "sudo ls" > /x.sh\n' },
    { name: "the lesson's trick is for the host, not the Dockerfile", code: 'FROM ubuntu:18.04\nRUN usermod -aG docker root\n' },
    { name: 'silenced with the hadolint pragma', code: 'FROM ubuntu:22.04\n# hadolint ignore=DL3004\nRUN sudo apt-get update\n' },
    { name: 'a heredoc whose body is data', code: 'FROM ubuntu:22.04\nRUN cat <<EOF > /etc/sudoers.d/x\nsudo ALL=(ALL) NOPASSWD:ALL\nEOF\n' },
  ],
  invalid: [
    {
      name: 'sudo as root, in a base image the catalogue knows',
      code: 'FROM ubuntu:22.04\nRUN sudo apt-get update && sudo -E apt-get install -y git\n',
      errors: [{ text: 'sudo', messageId: 'sudo', hadolint: 'DL3004', severity: 'warning' }, { text: 'sudo' }],
      output: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\n',
    },
    {
      name: 'no fix after USER switches away from root',
      code: 'FROM ubuntu:22.04\nUSER app\nRUN sudo apt-get update\n',
      errors: [{ text: 'sudo' }],
      output: null,
    },
    {
      name: 'USER root again, in a stage built FROM another, with an ARG-named base and a comment line',
      code: 'ARG BASE=ubuntu:22.04\nFROM $BASE AS base\nUSER app\nFROM base\nUSER root\nRUN sudo make \\\n# everything\n    install\n',
      errors: [{ text: 'sudo' }],
      output: 'ARG BASE=ubuntu:22.04\nFROM $BASE AS base\nUSER app\nFROM base\nUSER root\nRUN make \\\n# everything\n    install\n',
    },
    {
      name: 'no fix on a base image that runs as its own user',
      code: 'FROM jupyter/scipy-notebook:2023-10-20\nRUN sudo apt-get update\n',
      errors: [{ text: 'sudo' }],
      output: null,
    },
    {
      name: 'no fix for sudo -u, which runs as another user',
      code: 'FROM ubuntu:22.04\nRUN sudo -u app make\n',
      errors: [{ text: 'sudo' }],
      output: null,
    },
    {
      name: 'a heredoc',
      code: 'FROM ubuntu:22.04\nRUN <<EOF\nsudo apt-get update\nEOF\n',
      errors: [{ text: 'sudo' }],
      output: 'FROM ubuntu:22.04\nRUN <<EOF\napt-get update\nEOF\n',
    },
    {
      name: 'ONBUILD, whose user is the child image\'s: no fix',
      code: 'FROM ubuntu:22.04\nONBUILD RUN sudo make install\n',
      errors: [{ text: 'sudo' }],
      output: null,
    },
    {
      name: 'the exec form',
      code: 'FROM ubuntu:22.04\nRUN ["sudo", "make", "install"]\n',
      errors: [{ text: '"sudo"' }],
      output: null,
    },
  ],
});
