import { pipCacheNotDisabled } from '../../server/src/rules/pipCacheNotDisabled';
import { testRule } from '../support/ruleTester';

testRule(pipCacheNotDisabled, {
  valid: [
    { name: "pip's abbreviation --no-cache, which its option parser reads as --no-cache-dir", code: 'FROM python:3.12\nRUN pip install --no-cache numpy\n' },
    { name: 'pip download, whose downloads are the point', code: 'FROM python:3.12\nRUN pip download -d /wheels numpy\n' },
    { name: '--no-cache-dir after install', code: 'FROM python:3.8-slim\nRUN pip install --no-cache-dir astropy\n' },
    { name: '--no-cache-dir before install, as the lesson writes it', code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install astropy\n' },
    { name: 'PIP_NO_CACHE_DIR set by ENV', code: 'FROM python:3.8-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install astropy\n' },
    { name: 'PIP_NO_CACHE_DIR set by ARG', code: 'FROM python:3.8-slim\nARG PIP_NO_CACHE_DIR=1\nRUN pip install astropy\n' },
    { name: 'PIP_NO_CACHE_DIR set inline', code: 'FROM python:3.8-slim\nRUN PIP_NO_CACHE_DIR=1 pip install astropy\n' },
    { name: 'PIP_NO_CACHE_DIR exported earlier in the RUN', code: 'FROM python:3.8-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install astropy\n' },
    { name: 'ENV set in the stage the final stage is built FROM', code: 'FROM python:3.8-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install astropy\n' },
    {
      name: "pip's cache removed later in the same RUN, as root or by the home folder",
      code: 'FROM python:3.12\nRUN pip install numpy==2.0.1 \\\n && pip install scipy==1.14.0 \\\n && rm -rf /root/.cache/pip\nRUN pip install pandas==2.2.2 && rm -rf ~/.cache\n',
    },
    { name: 'pip cache purge after the install', code: 'FROM python:3.12\nRUN pip install numpy==2.0.1 && pip cache purge\n' },
    { name: 'a cache mount', code: 'FROM python:3.8-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install astropy\n' },
    { name: 'a tmpfs mount on the cache: nothing written there reaches the layer', code: 'FROM python:3.8-slim\nRUN --mount=type=tmpfs,target=/root/.cache pip install astropy\n' },
    { name: 'a builder stage only copied from', code: 'FROM python:3.8 AS build\nRUN pip wheel -w /w astropy && pip install astropy\nFROM python:3.8-slim\nCOPY --from=build /w /w\n' },
    { name: 'pip download is not an install', code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install x && pip download y\n' },
    { name: 'a global ARG not declared in the stage does not count, but a silenced RUN does', code: 'ARG PIP_NO_CACHE_DIR=1\nFROM python:3.8-slim\n# hadolint ignore=DL3042\nRUN pip install astropy\n' },
  ],
  invalid: [
    {
      name: "pip's cache removed before a later install, which leaves its own",
      code: 'FROM python:3.12\nRUN pip install numpy==2.0.1 && rm -rf /root/.cache/pip && pip install scipy==1.14.0\n',
      errors: [{ text: 'pip install' }],
      output: 'FROM python:3.12\nRUN pip install numpy==2.0.1 && rm -rf /root/.cache/pip && pip install --no-cache-dir scipy==1.14.0\n',
    },
    {
      name: 'another folder removed after the install',
      code: 'FROM python:3.12\nRUN pip install numpy==2.0.1 && rm -rf /root/.cache/other\n',
      errors: [{ text: 'pip install' }],
    },
    {
      name: '--no-c is ambiguous to pip (--no-clean, --no-color, --no-compile), so it is not the cache option',
      code: 'FROM python:3.12\nRUN pip install --no-compile numpy\n',
      errors: [{ text: 'pip install' }],
    },
    {
      name: 'the lesson\'s first pip Dockerfile',
      code: 'FROM python:3.8-slim\n\nRUN pip install astropy\n\nCMD [ "/bin/bash" ]\n',
      errors: [{ text: 'pip install', line: 3, messageId: 'cached', hadolint: 'DL3042' }],
      output: 'FROM python:3.8-slim\n\nRUN pip install --no-cache-dir astropy\n\nCMD [ "/bin/bash" ]\n',
    },
    {
      name: 'pip3 and python -m pip, with an ARG version',
      code: 'FROM python:3.8-slim\nARG V=1.0\nRUN pip3 install a==$V && python3 -m pip install b\n',
      errors: [{ text: 'pip3 install' }, { text: 'python3 -m pip install' }],
      output: 'FROM python:3.8-slim\nARG V=1.0\nRUN pip3 install --no-cache-dir a==$V && python3 -m pip install --no-cache-dir b\n',
    },
    {
      name: 'a global ARG is not in scope until the stage declares it',
      code: 'ARG PIP_NO_CACHE_DIR=1\nFROM python:3.8-slim\nRUN pip install astropy\n',
      errors: [{ text: 'pip install' }],
    },
    {
      name: 'a continued RUN with a comment line',
      code: 'FROM python:3.8-slim\nRUN apt-get update \\\n  # then the python side\n  && pip install \\\n     numpy\n',
      errors: [{ text: 'pip install' }],
      output: 'FROM python:3.8-slim\nRUN apt-get update \\\n  # then the python side\n  && pip install --no-cache-dir \\\n     numpy\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM python:3.8-slim\nRUN <<EOF\npip install numpy\nEOF\n',
      errors: [{ text: 'pip install' }],
      output: 'FROM python:3.8-slim\nRUN <<EOF\npip install --no-cache-dir numpy\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.8-slim\nONBUILD RUN pip install -r requirements.txt\n',
      errors: [{ text: 'pip install' }],
      output: 'FROM python:3.8-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'the exec form',
      code: 'FROM python:3.8-slim\nRUN ["pip", "install", "numpy"]\n',
      errors: [{ text: '"pip", "install"' }],
      output: 'FROM python:3.8-slim\nRUN ["pip", "install", "--no-cache-dir", "numpy"]\n',
    },
    {
      name: 'the stage the final stage is built FROM',
      code: 'FROM python:3.8-slim AS base\nRUN pip install numpy\nFROM base\nCMD ["python"]\n',
      errors: [{ text: 'pip install' }],
    },
  ],
});
