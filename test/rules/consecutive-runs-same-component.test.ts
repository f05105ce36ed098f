import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { consecutiveRunsSameComponent } from '../../server/src/rules/consecutiveRunsSameComponent';
import { testRule } from '../support/ruleTester';

testRule(consecutiveRunsSameComponent, {
  valid: [
    { name: 'two components: apt packages, then pip packages', code: 'FROM python:3.8-slim\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nRUN pip --no-cache-dir install astropy\n' },
    { name: 'an ENV between breaks the run of RUNs', code: 'FROM python:3.8-slim\nRUN pip install numpy\nENV CFLAGS=-O2\nRUN pip install scipy\n' },
    { name: 'a COPY between breaks it: the cache-friendly requirements layout', code: 'FROM python:3.8-slim\nRUN pip install -r /requirements.txt\nCOPY . /app\nRUN pip install /app\n' },
    { name: 'a WORKDIR between breaks it', code: 'FROM debian\nRUN mkdir -p /opt/tool\nWORKDIR /opt/tool\nRUN make -C /opt/tool install\n' },
    { name: 'a USER between breaks it', code: 'FROM debian\nRUN apt-get update && apt-get install -y git\nUSER app\nRUN apt-get download wget\n' },
    { name: 'a SHELL between breaks it', code: 'FROM debian\nRUN pip install numpy\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN pip install scipy\n' },
    { name: 'a VOLUME between breaks it: later changes to the volume are discarded', code: 'FROM debian\nRUN mkdir -p /data/db\nVOLUME /data\nRUN touch /data/db/ready\n' },
    { name: 'an ARG between breaks it', code: 'FROM python:3.8\nRUN pip install numpy\nARG V=1.0\nRUN pip install astropy==$V\n' },
    { name: 'a builder stage only copied from: its layers never reach the image', code: 'FROM python:3.8 AS build\nRUN pip wheel -w /w numpy\nRUN pip wheel -w /w scipy\nFROM python:3.8-slim\nCOPY --from=build /w /w\n' },
    { name: "a cleanup-only RUN is cleanup-in-separate-layer's to report (the lesson's Dockerfile.2)", code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           git \\\n           wget\n\nRUN apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*\n' },
    { name: 'a cleanup-only RUN whose folder an earlier RUN of the stage downloaded into', code: 'FROM ubuntu:22.04\nRUN wget -P /opt/dl https://example.org/a.tgz\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean && rm -rf /opt/dl\n' },
    { name: 'an ONBUILD WORKDIR between ONBUILD RUNs breaks them', code: 'FROM python:3.8\nONBUILD RUN pip install numpy\nONBUILD WORKDIR /app\nONBUILD RUN pip install scipy\n' },
    { name: 'an ONBUILD RUN that only cleans up after the ONBUILD RUN before it: cleanup-in-separate-layer moves it', code: 'FROM continuumio/miniconda3:4.8.2\nONBUILD RUN conda install -y numpy=1.19\nONBUILD RUN conda clean -afy\n' },
    { name: 'an ONBUILD RUN and a RUN run in different builds', code: 'FROM python:3.8\nONBUILD RUN pip install -r /requirements.txt\nRUN pip install numpy\n' },
    { name: 'two builds that both log with 2>&1 (corpus: pawsey OpenFOAM)', code: 'FROM ubuntu:18.04\nRUN . /opt/OpenFOAM/etc/bashrc && ./Allwmake 2>&1 | tee log.Allwmake\nRUN . /opt/OpenFOAM/etc/bashrc && icoFoam -help 2>&1 | tee log.icoFoam\n' },
    { name: 'a mkdir mode is not a folder', code: 'FROM debian\nRUN mkdir -m 755 -p /opt/a\nRUN chmod 755 /opt/b\n' },
    { name: 'unrelated paths', code: 'FROM debian\nRUN mkdir -p /opt/a && touch /opt/a/x\nRUN mkdir -p /opt/b\n' },
  ],
  invalid: [
    {
      name: "the RUN's own '&&\\' at the joints, and no blank left at the end of a line (the corpus's cudaquantum image)",
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir numpy==2.0.1 &&\\\n    pip install --no-cache-dir scipy==1.14.0 \nRUN pip install --no-cache-dir pandas==2.2.2 && \\\n    pip install --no-cache-dir astropy==6.1.0\n',
      errors: [{ text: 'RUN pip install --no-cache-dir pandas==2.2.2' }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir numpy==2.0.1 &&\\\n    pip install --no-cache-dir scipy==1.14.0 &&\\\n    pip install --no-cache-dir pandas==2.2.2 &&\\\n    pip install --no-cache-dir astropy==6.1.0\n',
    },
    {
      name: 'two short one-line RUNs merge on one line',
      code: 'FROM debian\nRUN pip install a\nRUN pip install b\n',
      errors: [{ text: 'RUN pip install b' }],
      output: 'FROM debian\nRUN pip install a && pip install b\n',
    },
    {
      name: 'two one-line RUNs that would make a line over 100 characters: the commands of the later one go one per line below, `&&` leading',
      code:
        'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends python3-dev build-essential && rm -rf /var/lib/apt/lists/*\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends libhdf5-dev && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ text: 'RUN apt-get update && apt-get install -y --no-install-recommends libhdf5-dev && rm -rf /var/lib/apt/lists/*' }],
      output:
        'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends python3-dev build-essential && rm -rf /var/lib/apt/lists/* \\\n' +
        '    && apt-get update \\\n    && apt-get install -y --no-install-recommends libhdf5-dev \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a one-line RUN takes a later RUN laid out one command per line with its own continuation lines, not on one long line',
      code: 'FROM debian\nRUN pip install a\nRUN pip install b \\\n    && pip install c \\\n    && pip install d\n',
      errors: [{ text: 'RUN pip install b' }],
      output: 'FROM debian\nRUN pip install a \\\n    && pip install b \\\n    && pip install c \\\n    && pip install d\n',
    },
    {
      name: 'a later RUN whose arguments go one per line keeps them so',
      code: 'FROM debian\nRUN pip install a\nRUN pip install \\\n      b \\\n      c\n',
      errors: [{ text: 'RUN' }],
      output: 'FROM debian\nRUN pip install a && \\\n    pip install \\\n      b \\\n      c\n',
    },
    {
      name: 'apt twice, a comment line between, a chained RUN does not silence it',
      code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git\n# and wget\nRUN apt-get install -y wget\n',
      errors: [{ text: 'RUN apt-get install -y wget', line: 4, messageId: 'manager', severity: 'info', hadolint: 'DL3059', message: 'line 2' }],
      output: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git \\\n# and wget\n    && apt-get install -y wget\n',
    },
    {
      name: 'continued RUNs with comment lines, merged in the earlier one\'s layout',
      code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install \\\n      numpy \\\n      scipy\n\nRUN pip --no-cache-dir install \\\n      # the astronomy side\n      astropy \\\n      && pip check\n',
      errors: [{ text: 'RUN', line: 6 }],
      output: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install \\\n      numpy \\\n      scipy \\\n    && pip --no-cache-dir install \\\n      # the astronomy side\n      astropy \\\n    && pip check\n',
    },
    {
      name: 'the comment block above the later RUN moves with it, the blank line before it goes',
      code: 'FROM ubuntu:18.04\nRUN apt-get update \\\n   && add-apt-repository ppa:rock-core/qt4\n\n#Step 1.\n#Install necessary packages\nRUN apt-get update -qq \\\n && apt-get install -y \\\n   build-essential\n',
      errors: [{ text: 'RUN apt-get update -qq', line: 7 }],
      output: 'FROM ubuntu:18.04\nRUN apt-get update \\\n   && add-apt-repository ppa:rock-core/qt4 \\\n#Step 1.\n#Install necessary packages\n   && apt-get update -qq \\\n   && apt-get install -y \\\n   build-essential\n',
    },
    {
      name: 'a pragma above the later RUN keeps its comments in place',
      code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git\n# hadolint ignore=DL3015\nRUN apt-get install -y wget\n',
      errors: [{ text: 'RUN apt-get install -y wget' }],
      output: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git && apt-get install -y wget\n# hadolint ignore=DL3015\n',
    },
    {
      name: 'a download, then its build, with an ARG-substituted version',
      code: 'FROM debian\nARG V="1.0"\nRUN wget https://example.org/tool-$V.tar.gz\nLABEL org.opencontainers.image.title="tool"\nRUN tar xzf tool-$V.tar.gz && make -C tool-$V install | tee /build.log\n',
      errors: [{ text: 'RUN tar xzf tool-$V.tar.gz && make -C tool-$V install | tee /build.log', messageId: 'paths', message: 'tool-$V.tar.gz' }],
      output: 'FROM debian\nARG V="1.0"\nRUN wget https://example.org/tool-$V.tar.gz \\\n    && tar xzf tool-$V.tar.gz \\\n    && make -C tool-$V install | tee /build.log\nLABEL org.opencontainers.image.title="tool"\n',
    },
    {
      name: 'no fix after a RUN that changes directory, in a stage the final stage builds FROM',
      code: 'FROM debian AS base\nRUN mkdir -p /opt/src && cd /opt/src && git clone https://example.org/repo.git\nRUN make -C /opt/src/repo install\nFROM base\n',
      errors: [{ text: 'RUN make -C /opt/src/repo install', message: '/opt/src' }],
      output: null,
    },
    {
      name: 'no fix with different RUN flags',
      code: 'FROM python:3.8\nRUN --mount=type=cache,target=/root/.cache/pip pip install numpy\nRUN pip install --no-cache-dir scipy\n',
      errors: [{ text: 'RUN pip install --no-cache-dir scipy' }],
      output: null,
    },
    {
      name: 'a heredoc is reported without a fix',
      code: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda install -y numpy\nEOF\nRUN conda install -y scipy\n',
      errors: [{ text: 'RUN conda install -y scipy', line: 5 }],
      output: null,
    },
    {
      name: 'the exec form is reported without a fix',
      code: 'FROM alpine:3.19\nRUN apk add --no-cache git\nRUN ["apk", "add", "--no-cache", "make"]\n',
      errors: [{ text: 'RUN ["apk", "add", "--no-cache", "make"]' }],
      output: null,
    },
    {
      name: 'ONBUILD RUNs',
      code: 'FROM python:3.8\nONBUILD COPY . /app\nONBUILD RUN pip install -r /app/requirements.txt\nONBUILD RUN pip install /app\n',
      errors: [{ text: 'RUN pip install /app', line: 4 }],
      output: 'FROM python:3.8\nONBUILD COPY . /app\nONBUILD RUN pip install -r /app/requirements.txt && pip install /app\n',
    },
    {
      name: 'a RUN that also cleans what no RUN before it made is not cleanup-in-separate-layer\'s',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean && rm -rf /opt/dl\n',
      errors: [{ text: 'RUN apt-get clean && rm -rf /opt/dl', messageId: 'manager' }],
      output: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /opt/dl\n',
    },
    {
      name: 'a cleanup RUN in the stage after the one that made it',
      code: 'FROM ubuntu:22.04 AS base\nRUN wget -P /opt/dl https://example.org/a.tgz\nFROM base\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean && rm -rf /opt/dl\n',
      errors: [{ text: 'RUN apt-get clean && rm -rf /opt/dl', messageId: 'manager' }],
    },
    {
      name: 'a top-level ENV does not break ONBUILD RUNs, nor an ONBUILD LABEL',
      code: 'FROM python:3.8\nONBUILD RUN pip install numpy\nENV A=1\nONBUILD LABEL x=y\nONBUILD RUN pip install scipy\n',
      errors: [{ text: 'RUN pip install scipy', line: 5, messageId: 'manager' }],
    },
    {
      name: 'three in a row merge over two passes',
      code: 'FROM rockylinux:9\nRUN dnf install -y git\nRUN dnf install -y make\nRUN dnf clean all && dnf install -y gcc\n',
      errors: [{ text: 'RUN dnf install -y make' }, { text: 'RUN dnf clean all && dnf install -y gcc' }],
      output: 'FROM rockylinux:9\nRUN dnf install -y git && dnf install -y make && dnf clean all && dnf install -y gcc\n',
    },
  ],
});

describe('fix-all with every rule', () => {
  it('merges the RUNs before the apt lists are removed, so the later install still finds its packages', () => {
    const code = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN apt-get install -y wget\n';
    const fixed = fixUntilStable(code, (t) => lint(t).findings, 'safe').text;
    // Other rules' safe fixes (the build-only DEBIAN_FRONTEND ARG) may add lines; the RUN is what this checks.
    assert.ok(fixed.endsWith('\nRUN apt-get update && apt-get install -y git && apt-get install -y wget \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n'), fixed);
    assert.equal(fixed.split('\nRUN ').length, 2, 'one RUN is left');
  });
});
