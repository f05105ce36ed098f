import { pipeWithoutPipefail } from '../../server/src/rules/pipeWithoutPipefail';
import { testRule } from '../support/ruleTester';

testRule(pipeWithoutPipefail, {
  valid: [
    { name: "the alternatives of a case pattern are not a pipe", code: 'FROM debian\nRUN case "$(dpkg --print-architecture)" in amd64|arm64) echo ok ;; (i386|armhf) exit 1 ;; esac\n' },
    { name: 'case patterns over several lines', code: 'FROM debian\nRUN case "$ARCH" in \\\n      x86_64|amd64) A=x64 ;; \\\n      aarch64|arm64) A=arm64 ;; \\\n    esac && echo $A\n' },
    { name: "a Windows base image, whose cmd has no POSIX pipes to guard", code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a.txt | findstr x\n' },
    { name: "a docker-library Windows tag", code: 'FROM python:3.12-windowsservercore-ltsc2022\nRUN dir | findstr x\n' },
    { name: "micromamba's image, whose SHELL runs with pipefail", code: 'FROM mambaorg/micromamba:1.5.8\nRUN wget -qO- https://example.org/x.tgz | tar xz\n' },
    { name: "a Jupyter stack, whose SHELL sets pipefail", code: 'FROM quay.io/jupyter/scipy-notebook:2024-05-27\nRUN wget -qO- https://example.org/x.tgz | tar xz\n' },
    { name: "a pipe in the substitution of a command that runs: its own status counts, which pipefail leaves as it is", code: 'FROM debian\nRUN echo "$(curl -fsSL https://example.org/v | head -1)" && tar -xf "$(ls /tmp/*.tar | sort | tail -1)"\n' },
    { name: 'a substitution whose piped commands cannot fail, or that uses || rather than a pipe', code: 'FROM debian\nRUN V=$(echo "a|b" | tr a b) && W=$(cat /v || true) && echo $V $W\n' },
    { name: "a substitution that only reshapes text echoed into it (the corpus's TensorFlow and ROCm images)", code: 'FROM ubuntu:22.04\nARG TF_VERSION=2.15\nRUN tf_major=$(echo ${TF_VERSION} | sed "s/\\./ /g" | awk \'{print $1}\') && echo $tf_major\n' },
    { name: 'set -o pipefail before an assignment from a pipe', code: 'FROM ubuntu:22.04\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && V=$(curl -fsSL https://example.org/v | head -1) && echo $V\n' },
    { name: 'set -o pipefail first', code: 'FROM debian\nRUN set -o pipefail && curl -fsSL https://example.org/key | apt-key add -\n' },
    { name: 'set -euxo pipefail', code: 'FROM debian\nRUN set -euxo pipefail; wget -qO- https://example.org/x.tgz | tar xz\n' },
    { name: 'a SHELL that sets pipefail', code: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.org/x.tgz | tar xz\n' },
    { name: "/bin/sh -o pipefail on Alpine, whose /bin/sh is busybox ash", code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.org/x.tgz | tar xz\n' },
    { name: 'a SHELL set in the stage this one builds FROM', code: 'FROM debian AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN ls | sort\n' },
    { name: 'a PowerShell SHELL', code: 'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n' },
    { name: '|| is not a pipe', code: 'FROM debian\nRUN test -f /x || touch /x\n' },
    { name: 'a pipe inside quotes', code: 'FROM debian\nRUN echo "a | b" > /x\n' },
    // Corpus false alarms: pipefail adds nothing when only the last command can fail,
    // and it breaks `yes |`, which dies of SIGPIPE once the reader is done.
    { name: 'echo into a command, with an ARG-substituted value (corpus: pawsey openfoam)', code: 'FROM ubuntu:18.04\nARG OFVERSION=v2012\nRUN echo "root:${OFVERSION}" | chpasswd\n' },
    { name: 'yes into an installer (corpus: pawsey cmake)', code: 'FROM ubuntu:18.04\nRUN yes | ./cmake-3.31.7-linux-x86_64.sh --prefix=/usr\n' },
    { name: 'the exec form has no shell', code: 'FROM debian\nRUN ["sh", "-c", "ls | sort"]\n' },
  ],
  invalid: [
    {
      name: "an assignment from a pipe takes the last command's status, so a failed download leaves the variable empty and the RUN going on",
      code: 'FROM debian:12\nRUN VERSION=$(curl -fsSL https://api.github.com/repos/o/r/releases/latest | jq -r .tag_name) \\\n && wget -q https://github.com/o/r/archive/$VERSION.tar.gz\n',
      errors: [{ text: 'VERSION=$(curl -fsSL https://api.github.com/repos/o/r/releases/latest | jq -r .tag_name)', messageId: 'pipe', message: "a failed 'curl' goes unnoticed" }],
      output: null,
    },
    {
      name: "a program's output reshaped: the program may fail (the corpus's Spack images), and the message names it",
      code: "FROM ubuntu:22.04\nRUN pyver=$(python3 --version | awk '{print $2}') && echo $pyver\n",
      errors: [{ text: "pyver=$(python3 --version | awk '{print $2}')", message: "a failed 'python3'" }],
      output: null,
    },
    {
      name: 'a real pipe inside a case branch is still one',
      code: 'FROM debian\nRUN case "$ARCH" in amd64|arm64) wget -qO- https://example.org/x.tgz | tar xz ;; esac\n',
      errors: [{ text: 'wget -qO- https://example.org/x.tgz | tar xz' }],
    },
    {
      name: 'a stage with its own SHELL of bash on a Windows image is a POSIX shell again',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\nRUN wget -qO- https://example.org/x.tgz | tar xz\n',
      errors: [{ text: 'wget -qO- https://example.org/x.tgz | tar xz' }],
    },
    {
      name: "the lesson's CUDA example",
      code: 'FROM python:3.8-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    gnupg2 curl ca-certificates && \\\n    curl -fsSL https://developer.download.nvidia.com/compute/cuda/repos/ubuntu1804/x86_64/7fa2af80.pub | apt-key add - && \\\n    rm -rf /var/lib/apt/lists/*\n',
      errors: [{ text: 'curl -fsSL https://developer.download.nvidia.com/compute/cuda/repos/ubuntu1804/x86_64/7fa2af80.pub | apt-key add -', messageId: 'pipe', hadolint: 'DL4006', severity: 'warning', message: "'curl'" }],
      output: null,
    },
    {
      name: '/bin/sh -o pipefail on a dash system stops the build, as hadolint counts only bash, zsh and ash',
      code: 'FROM debian:bookworm-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.org/x.tgz | tar xz\n',
      errors: [{ text: 'wget -qO- https://example.org/x.tgz | tar xz', messageId: 'shPipefail', hadolint: 'DL4006' }],
      output: null,
    },
    {
      name: 'set -o pipefail after the pipe comes too late; an ARG-substituted URL',
      code: 'FROM debian\nARG V=1.0\nRUN wget -qO- https://example.org/tool-$V.tgz | tar xz && set -o pipefail\n',
      errors: [{ text: 'wget -qO- https://example.org/tool-$V.tgz | tar xz' }],
    },
    {
      name: 'a SHELL without pipefail, in a builder stage: bash has the option, so dash is not mentioned',
      code: 'FROM debian AS build\nSHELL ["/bin/bash", "-c"]\nRUN ls | sort | head -1 > /first\nFROM debian\nCOPY --from=build /first /first\n',
      errors: [{ text: 'ls | sort | head -1 > /first', messageId: 'pipeInShell', message: 'SHELL ["/bin/bash", ...]' }],
    },
    {
      name: 'a stage inherits its base stage\'s SHELL of bash (the OpenFOAM images of the corpus)',
      code: 'FROM ubuntu:22.04 AS base\nSHELL ["/bin/bash","-c"]\nFROM base\nRUN ./Allwmake 2>&1 | tee log.make\n',
      errors: [{ text: './Allwmake 2>&1 | tee log.make', messageId: 'pipeInShell' }],
    },
    {
      name: "on Alpine without a SHELL, /bin/sh is busybox ash, which has the option",
      code: 'FROM alpine:3.20\nRUN wget -qO- https://example.org/x.tgz | tar xz\n',
      errors: [{ text: 'wget -qO- https://example.org/x.tgz | tar xz', messageId: 'pipeAlpine' }],
    },
    {
      name: 'a continued RUN with a comment line',
      code: 'FROM debian\nRUN cat /etc/os-release \\\n# keep the name\n    | grep NAME\n',
      errors: [{ text: 'cat /etc/os-release \\\n# keep the name\n    | grep NAME' }],
    },
    {
      name: 'a heredoc script',
      code: 'FROM debian\nRUN <<EOF\nset -e\ncurl -fsSL https://example.org/install.sh | sh\nEOF\n',
      errors: [{ text: 'curl -fsSL https://example.org/install.sh | sh' }],
    },
    {
      name: 'a pipe that can fail after one that cannot',
      code: 'FROM debian\nRUN echo y | chpasswd && curl -fsSL https://example.org/x.sh | sh\n',
      errors: [{ text: 'curl -fsSL https://example.org/x.sh | sh' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN ls | sort\n',
      errors: [{ text: 'ls | sort' }],
    },
  ],
});
