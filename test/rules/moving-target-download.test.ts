import { movingTargetDownload } from '../../server/src/rules/movingTargetDownload';
import { testRule } from '../support/ruleTester';

testRule(movingTargetDownload, {
  valid: [
    {
      name: 'a raw file or an archive of a tag or a commit',
      code: 'FROM debian\nRUN wget https://raw.githubusercontent.com/o/r/v1.2.3/install.sh && wget https://github.com/o/r/archive/1bf86713f5a9c4ec24d5fcd22edd40a04991b215.tar.gz && wget https://gitlab.com/g/p/-/raw/v2.0/f.txt\n',
    },
    {
      name: "an archive of a tag by its refs/tags path, one with a '/' in it, and one written with a variable (the corpus's CGAL, cuQuantum and libfabric)",
      code: 'FROM debian\nARG V=1.22.0\nRUN wget https://github.com/CGAL/cgal/archive/refs/tags/releases/CGAL-4.11.tar.gz && wget https://github.com/NVIDIA/cuQuantum/archive/refs/tags/v24.08.0.tar.gz && wget https://github.com/ofiwg/libfabric/archive/refs/tags/v${V}.tar.gz\n',
    },
    { name: 'a ref from an ARG whose default is a tag', code: 'FROM debian:12\nARG REF=v1.2.3\nRUN git clone -b "$REF" https://github.com/o/tool.git\n' },
    { name: 'a ref from an ARG without a default: --build-arg decides', code: 'FROM debian:12\nARG REF\nRUN git clone -b "$REF" https://github.com/o/tool.git\n' },
    { name: 'a URL from an ARG that names a version', code: 'FROM debian:12\nARG URL=https://example.org/tool-1.2.tgz\nRUN wget -q $URL\n' },
    { name: 'a versioned download', code: 'FROM debian\nRUN wget https://repo.anaconda.com/miniconda/Miniconda3-py38_4.8.2-Linux-x86_64.sh\n' },
    { name: 'git clone --branch <tag>', code: 'FROM debian\nRUN git clone --depth 1 --branch v4.0.1 https://github.com/astropy/astropy.git\n' },
    { name: 'git clone -b from an ARG', code: 'FROM debian\nARG TAG=v1.0\nRUN git clone -b "$TAG" https://github.com/owner/repo.git\n' },
    { name: 'git checkout <commit> after the clone, in a continued RUN with a comment line', code: 'FROM debian\nRUN git clone https://github.com/owner/repo.git \\\n    # pin it\n    && cd repo && git checkout 1a2b3c4d\n' },
    { name: 'git checkout <tag> in a later RUN of the stage', code: 'FROM debian\nRUN git clone https://github.com/owner/repo.git\nWORKDIR /repo\nRUN git checkout v2.1 && make\n' },
    { name: 'git fetch of a commit, checked out as FETCH_HEAD', code: 'FROM debian\nRUN git clone --depth 1 https://github.com/owner/repo.git && cd repo \\\n && git fetch --depth 1 origin 1a2b3c4d5e && git checkout FETCH_HEAD\n' },
    { name: "'latest' inside a longer word is not the latest", code: 'FROM debian\nRUN curl -fsSLO https://example.org/files/latestnews-1.0.txt\n' },
    { name: 'a URL that is only echoed is not downloaded', code: 'FROM debian\nRUN echo https://example.org/releases/latest/x.tgz > /url\n' },
    { name: 'get-pip.py given the version of pip to install, after a pipe', code: 'FROM python:3.12-slim\nRUN curl -fsSL https://bootstrap.pypa.io/get-pip.py | python - pip==24.2\n' },
    { name: 'get-pip.py saved and run with a version from an ARG', code: 'FROM python:3.12-slim\nARG PIP_VERSION=24.2\nRUN wget -q https://bootstrap.pypa.io/get-pip.py && python get-pip.py "pip==${PIP_VERSION}" && rm get-pip.py\n' },
    { name: 'get-pip.py fetched by ADD and run with a version by a later RUN', code: 'FROM python:3.12-slim\nADD https://bootstrap.pypa.io/get-pip.py /tmp/\nRUN python /tmp/get-pip.py pip==24.2 && rm /tmp/get-pip.py\n' },
    { name: 'a silenced instruction', code: 'FROM debian\n# layerwise-ignore=moving-target-download -- a nightly image\nRUN git clone https://github.com/owner/repo.git\n' },
  ],
  invalid: [
    {
      name: "get-pip.py piped to python with no version (the corpus's CUDA Quantum images)",
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 curl && \\\n        curl https://bootstrap.pypa.io/get-pip.py | python - && \\\n        pip install numpy==1.26.4\n',
      errors: [{ text: 'https://bootstrap.pypa.io/get-pip.py', messageId: 'getPip', message: "'python - pip==24.2'" }],
    },
    {
      name: "get-pip.py for an old Python installs the newest pip for it, which still moves",
      code: 'FROM python:3.7-slim\nRUN wget https://bootstrap.pypa.io/pip/3.7/get-pip.py && python get-pip.py && rm get-pip.py\n',
      errors: [{ text: 'https://bootstrap.pypa.io/pip/3.7/get-pip.py', messageId: 'getPip' }],
    },
    {
      name: 'get-pip.py fetched by ADD, run with no version: a version given in another stage does not count',
      code: 'FROM python:3.12-slim AS a\nADD https://bootstrap.pypa.io/get-pip.py /tmp/\nRUN python /tmp/get-pip.py\nFROM python:3.12-slim\nRUN curl -fsSL https://bootstrap.pypa.io/get-pip.py | python - pip==24.2\n',
      errors: [{ text: 'https://bootstrap.pypa.io/get-pip.py', line: 2, messageId: 'getPip' }],
    },
    {
      name: "a raw file of a branch (the corpus's OpenFOAM 2.2.0 image), an archive of one, and GitLab's",
      code: 'FROM debian\nRUN wget "https://raw.github.com/wyldckat/scripts4OpenFOAM3rdParty/master/getCmake" && wget https://github.com/o/r/archive/refs/heads/main.tar.gz && curl -fsSLO https://gitlab.com/g/p/-/raw/develop/f.txt\n',
      errors: [
        { text: '"https://raw.github.com/wyldckat/scripts4OpenFOAM3rdParty/master/getCmake"', messageId: 'branch', message: "branch 'master'" },
        { text: 'https://github.com/o/r/archive/refs/heads/main.tar.gz', messageId: 'branch', message: "'main'" },
        { text: 'https://gitlab.com/g/p/-/raw/develop/f.txt', messageId: 'branch', message: "'develop'" },
      ],
    },
    {
      name: 'any ref that names no version or commit is a branch, as a clone\'s is judged',
      code: 'FROM debian\nRUN wget https://raw.githubusercontent.com/o/r/gh-pages/install.sh\n',
      errors: [{ text: 'https://raw.githubusercontent.com/o/r/gh-pages/install.sh', messageId: 'branch', message: "'gh-pages'" }],
    },
    {
      name: 'a branch that moves, passed through an ARG',
      code: 'FROM debian:12\nARG BRANCH=main\nRUN git clone -b $BRANCH https://github.com/o/tool.git /opt/tool\n',
      errors: [{ text: '$BRANCH', messageId: 'branchVariable', message: "'main'" }],
    },
    {
      name: 'a latest URL, passed through a global ARG that the stage declares again',
      code: 'ARG URL=https://example.org/releases/latest/tool.tgz\nFROM debian:12\nARG URL\nRUN wget -qO- $URL | tar xz\n',
      errors: [{ text: '$URL', messageId: 'latestVariable' }],
    },
    {
      name: 'latest in a file name',
      code: 'FROM debian\nRUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh\n',
      errors: [{ text: 'https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh', messageId: 'latest', severity: 'info', hadolint: null }],
      output: null,
    },
    {
      name: "GitHub's /releases/latest/ with curl, and in ADD, in two stages",
      code: 'FROM debian AS build\nRUN curl -fsSLO https://github.com/owner/tool/releases/latest/download/tool.tgz\nFROM debian\nADD https://github.com/owner/tool/releases/latest/download/tool.tgz /tmp/\n',
      errors: [{ text: 'https://github.com/owner/tool/releases/latest/download/tool.tgz', line: 2 }, { text: 'https://github.com/owner/tool/releases/latest/download/tool.tgz', line: 4 }],
    },
    {
      name: 'git clone without a ref, and with a moving branch',
      code: 'FROM debian\nRUN git clone https://github.com/owner/a.git && git clone --branch main https://github.com/owner/b.git\n',
      errors: [{ text: 'https://github.com/owner/a.git', messageId: 'clone' }, { text: 'https://github.com/owner/b.git', messageId: 'clone' }],
    },
    {
      name: 'a checkout of a branch does not pin, nor does a checkout before the clone',
      code: 'FROM debian\nRUN git checkout v1 ; git clone https://github.com/owner/a.git && cd a && git checkout master\n',
      errors: [{ text: 'https://github.com/owner/a.git' }],
    },
    {
      name: 'a checkout in the next stage does not pin a clone of the stage before',
      code: 'FROM debian AS src\nRUN git clone https://github.com/owner/a.git\nFROM src\nRUN cd a && git checkout v1.2\n',
      errors: [{ text: 'https://github.com/owner/a.git', line: 2 }],
    },
    {
      name: 'a URL from an ARG-substituted value',
      code: 'FROM debian\nARG REPO=https://github.com/owner/a.git\nRUN git clone --recursive "$REPO"\n',
      errors: [{ text: '"$REPO"' }],
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\ngit clone https://github.com/owner/a.git\nEOF\n',
      errors: [{ text: 'https://github.com/owner/a.git' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN wget https://example.org/tool/latest/tool.tgz\n',
      errors: [{ text: 'https://example.org/tool/latest/tool.tgz' }],
    },
    {
      name: 'the exec form',
      code: 'FROM debian\nRUN ["git", "clone", "https://github.com/owner/a.git"]\n',
      errors: [{ text: '"https://github.com/owner/a.git"' }],
    },
  ],
});
