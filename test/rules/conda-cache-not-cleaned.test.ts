import { condaCacheNotCleaned } from '../../server/src/rules/condaCacheNotCleaned';
import { testRule } from '../support/ruleTester';

testRule(condaCacheNotCleaned, {
  valid: [
    { name: 'the package cache removed where the install put it, outside /opt/conda', code: 'FROM debian:12\nRUN /root/miniconda3/bin/conda install -y numpy && rm -rf /root/miniconda3/pkgs/*\n' },
    { name: "the package cache removed through $MAMBA_ROOT_PREFIX", code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base numpy && rm -rf "${MAMBA_ROOT_PREFIX}/pkgs"\n' },
    { name: 'install --download-only fills the package cache on purpose', code: 'FROM continuumio/miniconda3\nRUN conda install -y --download-only numpy\n' },
    { name: "clean -tipsy removes the tarballs and packages", code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -tipsy\n' },
    { name: "a cleanup script of the project's own that names conda", code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && conda_clean_all\n' },
    { name: "the lesson's conda Dockerfile.2: clean -ay in the same RUN", code: 'FROM continuumio/miniconda3:4.8.2\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION \\\n      && conda clean -ay\n' },
    { name: 'clean -afy after mamba create', code: 'FROM condaforge/miniforge3\nRUN mamba create -y -n sci numpy && mamba clean -afy\n' },
    { name: 'clean --all --yes', code: 'FROM mambaorg/micromamba\nRUN micromamba install -y -n base numpy && micromamba clean --all --yes\n' },
    { name: 'removing the pkgs folder', code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && rm -rf /opt/conda/pkgs/*\n' },
    { name: 'a cache mount on the pkgs folder', code: 'FROM continuumio/miniconda3\nRUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy\n' },
    { name: 'a builder stage only copied from', code: 'FROM continuumio/miniconda3 AS build\nRUN conda create -y -p /env numpy\nFROM debian:12-slim\nCOPY --from=build /env /env\n' },
    { name: 'conda list and conda config fill no cache', code: 'FROM continuumio/miniconda3\nRUN conda config --add channels conda-forge && conda list\n' },
    { name: 'a heredoc that cleans', code: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda install -y numpy\nconda clean -afy\nEOF\n' },
  ],
  invalid: [
    {
      name: 'the clean runs conda as the RUN wrote it, quotes and all (a folder with a space in a variable)',
      code: 'FROM debian:12\nARG CONDA_DIR="/opt/my conda"\nRUN "$CONDA_DIR/bin/conda" install -y numpy=1.26.4\n',
      errors: [{ text: '"$CONDA_DIR/bin/conda" install', messageId: 'notCleaned' }],
      output: 'FROM debian:12\nARG CONDA_DIR="/opt/my conda"\nRUN "$CONDA_DIR/bin/conda" install -y numpy=1.26.4 && "$CONDA_DIR/bin/conda" clean -afy\n',
    },
    {
      name: "the lesson's conda Dockerfile.1, fixed as its Dockerfile.2 but with -afy",
      code: 'FROM continuumio/miniconda3:4.8.2\n\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION\n',
      errors: [{ text: 'conda install', line: 4, messageId: 'notCleaned', severity: 'warning' }],
      output: 'FROM continuumio/miniconda3:4.8.2\n\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION && conda clean -afy\n',
    },
    {
      name: 'conda clean -t leaves the extracted packages',
      code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -ty\n',
      errors: [{ text: 'conda install' }],
      output: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -ty && conda clean -afy\n',
    },
    {
      name: 'a clean before the install does not count; mamba env create, continued with a comment line',
      code: 'FROM condaforge/miniforge3\nRUN mamba clean -afy \\\n    # the environment\n    && mamba env create -f /environment.yml\n',
      errors: [{ text: 'mamba env create' }],
      output: 'FROM condaforge/miniforge3\nRUN mamba clean -afy \\\n    # the environment\n    && mamba env create -f /environment.yml \\\n    && mamba clean -afy\n',
    },
    {
      name: 'a stage the final stage builds FROM, micromamba by its path',
      code: 'FROM mambaorg/micromamba:1.5 AS env\nRUN /usr/bin/micromamba install -y -n base -c conda-forge numpy\nFROM env\nCMD ["python"]\n',
      errors: [{ text: '/usr/bin/micromamba install', line: 2 }],
      output: 'FROM mambaorg/micromamba:1.5 AS env\nRUN /usr/bin/micromamba install -y -n base -c conda-forge numpy && /usr/bin/micromamba clean -afy\nFROM env\nCMD ["python"]\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda create -y -n py numpy\nEOF\n',
      errors: [{ text: 'conda create' }],
      output: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda create -y -n py numpy\nconda clean -afy\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM continuumio/miniconda3\nONBUILD RUN conda install -y --file /requirements.yaml\n',
      errors: [{ text: 'conda install' }],
      output: 'FROM continuumio/miniconda3\nONBUILD RUN conda install -y --file /requirements.yaml && conda clean -afy\n',
    },
    {
      name: 'the exec form, which has no shell to chain in',
      code: 'FROM continuumio/miniconda3\nRUN ["conda", "install", "-y", "numpy"]\n',
      errors: [{ text: '"conda", "install"' }],
      output: null,
    },
    {
      name: 'no fix of its own when a later cleanup-only RUN is moved in by cleanup-in-separate-layer',
      code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy\nRUN conda clean -afy\n',
      errors: [{ text: 'conda install', line: 2 }],
      output: null,
    },
  ],
});
