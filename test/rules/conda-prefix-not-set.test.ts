import { condaPrefixNotSet } from '../../server/src/rules/condaPrefixNotSet';
import { testRule } from '../support/ruleTester';

testRule(condaPrefixNotSet, {
  valid: [
    { name: 'an ENTRYPOINT that runs in the environment (conda run)', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda create -y -n app python=3.11\nENTRYPOINT ["conda", "run", "--no-capture-output", "-n", "app", "python"]\n' },
    { name: 'an ENTRYPOINT that activates it in a shell', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda create -y -n app python=3.11\nENTRYPOINT ["/bin/bash", "-c", "source activate app && exec \\"$@\\"", "--"]\n' },
    { name: "micromamba's image, whose own entrypoint activates the environment", code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base python=3.11\n' },
    { name: "the lesson's conda Dockerfile.4, which sets it at the end", code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y --no-deps --file /requirements.yaml \\\n      && conda clean -ay\n\n# this one is always good to have\nENV CONDA_PREFIX="/opt/conda"\n' },
    { name: "the lesson's Intel Python example, which sets it after FROM", code: 'FROM intelpython/intelpython3_core:2020.2\nENV CONDA_PREFIX="/opt/conda"\nRUN conda install -y --no-deps --file /requirements.yaml && conda clean -ay\n' },
    { name: 'no conda at all', code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install astropy\n' },
    { name: 'set in the stage the final stage builds FROM', code: 'FROM continuumio/miniconda3 AS base\nENV CONDA_PREFIX=/opt/conda\nFROM base\nRUN conda install -y numpy\n' },
    { name: 'conda only in a builder stage', code: 'FROM continuumio/miniconda3 AS build\nRUN conda create -y -p /env numpy\nFROM debian:12-slim\nCOPY --from=build /env /env\n' },
    { name: 'a FROM silenced with a reason', code: '# layerwise-ignore=conda-prefix-not-set -- set by the entrypoint\nFROM continuumio/miniconda3\n' },
  ],
  invalid: [
    {
      name: "an ENTRYPOINT of the file's own replaces micromamba's activating one",
      code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base python=3.11\nENTRYPOINT ["python"]\n',
      errors: [{ text: 'mambaorg/micromamba:1.5.8' }],
    },
    {
      name: "the lesson's conda Dockerfile.1, by its base image alone",
      code: 'FROM continuumio/miniconda3:4.8.2\n\n# note, as of september 2020, "--no-update-deps" seems not to be respected\n\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION\n',
      errors: [{ text: 'continuumio/miniconda3:4.8.2', line: 1, messageId: 'notSet', severity: 'hint' }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3:4.8.2\nENV CONDA_PREFIX="/opt/conda"\n\n# note, as of september 2020, "--no-update-deps" seems not to be respected\n\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION\n',
    },
    {
      name: 'the fix is not safe: it adds ENV',
      code: 'FROM continuumio/miniconda3\n',
      errors: [{ text: 'continuumio/miniconda3' }],
      output: null,
    },
    {
      name: 'Miniconda installed by the Dockerfile into its own folder, continued with a comment line',
      code: 'FROM ubuntu:22.04\nRUN wget https://repo.anaconda.com/miniconda/Miniconda3-py311_23.11.0-2-Linux-x86_64.sh \\\n    # quietly, into /opt/miniconda3\n    && bash Miniconda3-py311_23.11.0-2-Linux-x86_64.sh -b -p /opt/miniconda3 \\\n    && /opt/miniconda3/bin/conda install -y numpy',
      errors: [{ text: 'ubuntu:22.04' }],
      fixes: 'unsafe',
      output: 'FROM ubuntu:22.04\nENV CONDA_PREFIX="/opt/miniconda3"\nRUN wget https://repo.anaconda.com/miniconda/Miniconda3-py311_23.11.0-2-Linux-x86_64.sh \\\n    # quietly, into /opt/miniconda3\n    && bash Miniconda3-py311_23.11.0-2-Linux-x86_64.sh -b -p /opt/miniconda3 \\\n    && /opt/miniconda3/bin/conda install -y numpy',
    },
    {
      name: 'a multi-stage build: the final stage FROM an ARG-named conda stage, whose environment is on PATH',
      code: 'ARG BASE=condaforge/miniforge3:24.3.0-0\nFROM $BASE AS env\nRUN mamba create -y -n sci numpy && mamba clean -afy\nENV PATH=/opt/conda/envs/sci/bin:$PATH\nFROM env\nCMD ["python"]',
      errors: [{ text: 'env', line: 5 }],
      fixes: 'unsafe',
      output: 'ARG BASE=condaforge/miniforge3:24.3.0-0\nFROM $BASE AS env\nRUN mamba create -y -n sci numpy && mamba clean -afy\nENV PATH=/opt/conda/envs/sci/bin:$PATH\nFROM env\nENV CONDA_PREFIX="/opt/conda/envs/sci"\nCMD ["python"]',
    },
    {
      name: 'micromamba in the exec form, with its MAMBA_ROOT_PREFIX',
      code: 'FROM debian:12-slim\nENV MAMBA_ROOT_PREFIX=/srv/mamba\nRUN ["micromamba", "install", "-y", "-n", "base", "numpy"]\n',
      errors: [{ text: 'debian:12-slim' }],
      fixes: 'unsafe',
      output: 'FROM debian:12-slim\nENV CONDA_PREFIX="/srv/mamba"\nENV MAMBA_ROOT_PREFIX=/srv/mamba\nRUN ["micromamba", "install", "-y", "-n", "base", "numpy"]\n',
    },
    {
      name: 'conda in a heredoc, with CRLF line endings',
      code: 'FROM debian:12-slim\r\nRUN <<EOF\r\nconda install -y numpy\r\nEOF\r\n',
      errors: [{ text: 'debian:12-slim' }],
      fixes: 'unsafe',
      output: 'FROM debian:12-slim\r\nENV CONDA_PREFIX="/opt/conda"\r\nRUN <<EOF\r\nconda install -y numpy\r\nEOF\r\n',
    },
  ],
});
