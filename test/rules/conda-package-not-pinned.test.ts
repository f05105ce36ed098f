import { condaPackageNotPinned } from '../../server/src/rules/condaPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(condaPackageNotPinned, {
  valid: [
    { name: "the lesson's conda Dockerfile.1: pkg==$VER", code: 'FROM continuumio/miniconda3:4.8.2\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION\n' },
    { name: "the lesson's conda Dockerfile.3: an exported --file list", code: 'FROM continuumio/miniconda3:4.8.2\nADD requirements-3sep.yaml /requirements.yaml\nRUN conda install -y --no-deps --file /requirements.yaml \\\n      && conda clean -ay\n' },
    { name: 'pkg=ver, pkg==ver, a range and a channel prefix', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y -c conda-forge numpy=1.19 scipy==1.5.2 "pandas>=1.1" conda-forge::xarray=0.16\n' },
    { name: 'conda create with a pinned python', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda create -y -n py38 python=3.8 --clone base\n' },
    { name: "micromamba's -f reads a file", code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base -f /tmp/env.yaml\n' },
    { name: 'a local package archive', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y /tmp/pkg-1.0-0.tar.bz2\n' },
    { name: 'conda env create reads a file', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda env create -f environment.yml\n' },
  ],
  invalid: [
    {
      name: 'conda install pkg',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy && conda clean -ay\n',
      errors: [{ text: 'astropy', messageId: 'unpinned', severity: 'warning', hadolint: null }],
      output: null,
    },
    {
      name: 'several packages in one install command: one finding that names them all',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y -c conda-forge numpy scipy=1.5 pandas astropy xarray dask && conda clean -afy\n',
      errors: [{ text: 'numpy scipy=1.5 pandas astropy xarray dask', messageId: 'unpinnedMany', message: "5 packages have no version: 'numpy', 'pandas', 'astropy', 'xarray' and 1 more." }],
      output: null,
    },
    {
      name: 'conda create and conda install in one RUN: a finding each',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda create -y -n env python pip && conda install -y -n env numpy\n',
      errors: [{ text: 'python pip', messageId: 'unpinnedMany' }, { text: 'numpy', messageId: 'unpinned' }],
    },
    {
      name: 'mamba and micromamba, in two stages',
      code: 'FROM condaforge/miniforge3:24.3.0-0 AS build\nRUN mamba install -y numpy\nFROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base -c conda-forge scipy=1.5 xarray\n',
      errors: [{ text: 'numpy' }, { text: 'xarray' }],
    },
    {
      name: 'conda create with an unpinned python, beside an ARG-substituted one',
      code: 'FROM continuumio/miniconda3:4.8.2\nARG NUMPY_VERSION=1.19\nRUN conda create -y -n env python numpy=$NUMPY_VERSION\n',
      errors: [{ text: 'python' }],
    },
    {
      name: 'a continued RUN with a comment line',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y \\\n    # the science\n    astropy \\\n    && conda clean -ay\n',
      errors: [{ text: 'astropy', line: 4 }],
    },
    {
      name: 'a heredoc',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN <<EOF\nconda install -y astropy\nEOF\n',
      errors: [{ text: 'astropy' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM continuumio/miniconda3:4.8.2\nONBUILD RUN conda install -y astropy\n',
      errors: [{ text: 'astropy' }],
    },
    {
      name: 'the exec form',
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN ["conda", "install", "-y", "astropy"]\n',
      errors: [{ text: '"astropy"' }],
    },
  ],
});
