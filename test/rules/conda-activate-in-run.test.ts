import { condaActivateInRun } from '../../server/src/rules/condaActivateInRun';
import { testRule } from '../support/ruleTester';

testRule(condaActivateInRun, {
  valid: [
    { name: 'conda run', code: 'FROM continuumio/miniconda3\nRUN conda run -n sci python -c "import numpy"\n' },
    { name: 'ENV PATH to the environment', code: 'FROM continuumio/miniconda3\nENV PATH=/opt/conda/envs/sci/bin:$PATH\nRUN python -c "import numpy"\n' },
    { name: 'activate written into .bashrc is text, not a command', code: 'FROM continuumio/miniconda3\nRUN echo "conda activate sci" >> ~/.bashrc\n' },
    { name: 'a SHELL that runs in the environment', code: 'FROM continuumio/miniconda3\nSHELL ["conda", "run", "-n", "sci", "/bin/bash", "-c"]\nRUN python -c "import numpy"\n' },
    { name: 'a Python virtual environment, not conda', code: 'FROM python:3.12\nRUN python -m venv /venv && . /venv/bin/activate && pip install numpy\n' },
    { name: 'a heredoc whose body is data', code: 'FROM continuumio/miniconda3\nRUN cat <<EOF > /entry.sh\nconda activate sci\nEOF\n' },
  ],
  invalid: [
    {
      name: 'conda activate alone: the RUN becomes ENV',
      code: 'FROM continuumio/miniconda3\nRUN conda create -y -n sci numpy\nRUN conda activate sci\nCMD ["python"]\n',
      errors: [{ text: 'conda activate sci', line: 3, messageId: 'last', severity: 'warning' }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3\nRUN conda create -y -n sci numpy\nENV CONDA_PREFIX="/opt/conda/envs/sci" PATH="/opt/conda/envs/sci/bin:$PATH"\nCMD ["python"]\n',
    },
    {
      name: 'the fixes are not safe: they change the ENV or how commands run',
      code: 'FROM continuumio/miniconda3\nRUN conda activate sci\n',
      errors: [{ text: 'conda activate sci' }],
      output: null,
    },
    {
      name: 'source activate at the end of a continued RUN with a comment line, in a miniforge stage built FROM',
      code: 'FROM condaforge/miniforge3 AS base\nRUN mamba create -y -n sci numpy \\\n    # then switch to it\n    && source activate sci\nFROM base\n',
      errors: [{ text: 'source activate sci', line: 4 }],
      fixes: 'unsafe',
      output: 'FROM condaforge/miniforge3 AS base\nRUN mamba create -y -n sci numpy\nENV CONDA_PREFIX="/opt/conda/envs/sci" PATH="/opt/conda/envs/sci/bin:$PATH"\nFROM base\n',
    },
    {
      name: 'commands after the activation run with conda run; an ARG-substituted version',
      code: 'FROM continuumio/miniconda3\nARG V=1.26\nRUN conda activate sci && pip install numpy==$V && python -m pytest\n',
      errors: [{ text: 'conda activate sci', messageId: 'followed' }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3\nARG V=1.26\nRUN conda run -n sci pip install numpy==$V && conda run -n sci python -m pytest\n',
    },
    {
      name: "an environment's name with a space is one word again in conda run -n",
      code: 'FROM continuumio/miniconda3\nRUN conda activate "my env" && python -m pytest\n',
      errors: [{ text: 'conda activate "my env"', messageId: 'followed' }],
      fixes: 'unsafe',
      output: "FROM continuumio/miniconda3\nRUN conda run -n 'my env' python -m pytest\n",
    },
    {
      name: "an environment's name from a variable is written as the RUN wrote it",
      code: 'FROM continuumio/miniconda3\nARG ENV_NAME=sci\nRUN conda activate $ENV_NAME && python -m pytest\n',
      errors: [{ text: 'conda activate $ENV_NAME', messageId: 'followed' }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3\nARG ENV_NAME=sci\nRUN conda run -n $ENV_NAME python -m pytest\n',
    },
    {
      name: 'no conda run fix when a shell builtin follows',
      code: 'FROM continuumio/miniconda3\nRUN conda activate sci && cd /src && make\n',
      errors: [{ text: 'conda activate sci' }],
      fixes: 'unsafe',
      output: null,
    },
    {
      name: 'a heredoc',
      code: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda create -y -n sci numpy\nconda activate sci\nEOF\n',
      errors: [{ text: 'conda activate sci', line: 4 }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3\nRUN <<EOF\nconda create -y -n sci numpy\nEOF\nENV CONDA_PREFIX="/opt/conda/envs/sci" PATH="/opt/conda/envs/sci/bin:$PATH"\n',
    },
    {
      name: 'the activate script of a conda install, by its path',
      code: 'FROM ubuntu:22.04\nRUN . /opt/miniconda3/bin/activate sci && python -V\n',
      errors: [{ text: '. /opt/miniconda3/bin/activate sci' }],
    },
    {
      name: 'ONBUILD, with the base environment and micromamba',
      code: 'FROM mambaorg/micromamba\nONBUILD RUN micromamba activate\n',
      errors: [{ text: 'micromamba activate' }],
      fixes: 'unsafe',
      output: 'FROM mambaorg/micromamba\nONBUILD ENV CONDA_PREFIX="/opt/conda" PATH="/opt/conda/bin:$PATH"\n',
    },
    {
      name: 'the exec form',
      code: 'FROM continuumio/miniconda3\nRUN ["conda", "activate", "sci"]\n',
      errors: [{ text: '"conda", "activate", "sci"' }],
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3\nENV CONDA_PREFIX="/opt/conda/envs/sci" PATH="/opt/conda/envs/sci/bin:$PATH"\n',
    },
  ],
});
