import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { versionNotInArg } from '../../server/src/rules/versionNotInArg';
import { lintWith, testRule } from '../support/ruleTester';

testRule(versionNotInArg, {
  valid: [
    { name: "the lesson's pip Dockerfile.3: the version already in an ARG", code: 'FROM python:3.8-slim\n\nARG ASTRO_VERSION="3.2.3"\nRUN pip --no-cache-dir install astropy==$ASTRO_VERSION\n' },
    { name: "the lesson's conda Dockerfile.2", code: 'FROM continuumio/miniconda3:4.8.2\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION \\\n      && conda clean -ay\n' },
    { name: 'a requirements file', code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\n' },
    {
      name: "a number in a GitHub repository's name is part of the name, and the archive is pinned by its commit (the corpus's swak4Foam image)",
      code: 'FROM ubuntu:22.04\nRUN wget "https://github.com/Mirror/openfoam-extend-Breeder2.0-libraries-swak4Foam/archive/1bf86713f5a9c4ec24d5fcd22edd40a04991b215.tar.gz" -O swak4Foam.tar.gz\n',
    },
    { name: "a number in a GitLab group's or project's name", code: 'FROM ubuntu:22.04\nRUN wget https://gitlab.com/team2.0/tools/-/archive/0123abcd/tools-0123abcd.tar.gz\n' },
    { name: 'a URL with the version from an ARG', code: 'FROM debian\nARG TOOL_VERSION="2.0"\nRUN wget https://example.org/tool-${TOOL_VERSION}.tar.gz\n' },
    { name: 'a range is not one written version', code: 'FROM python:3.8-slim\nRUN pip install "numpy>=1.19"\n' },
    { name: 'a number that continues a variable is not a written version', code: 'FROM debian\nARG MAJOR=3\nRUN wget https://example.org/tool-${MAJOR}.2.1.tar.gz\n' },
    { name: 'a git clone of a branch or of a tag from an ARG', code: 'FROM debian\nARG TAG=v1.0\nRUN git clone -b main https://github.com/o/a.git && git clone -b "$TAG" https://github.com/o/b.git\n' },
    { name: 'a URL without a version', code: 'FROM debian\nRUN curl -fsSL https://example.org/install.sh -o /tmp/install.sh\n' },
    { name: 'a version in a word that is not a download', code: 'FROM debian\nRUN echo https://example.org/tool-2.0.tar.gz > /etc/url\n' },
    { name: "a version folder below a project's folder may be another thing's version: get-pip for Python 3.7 is not pip 3.7", code: 'FROM python:3.7-slim\nRUN curl -fsSLO https://bootstrap.pypa.io/pip/3.7/get-pip.py && python get-pip.py\n' },
    { name: 'a silenced instruction', code: 'FROM python:3.8-slim\n# layerwise-ignore=version-not-in-arg -- fixed on purpose\nRUN pip install astropy==3.2.3\n' },
  ],
  invalid: [
    {
      name: "a version an ENV above holds already: the message says to write its variable, and no fix is offered (the lesson's 3.cuda)",
      code: 'FROM ubuntu:18.04\nENV NCCL_VERSION 2.7.8\nRUN apt-get install -y libnccl2=$NCCL_VERSION-1+cuda10.2 libnccl-dev=2.7.8-1+cuda10.2\n',
      errors: [{ text: 'libnccl-dev=2.7.8-1+cuda10.2', messageId: 'held', message: 'which ENV NCCL_VERSION above it holds already: write $NCCL_VERSION in its place' }],
      output: null,
    },
    {
      name: 'pip install pkg==X, fixed as the lesson writes it',
      code: 'FROM python:3.8-slim\n\nRUN pip --no-cache-dir install astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3', line: 3, messageId: 'package', severity: 'hint', message: 'ASTROPY_VERSION', hadolint: null }],
      output: 'FROM python:3.8-slim\n\nARG ASTROPY_VERSION="3.2.3"\nRUN pip --no-cache-dir install astropy==$ASTROPY_VERSION\n',
    },
    {
      name: "pipx's --spec=… written joined: the version moves inside the option's value",
      code: 'FROM python:3.12-slim\nRUN pipx install --spec=black==24.8.0 black\n',
      errors: [{ text: 'black==24.8.0', line: 2, messageId: 'package' }],
      output: 'FROM python:3.12-slim\nARG BLACK_VERSION="24.8.0"\nRUN pipx install --spec=black==$BLACK_VERSION black\n',
    },
    {
      name: 'conda install pkg=X and apt-get install pkg=X, one ARG each',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN apt-get install -y git=1:2.20.1-2 && conda install -y numpy=1.19.1\n',
      errors: [{ text: 'git=1:2.20.1-2' }, { text: 'numpy=1.19.1' }],
      output:
        'FROM continuumio/miniconda3:4.8.2\nARG GIT_VERSION="1:2.20.1-2"\nARG NUMPY_VERSION="1.19.1"\nRUN apt-get install -y git=$GIT_VERSION && conda install -y numpy=$NUMPY_VERSION\n',
    },
    {
      name: 'a URL and the archive and folder it unpacks, in a continued RUN with a comment line',
      code: 'FROM debian\nRUN mkdir -p /tmp/tool-build \\\n      && cd /tmp/tool-build \\\n      # fetch the sources\n      && wget https://example.org/tool-2.0.tar.gz \\\n      && tar xf tool-2.0.tar.gz && cd tool-2.0\n',
      errors: [{ text: 'https://example.org/tool-2.0.tar.gz', line: 5, messageId: 'url' }],
      output:
        'FROM debian\nARG TOOL_VERSION="2.0"\nRUN mkdir -p /tmp/tool-build \\\n      && cd /tmp/tool-build \\\n      # fetch the sources\n      && wget https://example.org/tool-${TOOL_VERSION}.tar.gz \\\n      && tar xf tool-${TOOL_VERSION}.tar.gz && cd tool-$TOOL_VERSION\n',
    },
    {
      name: 'the ARG goes into the stage of the RUN, in its indentation; a global ARG of the name is not in scope, so the name says whose version it is (the tool, then the stage), and a number comes last',
      code: 'ARG NUMPY_VERSION=1.18\nFROM python:3.8 AS build\nRUN pip install numpy==1.18\nFROM python:3.8-slim AS test\nRUN pip install numpy==1.19.1\nFROM python:3.8-slim\n  RUN pip install numpy==1.20.0\n',
      errors: [{ text: 'numpy==1.18' }, { text: 'numpy==1.19.1' }, { text: 'numpy==1.20.0' }],
      output:
        'ARG NUMPY_VERSION=1.18\nFROM python:3.8 AS build\nARG PIP_NUMPY_VERSION="1.18"\nRUN pip install numpy==$PIP_NUMPY_VERSION\nFROM python:3.8-slim AS test\nARG TEST_NUMPY_VERSION="1.19.1"\nRUN pip install numpy==$TEST_NUMPY_VERSION\nFROM python:3.8-slim\n  ARG NUMPY_VERSION_2="1.20.0"\n  RUN pip install numpy==$NUMPY_VERSION_2\n',
    },
    {
      name: "a name taken by an ENV, by the base image or by an ARG of another value is not reused: python's PYTHON_VERSION is the image's, so pip's python is PIP_PYTHON_VERSION (not PYTHON_VERSION_2, which reads like Python 2)",
      code: 'FROM python:3.8-slim\nENV TOOL_VERSION=1\nARG NUMPY_VERSION=1.0\nRUN pip install numpy==1.19.1 python==3.8.5\n',
      errors: [{ text: 'numpy==1.19.1' }, { text: 'python==3.8.5' }],
      output:
        'FROM python:3.8-slim\nENV TOOL_VERSION=1\nARG NUMPY_VERSION=1.0\nARG PIP_NUMPY_VERSION="1.19.1"\nARG PIP_PYTHON_VERSION="3.8.5"\nRUN pip install numpy==$PIP_NUMPY_VERSION python==$PIP_PYTHON_VERSION\n',
    },
    {
      name: 'an ARG in scope that already holds the version is used, not declared again',
      code: 'FROM debian\nARG TCL_VERSION="8.6.13"\nRUN wget https://example.org/tcl8.6.13-linux.tar.gz\n',
      errors: [{ text: 'https://example.org/tcl8.6.13-linux.tar.gz', message: 'TCL_VERSION' }],
      output: 'FROM debian\nARG TCL_VERSION="8.6.13"\nRUN wget https://example.org/tcl${TCL_VERSION}-linux.tar.gz\n',
    },
    {
      name: 'a global ARG redeclared in the stage is in scope, and used when its default is the version',
      code: 'ARG TOOL_VERSION="2.0"\nFROM debian\nARG TOOL_VERSION\nRUN wget https://example.org/tool-2.0.tar.gz\n',
      errors: [{ text: 'https://example.org/tool-2.0.tar.gz', message: '(TOOL_VERSION)' }],
      output: 'ARG TOOL_VERSION="2.0"\nFROM debian\nARG TOOL_VERSION\nRUN wget https://example.org/tool-${TOOL_VERSION}.tar.gz\n',
    },
    {
      name: 'CRLF line ends are kept',
      code: 'FROM python:3.8-slim\r\nRUN pip install astropy==3.2.3\r\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: 'FROM python:3.8-slim\r\nARG ASTROPY_VERSION="3.2.3"\r\nRUN pip install astropy==$ASTROPY_VERSION\r\n',
    },
    {
      name: 'two URLs of one download share one ARG',
      code: 'FROM debian\nRUN wget https://example.org/tcl8.6.13-linux.tar.gz \\\n && wget https://example.org/tcl8.6.13-linux-threaded.tar.gz \\\n && tar xzf tcl8.6.13-linux.tar.gz\n',
      errors: [
        { text: 'https://example.org/tcl8.6.13-linux.tar.gz', message: '(TCL_VERSION)' },
        { text: 'https://example.org/tcl8.6.13-linux-threaded.tar.gz', message: '(TCL_VERSION)' },
      ],
      output:
        'FROM debian\nARG TCL_VERSION="8.6.13"\nRUN wget https://example.org/tcl${TCL_VERSION}-linux.tar.gz \\\n && wget https://example.org/tcl${TCL_VERSION}-linux-threaded.tar.gz \\\n && tar xzf tcl${TCL_VERSION}-linux.tar.gz\n',
    },
    {
      name: 'a variable elsewhere in the file name does not hide the version; a release folder names the tool',
      code: 'FROM debian\nARG ARCH=amd64\nRUN curl -fsSLo /usr/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini-${ARCH} \\\n && wget https://example.org/x/tool-1.2.3-${ARCH}.tar.gz\n',
      errors: [
        { text: 'https://github.com/krallin/tini/releases/download/v0.19.0/tini-${ARCH}', message: 'TINI_VERSION' },
        { text: 'https://example.org/x/tool-1.2.3-${ARCH}.tar.gz', message: 'TOOL_VERSION' },
      ],
      output:
        'FROM debian\nARG ARCH=amd64\nARG TINI_VERSION="0.19.0"\nARG TOOL_VERSION="1.2.3"\nRUN curl -fsSLo /usr/bin/tini https://github.com/krallin/tini/releases/download/v${TINI_VERSION}/tini-${ARCH} \\\n && wget https://example.org/x/tool-${TOOL_VERSION}-${ARCH}.tar.gz\n',
    },
    {
      name: 'the tag of a git clone',
      code: 'FROM debian\nRUN git clone --depth 1 --branch v4.0.1 https://github.com/astropy/astropy.git \\\n && git clone --branch=2.1 https://example.org/tool\n',
      errors: [
        { text: 'v4.0.1', messageId: 'tag', message: 'ASTROPY_VERSION' },
        { text: '--branch=2.1', messageId: 'tag', message: 'TOOL_VERSION' },
      ],
      output:
        'FROM debian\nARG ASTROPY_VERSION="4.0.1"\nARG TOOL_VERSION="2.1"\nRUN git clone --depth 1 --branch v$ASTROPY_VERSION https://github.com/astropy/astropy.git \\\n && git clone --branch=$TOOL_VERSION https://example.org/tool\n',
    },
    {
      name: 'the same version in two RUNs of a stage ends in one ARG, and each fix stands alone',
      code: 'FROM python:3.8-slim\nRUN pip install numpy==1.19.1\nRUN pip install scipy numpy==1.19.1\n',
      errors: [{ text: 'numpy==1.19.1', line: 2 }, { text: 'numpy==1.19.1', line: 3, message: '(NUMPY_VERSION)' }],
      output: 'FROM python:3.8-slim\nARG NUMPY_VERSION="1.19.1"\nRUN pip install numpy==$NUMPY_VERSION\nRUN pip install scipy numpy==$NUMPY_VERSION\n',
    },
    {
      name: 'a hadolint pragma stays on its RUN',
      code: 'FROM debian\n# install git\n# hadolint ignore=DL3008\nRUN apt-get install -y git=1:2.20.1-2 curl\n',
      errors: [{ text: 'git=1:2.20.1-2' }],
      output: 'FROM debian\n# install git\nARG GIT_VERSION="1:2.20.1-2"\n# hadolint ignore=DL3008\nRUN apt-get install -y git=$GIT_VERSION curl\n',
    },
    {
      name: 'ADD of a versioned URL',
      code: 'FROM debian\nADD https://github.com/owner/tool/releases/download/v1.2.3/tool-1.2.3-linux.tar.gz /tmp/\n',
      errors: [{ text: 'https://github.com/owner/tool/releases/download/v1.2.3/tool-1.2.3-linux.tar.gz' }],
      output: 'FROM debian\nARG TOOL_VERSION="1.2.3"\nADD https://github.com/owner/tool/releases/download/v${TOOL_VERSION}/tool-${TOOL_VERSION}-linux.tar.gz /tmp/\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM python:3.8-slim\nRUN <<EOF\npip install astropy==3.2.3\nEOF\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: 'FROM python:3.8-slim\nARG ASTROPY_VERSION="3.2.3"\nRUN <<EOF\npip install astropy==$ASTROPY_VERSION\nEOF\n',
    },
    {
      name: 'a quoted heredoc, where no variable expands: reported without a fix',
      code: "FROM python:3.8-slim\nRUN <<'EOF'\npip install astropy==3.2.3\nEOF\n",
      errors: [{ text: 'astropy==3.2.3' }],
      output: null,
    },
    {
      name: 'ONBUILD gets an ONBUILD ARG, since the trigger runs in the child build',
      code: 'FROM python:3.8-slim\nONBUILD RUN pip install astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: 'FROM python:3.8-slim\nONBUILD ARG ASTROPY_VERSION="3.2.3"\nONBUILD RUN pip install astropy==$ASTROPY_VERSION\n',
    },
    {
      name: 'the exec form has no shell to expand a variable: reported without a fix',
      code: 'FROM python:3.8-slim\nRUN ["pip", "install", "astropy==3.2.3"]\n',
      errors: [{ text: '"astropy==3.2.3"' }],
      output: null,
    },
    {
      name: 'single quotes keep a variable from expanding: reported without a fix',
      code: "FROM python:3.8-slim\nRUN pip install 'numpy==1.19.1'\n",
      errors: [{ text: "'numpy==1.19.1'" }],
      output: null,
    },
    {
      name: 'a version that a later ENV PATH writes too is reported without a fix: moving it alone would break --build-arg',
      code: 'FROM debian\nRUN wget https://cmake.org/files/cmake-3.31.7-linux-x86_64.tar.gz && tar xf cmake-3.31.7-linux-x86_64.tar.gz -C /usr\nENV PATH=/usr/cmake-3.31.7-linux-x86_64/bin:$PATH\n',
      errors: [{ text: 'https://cmake.org/files/cmake-3.31.7-linux-x86_64.tar.gz' }],
      output: null,
    },
    {
      name: 'a version that a later RUN writes in a folder name is reported without a fix',
      code: 'FROM debian\nRUN wget https://example.org/ParaView-4.1.0-source.tar.gz && tar xf ParaView-4.1.0-source.tar.gz\nRUN cd ParaView-4.1.0 && make\n',
      errors: [{ text: 'https://example.org/ParaView-4.1.0-source.tar.gz' }],
      output: null,
    },
    {
      name: 'an ENV that holds the version blocks the fix too; a comment line does not',
      code: 'FROM debian\n# tool 2.0 is the last that builds here\nENV TOOL_RELEASE=2.0\nRUN wget https://example.org/tool-2.0.tar.gz\n',
      errors: [{ text: 'https://example.org/tool-2.0.tar.gz' }],
      output: null,
    },
    {
      name: 'every other place the RUN writes the version changes with it: an install prefix, a folder',
      code: 'FROM debian\nRUN wget https://example.org/CGAL-4.10.tar.xz && tar xf CGAL-4.10.tar.xz \\\n && cmake CGAL-4.10 -DCMAKE_INSTALL_PREFIX=/usr/local/cgal-4.10 \\\n && pip install numpy==4.10\n',
      errors: [{ text: 'https://example.org/CGAL-4.10.tar.xz' }, { text: 'numpy==4.10' }],
      output:
        'FROM debian\nARG CGAL_VERSION="4.10"\nARG NUMPY_VERSION="4.10"\nRUN wget https://example.org/CGAL-${CGAL_VERSION}.tar.xz && tar xf CGAL-${CGAL_VERSION}.tar.xz \\\n && cmake CGAL-$CGAL_VERSION -DCMAKE_INSTALL_PREFIX=/usr/local/cgal-$CGAL_VERSION \\\n && pip install numpy==$NUMPY_VERSION\n',
    },
    {
      name: "a release folder that writes the version cut short (ParaView's files/v5.4/) is written from the ARG by the shell, as is every other cut use in the RUN",
      code: 'FROM debian\nRUN wget https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz \\\n && tar xf ParaView-v5.4.0.tar.gz && ln -s /opt/ParaView-v5.4.0 /opt/paraview-5.4\n',
      errors: [{ text: 'https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz', message: 'PARAVIEW_VERSION' }],
      output:
        'FROM debian\nARG PARAVIEW_VERSION="5.4.0"\nRUN wget https://www.paraview.org/files/v${PARAVIEW_VERSION%.*}/ParaView-v${PARAVIEW_VERSION}.tar.gz \\\n && tar xf ParaView-v${PARAVIEW_VERSION}.tar.gz && ln -s /opt/ParaView-v$PARAVIEW_VERSION /opt/paraview-${PARAVIEW_VERSION%.*}\n',
    },
    {
      name: "a RUN that sources a script of the project's own first (OpenFOAM 2.4.x's etc/bashrc, whose config names scotch's version again): the message says to check it, and the default build is the same, so the fix stays",
      code: 'FROM ubuntu:22.04\nARG OFBASHRC=/opt/OpenFOAM/OpenFOAM-2.4.x/etc/bashrc\nRUN . ${OFBASHRC} \\\n && wget -P download https://example.org/scotch_6.0.3.tar.gz \\\n && tar -xzf download/scotch_6.0.3.tar.gz\n',
      errors: [{ text: 'https://example.org/scotch_6.0.3.tar.gz', message: 'SCOTCH_VERSION) so that --build-arg can change it. The RUN sources ${OFBASHRC}: if that sets the version too, change it there as well.' }],
      output:
        'FROM ubuntu:22.04\nARG OFBASHRC=/opt/OpenFOAM/OpenFOAM-2.4.x/etc/bashrc\nARG SCOTCH_VERSION="6.0.3"\nRUN . ${OFBASHRC} \\\n && wget -P download https://example.org/scotch_${SCOTCH_VERSION}.tar.gz \\\n && tar -xzf download/scotch_${SCOTCH_VERSION}.tar.gz\n',
    },
    {
      name: "a RUN that sources only conda's shell hook: no such note",
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN . /opt/conda/etc/profile.d/conda.sh && pip install --no-cache-dir astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3', message: /so that --build-arg can change it\.$/ }],
      output: 'FROM continuumio/miniconda3:4.8.2\nARG ASTROPY_VERSION="3.2.3"\nRUN . /opt/conda/etc/profile.d/conda.sh && pip install --no-cache-dir astropy==$ASTROPY_VERSION\n',
    },
    {
      name: 'a script sourced only after the version is written cannot have set it: no such note (the corpus\'s CUDA Quantum image)',
      code: 'FROM ubuntu:22.04\nRUN pip install --no-cache-dir cuda-quantum==0.8.0 && . /opt/env/lib/activate_custom_mpi.sh\n',
      errors: [{ text: 'cuda-quantum==0.8.0', message: /so that --build-arg can change it\.$/ }],
      output: 'FROM ubuntu:22.04\nARG CUDA_QUANTUM_VERSION="0.8.0"\nRUN pip install --no-cache-dir cuda-quantum==$CUDA_QUANTUM_VERSION && . /opt/env/lib/activate_custom_mpi.sh\n',
    },
    {
      name: 'a version of four numbers cut to two drops two',
      code: 'FROM debian\nRUN curl -fsSLO https://example.org/tool/2.1/tool-2.1.3.4.tar.gz\n',
      errors: [{ text: 'https://example.org/tool/2.1/tool-2.1.3.4.tar.gz' }],
      output: 'FROM debian\nARG TOOL_VERSION="2.1.3.4"\nRUN curl -fsSLO https://example.org/tool/${TOOL_VERSION%.*.*}/tool-${TOOL_VERSION}.tar.gz\n',
    },
    {
      name: 'a cut version in an ADD, which no shell expands, is reported without a fix',
      code: 'FROM debian\nADD https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz /opt/\n',
      errors: [{ text: 'https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz' }],
    },
    {
      name: 'a cut version in a heredoc is reported without a fix',
      code: 'FROM debian\nRUN <<EOF\nwget https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz\nEOF\n',
      errors: [{ text: 'https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz' }],
    },
    {
      name: 'a cut version that a later instruction writes is reported without a fix: moving it would leave that behind',
      code: 'FROM debian\nRUN wget https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz\nENV PATH=/opt/paraview-5.4/bin:$PATH\n',
      errors: [{ text: 'https://www.paraview.org/files/v5.4/ParaView-v5.4.0.tar.gz' }],
    },
    {
      name: 'two numbers are not cut to one: a lone 3 in the RUN is left alone',
      code: 'FROM debian\nRUN wget https://example.org/v3/tool-3.2.tar.gz && make -j3\n',
      errors: [{ text: 'https://example.org/v3/tool-3.2.tar.gz' }],
      output: 'FROM debian\nARG TOOL_VERSION="3.2"\nRUN wget https://example.org/v3/tool-${TOOL_VERSION}.tar.gz && make -j3\n',
    },
    {
      name: 'a comment line of the RUN that names the version is left as it is',
      code: 'FROM debian\nRUN wget https://example.org/tool-2.0.tar.gz \\\n# tool 2.0 is the last that builds\n && tar xf tool-2.0.tar.gz\n',
      errors: [{ text: 'https://example.org/tool-2.0.tar.gz' }],
      output: 'FROM debian\nARG TOOL_VERSION="2.0"\nRUN wget https://example.org/tool-${TOOL_VERSION}.tar.gz \\\n# tool 2.0 is the last that builds\n && tar xf tool-${TOOL_VERSION}.tar.gz\n',
    },
    {
      name: 'a Windows base image, whose cmd expands no $NAME: reported without a fix',
      code: 'FROM python:3.12-windowsservercore-ltsc2022\nRUN pip install astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: null,
    },
    {
      name: 'an image of mcr.microsoft.com/windows: reported without a fix',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl.exe -o tool.zip https://example.org/tool-2.0.zip\n',
      errors: [{ text: 'https://example.org/tool-2.0.zip' }],
      output: null,
    },
    {
      name: 'a PowerShell SHELL, inherited by a stage built FROM the stage: reported without a fix',
      code: 'FROM debian AS base\nSHELL ["pwsh", "-Command"]\nFROM base\nRUN pip install astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: null,
    },
    {
      name: 'a POSIX SHELL after a PowerShell one brings the fix back',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nSHELL ["C:/msys64/usr/bin/bash.exe", "-c"]\nRUN pip install astropy==3.2.3\n',
      errors: [{ text: 'astropy==3.2.3' }],
      output: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nSHELL ["C:/msys64/usr/bin/bash.exe", "-c"]\nARG ASTROPY_VERSION="3.2.3"\nRUN pip install astropy==$ASTROPY_VERSION\n',
    },
    {
      name: 'a URL that writes two versions reports both, so that moving one reveals nothing new',
      code: 'FROM debian\nRUN wget https://repo.radeon.com/rocm/manylinux/rocm-rel-6.3.3/tensorflow_rocm-2.15.1-cp310-cp310-manylinux_2_28_x86_64.whl\n',
      errors: [
        { text: 'https://repo.radeon.com/rocm/manylinux/rocm-rel-6.3.3/tensorflow_rocm-2.15.1-cp310-cp310-manylinux_2_28_x86_64.whl', message: 'version 2.15.1 of tensorflow_rocm' },
        { text: 'https://repo.radeon.com/rocm/manylinux/rocm-rel-6.3.3/tensorflow_rocm-2.15.1-cp310-cp310-manylinux_2_28_x86_64.whl', message: 'version 6.3.3 of rocm-rel' },
      ],
      output:
        'FROM debian\nARG TENSORFLOW_ROCM_VERSION="2.15.1"\nARG ROCM_REL_VERSION="6.3.3"\nRUN wget https://repo.radeon.com/rocm/manylinux/rocm-rel-${ROCM_REL_VERSION}/tensorflow_rocm-${TENSORFLOW_ROCM_VERSION}-cp310-cp310-manylinux_2_28_x86_64.whl\n',
    },
    {
      name: 'double quotes let it expand',
      code: 'FROM python:3.8-slim\nRUN pip install "scipy==1.5.2"\n',
      errors: [{ text: '"scipy==1.5.2"' }],
      output: 'FROM python:3.8-slim\nARG SCIPY_VERSION="1.5.2"\nRUN pip install "scipy==$SCIPY_VERSION"\n',
    },
  ],
});

describe('version-not-in-arg, one quick fix at a time', () => {
  it('the fix of a later RUN declares the ARG that the earlier fix would add, so it stands alone', () => {
    const code = 'FROM python:3.8-slim\nRUN pip install numpy==1.19.1\nRUN pip install scipy numpy==1.19.1\n';
    const findings = lintWith(versionNotInArg, code).findings;
    const fixed = applyEdits(code, findings[1].fixes[0].edits);
    assert.equal(fixed, 'FROM python:3.8-slim\nARG NUMPY_VERSION="1.19.1"\nRUN pip install numpy==1.19.1\nRUN pip install scipy numpy==$NUMPY_VERSION\n');
  });
});

describe('version-not-in-arg with the other rules, as fix-all applies them', () => {
  it('merges the RUNs before it moves the version, so the ARG stands above the merged RUN', () => {
    const code = 'FROM python:3.12\nRUN pip install --no-cache-dir scipy\nRUN pip install --no-cache-dir numpy==1.0\n';
    const fixed = fixUntilStable(code, (t) => lint(t).findings, 'safe').text;
    assert.equal(fixed, 'FROM python:3.12\nARG NUMPY_VERSION="1.0"\nRUN pip install --no-cache-dir scipy && pip install --no-cache-dir numpy==$NUMPY_VERSION\n');
  });

  it('moves a version that a later RUN writes in a folder once the RUNs are merged, every use at once', () => {
    const code = 'FROM debian:12\nRUN wget -q https://example.org/tool-2.0.tar.gz\nRUN tar xf tool-2.0.tar.gz && rm tool-2.0.tar.gz && make -C tool-2.0\n';
    const fixed = fixUntilStable(code, (t) => lint(t).findings, 'safe').text;
    assert.equal(
      fixed,
      'FROM debian:12\nARG TOOL_VERSION="2.0"\nRUN wget -q https://example.org/tool-${TOOL_VERSION}.tar.gz \\\n    && tar xf tool-${TOOL_VERSION}.tar.gz \\\n    && rm tool-${TOOL_VERSION}.tar.gz \\\n    && make -C tool-$TOOL_VERSION\n',
    );
  });
});
