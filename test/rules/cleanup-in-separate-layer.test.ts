import { cleanupInSeparateLayer } from '../../server/src/rules/cleanupInSeparateLayer';
import { testRule } from '../support/ruleTester';

testRule(cleanupInSeparateLayer, {
  valid: [
    { name: 'no earlier instruction wrote the folder: a RUN that only reads from another left nothing there', code: 'FROM debian\nCOPY wheels /tmp/wheels\nRUN cp /tmp/wheels/a.whl /opt/\nRUN rm -rf /tmp/other\n' },
    { name: 'a COPY into a folder that holds the cleaned path may not have written it', code: 'FROM debian\nCOPY src/ /opt/\nRUN rm -rf /opt/build\n' },
    { name: 'a builder stage, whose layers do not reach the image, as every cleanup rule sees it', code: 'FROM debian AS build\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nFROM debian\nCOPY --from=build /etc/hostname /x\n' },
    { name: 'cleanup in the RUN that installs', code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a cleanup of the base image with nothing earlier in the file', code: 'FROM ubuntu:18.04\nRUN rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a RUN that cleans and also builds', code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean && make install\n' },
    { name: 'a folder nothing earlier made', code: 'FROM ubuntu:18.04\nRUN apt-get update\nRUN rm -rf /opt/other\n' },
    { name: 'the exec form', code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y git\nRUN ["apt-get", "clean"]\n' },
    { name: 'an ONBUILD RUN cleanup after a RUN of this build: the trigger runs in the child build, after the whole image', code: 'FROM debian\nRUN apt-get update && apt-get install -y git\nONBUILD RUN apt-get clean\n' },
    { name: 'a RUN cleanup after an ONBUILD RUN install: the install has not run yet', code: 'FROM debian\nONBUILD RUN apt-get update && apt-get install -y git\nRUN rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a cleanup in another stage than the install', code: 'FROM ubuntu:18.04 AS a\nRUN apt-get update && apt-get install -y git\nFROM ubuntu:18.04\nRUN apt-get clean\n' },
  ],
  invalid: [
    {
      name: 'files a COPY wrote stay in its layer: the RUN that removes them saves nothing, and nothing can move into a COPY',
      code: 'FROM debian\nCOPY wheels /tmp/wheels\nRUN cp /tmp/wheels/a.whl /opt/\nRUN rm -rf /tmp/wheels\n',
      errors: [{ text: 'rm -rf /tmp/wheels', messageId: 'copied', message: 'the layer of the COPY on line 2' }],
      output: null,
    },
    {
      name: "a stage's /tmp copied whole, then emptied in a RUN of its own (the corpus's Lustre image)",
      code: 'FROM ubuntu:22.04 AS builder\nRUN mkdir -p /tmp/lustre-build && cd /tmp/lustre-build && make\nFROM ubuntu:22.04\nWORKDIR /tmp/\nCOPY --from=builder /tmp/ /tmp/\nRUN cd /tmp/lustre-build && make install\nRUN rm -rf /tmp/*\n',
      errors: [{ text: 'rm -rf /tmp/*', messageId: 'copied', message: 'COPY on line 5' }],
      output: null,
    },
    {
      name: 'a path below a cloned folder that no RUN names: whether it is there is not known, so no layer is named and nothing moved (the corpus\'s qiskit image)',
      code: 'FROM debian\nRUN git clone https://github.com/Qiskit/qiskit-aer /opt/aer && cd /opt/aer && git checkout 0.15\nRUN rm -rf /opt/aer/_skbuild\n',
      errors: [{ text: 'rm -rf /opt/aer/_skbuild', messageId: 'unknownLayer' }],
      output: null,
    },
    {
      name: "a cleanup guarded by a test (the corpus's pytorch image): the cleanup moves, and the RUN with its test goes",
      code: 'FROM debian\nRUN mkdir -p /tmp/build && cd /tmp/build && wget https://example.org/x.tgz && tar xf x.tgz\nRUN [ -e /tmp/build ] && rm -rf /tmp/build\n',
      errors: [{ text: 'rm -rf /tmp/build', messageId: 'separate', message: 'line 2' }],
    },
    {
      name: "a clone of a pinned branch makes the repository's folder, not one named after the branch (the corpus's cp2k image)",
      code: 'FROM debian\nRUN git clone -b v2024.1 --depth 1 https://github.com/cp2k/cp2k.git && cd cp2k && make\nRUN rm -rf cp2k\n',
      errors: [{ text: 'rm -rf cp2k', messageId: 'separate', message: 'line 2' }],
    },
    {
      name: 'a build folder the RUN names below the folder it cloned: that RUN made it',
      code: 'FROM debian\nRUN git clone https://example.org/src.git /opt/src && cd /opt/src && mkdir build && cd build && cmake .. && make\nRUN rm -rf /opt/src/build\n',
      errors: [{ text: 'rm -rf /opt/src/build', messageId: 'separate', message: 'line 2' }],
      output: 'FROM debian\nRUN git clone https://example.org/src.git /opt/src && cd /opt/src && mkdir build && cd build && cmake .. && make \\\n    && rm -rf /opt/src/build\n',
    },
    {
      name: 'a file removed in a RUN of its own, without -r',
      code: 'FROM debian:12\nRUN wget -q https://example.org/x.tgz && tar xzf x.tgz -C /opt\nRUN rm x.tgz\n',
      errors: [{ text: 'rm x.tgz' }],
      output: 'FROM debian:12\nRUN wget -q https://example.org/x.tgz && tar xzf x.tgz -C /opt && rm x.tgz\n',
    },
    {
      name: 'a relative file after a cd in the RUN that made it: reported without a fix',
      code: 'FROM debian:12\nRUN wget -q https://example.org/x.tgz && mkdir /opt/x && cd /opt/x && tar xzf /x.tgz\nRUN rm x.tgz\n',
      errors: [{ text: 'rm x.tgz' }],
      output: null,
    },
    {
      name: "the lesson's Dockerfile.2, fixed into its Dockerfile.3",
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           build-essential \\\n           gfortran \\\n           git \\\n           wget\n\nRUN apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*\n',
      errors: [{ text: 'apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*', line: 10, message: 'this layer saves nothing'.replace('t', 'T') }],
      output: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           build-essential \\\n           gfortran \\\n           git \\\n           wget \\\n      && apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*\n',
    },
    {
      name: 'conda clean after conda install, with an ARG version',
      code: 'FROM continuumio/miniconda3:4.8.2\nARG V="3.2.3"\nRUN conda install -y astropy==$V\nRUN conda clean -ay\nCMD ["/bin/bash"]\n',
      errors: [{ text: 'conda clean -ay', message: 'line 3' }],
      output: 'FROM continuumio/miniconda3:4.8.2\nARG V="3.2.3"\nRUN conda install -y astropy==$V && conda clean -ay\nCMD ["/bin/bash"]\n',
    },
    {
      name: 'pip cache purge, with comment lines in the continued RUN',
      code: 'FROM python:3.8-slim\nRUN pip install \\\n    # the numerics\n    numpy\n# tidy up\nRUN pip cache purge\n',
      errors: [{ text: 'pip cache purge' }],
      output: 'FROM python:3.8-slim\nRUN pip install \\\n    # the numerics\n    numpy \\\n    && pip cache purge\n# tidy up\n',
    },
    {
      name: 'a build folder made earlier',
      code: 'FROM debian\nRUN mkdir -p /tmp/tool-build && cd /tmp/tool-build && make install\nRUN rm -rf /tmp/tool-build\n',
      errors: [{ text: 'rm -rf /tmp/tool-build' }],
      output: 'FROM debian\nRUN mkdir -p /tmp/tool-build && cd /tmp/tool-build && make install && rm -rf /tmp/tool-build\n',
    },
    {
      name: 'into a heredoc RUN',
      code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\nRUN apt-get clean\n',
      errors: [{ text: 'apt-get clean' }],
      output: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\napt-get clean\nEOF\n',
    },
    {
      name: 'no fix across a USER change',
      code: 'FROM debian\nRUN mkdir /tmp/b && make -C /tmp/b\nUSER nobody\nRUN rm -rf /tmp/b\n',
      errors: [{ text: 'rm -rf /tmp/b' }],
      output: null,
    },
    {
      name: 'no fix when a COPY writes into the folder in between',
      code: 'FROM debian\nRUN mkdir -p /src\nCOPY . /src/app\nRUN rm -rf /src\n',
      errors: [{ text: 'rm -rf /src' }],
      output: null,
    },
    {
      name: 'no fix when the earlier RUN ends inside an unclosed $(',
      code: 'FROM debian\nRUN mkdir /tmp/b && make -C /tmp/b V=$(nproc\nRUN rm -rf /tmp/b\n',
      errors: [{ text: 'rm -rf /tmp/b' }],
      output: null,
    },
    {
      name: 'no fix when a moved command would end on the escape character (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean \\ & rm -r /var/lib/apt/lists\n',
      errors: [{ text: 'apt-get clean \\ & rm -r /var/lib/apt/lists' }],
      output: null,
    },
    {
      name: 'an ONBUILD RUN that cleans up after an earlier ONBUILD RUN: the child build runs both, each a layer',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git\nONBUILD RUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ text: 'rm -rf /var/lib/apt/lists/*', line: 3, messageId: 'separate', message: 'line 2' }],
      output: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'an ONBUILD pair with a RUN of this build between them, which the child build does not run',
      code: 'FROM debian:12\nONBUILD RUN wget -q https://example.org/x.tgz && tar xzf x.tgz -C /opt\nRUN echo built\nONBUILD RUN rm x.tgz\n',
      errors: [{ text: 'rm x.tgz' }],
      output: 'FROM debian:12\nONBUILD RUN wget -q https://example.org/x.tgz && tar xzf x.tgz -C /opt && rm x.tgz\nRUN echo built\n',
    },
    {
      name: 'an ONBUILD WORKDIR between the pair: the cleanup would run elsewhere, so it is not moved',
      code: 'FROM debian:12\nONBUILD RUN wget -q https://example.org/x.tgz && tar xzf x.tgz -C /opt\nONBUILD WORKDIR /srv\nONBUILD RUN rm x.tgz\n',
      errors: [{ text: 'rm x.tgz' }],
      output: null,
    },
    {
      name: 'ONBUILD cleanup is left to the child image',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git\nONBUILD RUN apt-get clean\nRUN apt-get clean\n',
      errors: [{ text: 'apt-get clean', line: 4 }],
      output: 'FROM debian\nRUN apt-get update && apt-get install -y git && apt-get clean\nONBUILD RUN apt-get clean\n',
    },
  ],
});
