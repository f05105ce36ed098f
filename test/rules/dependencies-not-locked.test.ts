import { dependenciesNotLocked } from '../../server/src/rules/dependenciesNotLocked';
import { testRule } from '../support/ruleTester';

const PIP = 'This pip install pins the packages it names, not what they depend on';
const CONDA = 'This conda install pins the packages it names, not what they depend on';

testRule(dependenciesNotLocked, {
  valid: [
    { name: "the lesson's pip Dockerfile.4: a frozen list with --no-deps", code: 'FROM python:3.8-slim\nADD requirements4-3sep.txt /requirements.txt\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\n' },
    { name: "the lesson's conda Dockerfile.3: an exported --file list with --no-deps", code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y --no-deps --file /requirements.yaml && conda clean -ay\n' },
    { name: 'a package without a version is pip-package-not-pinned\'s, not this rule\'s', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir astropy==6.1.0 scipy\n' },
    { name: 'a constraints file decides the dependencies', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -c /constraints.txt astropy==6.1.0\n' },
    { name: 'PIP_CONSTRAINT on the command or in an ENV', code: 'FROM python:3.12-slim\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install --no-cache-dir astropy==6.1.0 && PIP_CONSTRAINT=/c.txt pip install --no-cache-dir h5py==3.11.0\n' },
    { name: '--no-deps installs only what is named', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --no-deps astropy==6.1.0 numpy==1.26.4\n' },
    { name: 'a wheelhouse without an index: the wheels there decide', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --no-index --find-links /wheels astropy==6.1.0\n' },
    { name: 'hashes required: every package, dependencies included, must be listed with its hash', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --require-hashes astropy==6.1.0\n' },
    { name: 'packages that require nothing at run time: mpi4py, numpy, pip and setuptools', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir mpi4py==4.0.1 numpy==1.26.4 && pip install --no-cache-dir --upgrade pip==24.2 setuptools==74.1.2\n' },
    { name: 'local wheels and paths name no package from an index', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir /tmp/tool-1.0-py3-none-any.whl .\n' },
    { name: 'conda create --clone copies an environment', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda create -y -n py38 python=3.8 --clone base\n' },
    { name: "micromamba's -f reads a file", code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base -f /tmp/env.lock numpy=1.26.4\n' },
    { name: 'apt is not this rule\'s: Debian\'s archive keeps a release\'s dependencies', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends tree=2.1.0-1 && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a silenced instruction', code: 'FROM python:3.12-slim\n# layerwise-ignore=dependencies-not-locked -- the newest numpy is wanted\nRUN pip install --no-cache-dir astropy==6.1.0\n' },
  ],
  invalid: [
    {
      name: "the lesson's pip Dockerfile.3: astropy pinned, numpy left to pip",
      code: 'FROM python:3.8-slim\nARG ASTRO_VERSION="3.2.3"\nRUN pip --no-cache-dir install astropy==$ASTRO_VERSION\n',
      errors: [{ text: 'pip --no-cache-dir install', message: PIP, severity: 'hint', hadolint: null }],
      output: null,
    },
    {
      name: "the lesson's conda Dockerfile.1: --no-update-deps does not lock what conda solves",
      code: 'FROM continuumio/miniconda3:4.8.2\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y --no-update-deps astropy==$ASTRO_VERSION\n',
      errors: [{ text: 'conda install', message: CONDA }],
      output: null,
    },
    {
      name: 'python -m pip, and a range pins the name but not the rest',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir "astropy>=6,<7"\n',
      errors: [{ text: 'python3 -m pip install', message: "requirements.in, and install the full list that 'layerwise lock' (Generate lockfile)" }],
      output: null,
    },
    {
      name: 'one finding per install command; a self-contained package beside one that is not still counts',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==1.26.4 h5py==3.11.0 \\\n && pip install --no-cache-dir pandas==2.2.2\n',
      errors: [{ text: 'pip install' }, { text: 'pip install' }],
      output: null,
    },
    {
      name: 'mamba and micromamba create',
      code: 'FROM mambaorg/micromamba:1.5.8\nRUN micromamba create -y -n env python=3.12 numpy=1.26.4 && micromamba clean -afy\n',
      errors: [{ text: 'micromamba create', message: "'layerwise lock --strategy conda' (Generate lockfile) exports" }],
      output: null,
    },
    {
      name: 'an ONBUILD RUN',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir astropy==6.1.0\n',
      errors: [{ text: 'pip install' }],
      output: null,
    },
  ],
});
