// Texts the fuzzer found that once broke the engine, kept as a table so they
// stay fixed. Each must lint with every registered rule and no rule failure,
// and keep every property the fuzzer checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { leavesQuoteOpen } from '../../server/src/model/openQuotes';
import { checkText } from '../support/fuzz/properties';

const found: { name: string; code: string }[] = [
  { name: 'a continuation then a lone CR and a comment, where dockerfile-ast getHeredocs() throws', code: 'RUN \\\r#t\n' },
  { name: 'an unclosed backquote after apt-get update, which fix-all once appended to forever', code: 'FROM\nRUN apt-get update \\\n`' },
  { name: 'an escaped space and an escape ending the RUN, where a fix once joined the next line in', code: 'FROM\nRUN apt update \\ \\\nİ' },
  { name: 'the same at the end of the file, where a fix once left an empty continuation', code: 'FROM\nRUN apt-get update \\ \\\n' },
  { name: 'a ${ with a nested brace inside double quotes, which fix-all once appended to forever', code: 'FROM\nRUN apt update "${{}"' },
  { name: 'an assignment that leaves a backquote open, which fix-all once appended to forever', code: 'FROM\nRUN apt-get update|s=`' },
  { name: 'a cleanup command ending on an escaped space, whose move once split the RUN', code: 'FROM\nRUN ap\\\nt\nRUN apt clean \\ &rm -r /var/lib/apt/lists' },
  { name: 'FROM ending on a continuation before a blank line, where an added LABEL or ENV once joined the FROM', code: "       FROM     git \\\n     " },
  { name: 'a truncated CUDA file whose fix-all once left a line starting with &&', code: "FROM python:3.8-slim\n\n##### START NVIDIA CUDA DOCKERFILES ####\n#LABEL maintainer \"NVIDIA CORPORATION <cudatools@nvidia.com>\"\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    gnupg2 curl ca-certificates && \\\n    curl -fsSL https://developer.download.nvidia.com/compute/cuda/repos/ubuntu1804/x86_64/7fa2af80.pub | apt-key add - && \\\n    echo \"deb https://developer.download.nvidia.com/compute/cuda/repos/ubuntu1804/x86_64 /\" > /etc/apt/sources.list.d/cuda.list && \\\n    echo \"deb https://developer.download.nvidia.com/compute/machine-learning/repos/ubuntu1804/x86_64 /\" > /etc/apt/sources.list.d/nvidia-ml.list && \\\n    apt-get purge --autoremove -y curl \\\n    EOF\n&& rm -rf /var/lib/apt/lists/*\n\nENV CUDA_VERSION 10.2.89\nENV CUDA_PKG_VERSION 10-2=$CUDA_VERSION-1\n\n# For libraries in the cuda-compat-* package: https://docs.nvidia.com/cuda/eula/index.html#attachment-a\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    cuda-cudart-$CUDA_PKG_VERSION \\\n    cuda-compat-10-2 \\\n    && ln -s cuda-10.2 /usr/local/cuda && \\\n    rm -rf /var/lib/apt/lists/*\n\n# Required for nvidia-docker v1\nRUN echo \"/usr/local/nvidia/lib\" >> /etc/ld.so.conf.d/nvidia.conf && \\\n    echo \"/usr/local/nvidia/lib64\" >> /etc/ld.so.conf.d/nvidia.conf\n\nENV PATH /usr/local/nvidia/bin:/usr/local/cuda/bin:${PATH}\nENV LD_LIBRARY_PATH /usr/local/nvidia/lib:/usr/local/nvidia/lib64\n\n# nvidia-container-runtime\nENV NVIDIA_VISIBLE_DEVICES all\nENV NVIDIA_DRIVER_CAPABILITIES compute,utility\nENV NVIDIA_REQUIRE_CUDA \"cuda>=10.2 brand=tesla,driver>=396,driver<397 brand=tesla,driver>=410,driver<411 brand=tesla,driver>=418,driver<419 brand=tesla,driver>=440,driver<441\"\n\nENV NCCL_VERSION 2.7.8\n\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    cuda-libraries-$CUDA_PKG_VERSION \\\n    cuda-npp-$CUDA_PKG_VERSION \\\n    cuda-nvtx-$CUDA_PKG_VERSION \\\n\n    libcublas10=10.2.2.89-1 \\\n    libnccl2=$NCCL_VERSION-1+cuda10.2 \\\n    && apt-mark hold libnccl2 \\\n    && rm -rf /var/lib/apt/\u2026" },
  { name: 'an ADD with an unclosed heredoc at the end of the file, which once swallowed an added CMD', code: "FROM python:3.8-slim\r\n\r\nARG REQ_FILE=\"requirements4-3sep.txt\"\r\nADD requirements.in /\r\nADD <<-EOF\n$REQ_FILE /requirements.txt\r\n\r\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\r\n\r\nCMD [ \"/bin/bash\" ]\r\n" },
  { name: 'a byte-order mark before FROM, which an added ENV or LABEL once copied as its indentation', code: "\ufeffFROM pythoRUN pip --no-c-ca\"]che-dir install astropy\nRUN pip --no-ca\"]che-dir install astropy\n\nCMD [ \"/bin/bash\" ]\n" },
  { name: 'a byte-order mark with lone CR line breaks, the same', code: "\ufeffFROM python:3.8-slim\r\rARG ASTRO_VERSION=\"3.2.3\"\rRUN pip --no-cacheEND\r-dir install astropy==$ASTRO_VERSION\r\rCMD [ \"}/bin/bash\" ]\r" },
  { name: 'sudo in a RUN before any FROM, where sudo-in-run once read a stage that does not exist', code: "\nRUN set -e && \\\n    export DEBIAN_FRONTEND=noninteractive && \\\n    apt-get update -qq && \\\n    apt-get install -y --no-install-recommends software-properties-common gpg-agent && \\\n    add-apt-repository ppa:deadsnakes/ppa && \\\n    apt-get update -qq && \\\n    apt-get install -y --no-install-recommends \\\n        build-essential \\\n        ca-certificates \\\n        libc-dev-bin \\\n        libc6 \\\n        libc-bin \\\n        libc-dev \\\n        libnuma-dev \\\n        lsof \\\n        coreutils \\\n        autoconf \\\n        automake \\\n        numactl \\\n        gnupg \\\n        bzip2 \\\n        file \\\n        perl \\\n        flex \\\n        tar \\\n        wget \\\n        git \\\n       \\\n    &&   sudo \\\n        curl \\\n" },
  { name: 'a conda activation ending a RUN before any FROM, where conda-activate-in-run once read a stage that does not exist', code: 'RUN conda activate x\nFROM ubuntu\n' },
  {
    name: 'a merge that deletes a RUN while another fix appends to that RUN, which fix-all once kept as a line starting with &&',
    code: 'FROM python:3.8-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl\n\nRUN apt-get update && apt-get install -y --no-i',
  },
  {
    name: 'heredoc markers on a continuation line, whose open heredoc once swallowed an added CMD',
    code: 'FROM python:3.8-slim\nRUN cd /x \\\n     <<EOF <<END\n && make\n',
  },
];

describe('texts the fuzzer found', () => {
  for (const c of found) {
    it(`${c.name}: lints without a rule failure and keeps the fuzz properties`, () => {
      assert.deepEqual(lint(c.code).failures, []);
      assert.deepEqual(checkText(c.code), []);
    });
  }
});

describe('leavesQuoteOpen', () => {
  const cases: [string, boolean][] = [
    ['plain', false],
    ['"a b"', false],
    ["'a\"b'", false],
    ['"it\'s"', false],
    ['$(nproc)', false],
    ['"$(echo "x")"', false],
    ['${A:-b}', false],
    ['`date`', false],
    ['\\"', false],
    ['`', true],
    ['"abc', true],
    ['"abc\\"', true],
    ["'abc", true],
    ['$(nproc', true],
    ['$(a (b)', true],
    ['${A', true],
    ['"${{}"', true],
  ];
  for (const [raw, open] of cases) {
    it(`${JSON.stringify(raw)} ${open ? 'leaves a quote open' : 'closes every quote'}`, () => assert.equal(leavesQuoteOpen(raw), open));
  }
});
