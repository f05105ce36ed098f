import { aptPackageNotPinned } from '../../server/src/rules/aptPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(aptPackageNotPinned, {
  valid: [
    { name: 'every package pinned', code: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y git=1:2.39.2-1.1 curl=7.88.1-10\n' },
    { name: 'a version from an ARG', code: 'FROM debian:bookworm\nARG GIT_VERSION=1:2.39.2-1.1\nRUN apt-get install -y git=$GIT_VERSION\n' },
    { name: 'a local .deb file', code: 'FROM debian:bookworm\nRUN apt-get install -y ./cuda-keyring_1.1-1_all.deb /tmp/x.deb\n' },
    { name: 'packages from a variable cannot be judged', code: 'FROM debian:bookworm\nARG PACKAGES\nRUN apt-get install -y $PACKAGES\n' },
    { name: 'apt-get update, remove and download do not install', code: 'FROM debian:bookworm\nRUN apt-get update && apt-get remove -y git && apt-get download curl\n' },
    { name: "hadolint's pragma", code: 'FROM debian:bookworm\n# hadolint ignore=DL3008\nRUN apt-get install -y git\n' },
  ],
  invalid: [
    {
      name: "a package named twice in one install is counted once (the corpus's MPI base images)",
      code: 'FROM debian\nRUN apt-get install -y gdb wget make gcc g++ gdb wget\n',
      errors: [{ text: 'gdb wget make gcc g++ gdb wget', message: "'gdb', 'wget', 'make', 'gcc' and 1 more" }],
    },
    {
      name: "the lesson's Ubuntu Dockerfile.1: one finding for the list, at info",
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           build-essential \\\n           gfortran \\\n           git \\\n           wget\n',
      errors: [{ text: 'build-essential \\\n           gfortran \\\n           git \\\n           wget', line: 5, messageId: 'unpinned', severity: 'info', hadolint: 'DL3008', message: "'build-essential', 'gfortran', 'git', 'wget'" }],
      output: null,
    },
    {
      name: 'a long list names four and counts the rest; pinned ones are left out',
      code: 'FROM debian:bookworm\nRUN apt-get install -y a b=1 c d e f\n',
      errors: [{ text: 'a b=1 c d e f', message: "'a', 'c', 'd', 'e' and 1 more" }],
    },
    {
      name: 'a release or an architecture is not a version',
      code: 'FROM debian:bookworm\nRUN apt-get install -y -t bookworm-backports git/bookworm-backports libc6:amd64\n',
      errors: [{ text: 'git/bookworm-backports libc6:amd64', message: "'git', 'libc6'" }],
    },
    {
      name: 'an ARG-substituted image and a second stage',
      code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION AS build\nRUN apt-get install -y gcc\nFROM ubuntu:$OS_VERSION\nRUN apt install -y git\n',
      errors: [{ text: 'gcc' }, { text: 'git' }],
    },
    {
      name: 'a continued RUN with a comment line',
      code: 'FROM debian:bookworm\nRUN apt-get install -y \\\n    # the tools\n    git\n',
      errors: [{ text: 'git', line: 4 }],
    },
    {
      name: 'a heredoc',
      code: 'FROM debian:bookworm\nRUN <<EOF\napt-get install -y git\nEOF\n',
      errors: [{ text: 'git' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:bookworm\nONBUILD RUN apt-get install -y git\n',
      errors: [{ text: 'git' }],
    },
    {
      name: 'the exec form',
      code: 'FROM debian:bookworm\nRUN ["apt-get", "install", "-y", "git"]\n',
      errors: [{ text: '"git"' }],
    },
  ],
});
