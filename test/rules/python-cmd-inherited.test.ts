import { pythonCmdInherited } from '../../server/src/rules/pythonCmdInherited';
import { testRule } from '../support/ruleTester';

testRule(pythonCmdInherited, {
  valid: [
    { name: "the lesson's pip example, which sets CMD [ \"/bin/bash\" ]", code: 'FROM python:3.8-slim\n\nRUN pip install astropy\n\nCMD [ "/bin/bash" ]\n' },
    { name: 'the python console, chosen on purpose', code: 'FROM python:3.12-slim\nCMD ["python3"]\n' },
    { name: 'an ENTRYPOINT, which resets the inherited CMD', code: 'FROM python:3.12-slim\nENTRYPOINT ["python3", "-m", "app"]\n' },
    { name: 'a Jupyter image, whose own start-up must stay', code: 'FROM jupyter/scipy-notebook:2023-10-20\nRUN pip install --no-cache-dir astropy\n' },
    { name: 'a rocker image, whose own start-up must stay', code: 'FROM rocker/rstudio:4.3.1\nRUN install2.r dplyr\n' },
    { name: 'a base whose CMD is already a shell', code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy\n' },
    { name: 'a CMD in the stage the final stage is built FROM', code: 'FROM python:3.12 AS base\nCMD ["/bin/bash"]\nFROM base\nRUN pip install --no-cache-dir numpy\n' },
    { name: 'a final stage FROM Ubuntu after a python builder', code: 'FROM python:3.12 AS build\nRUN pip wheel -w /w numpy\nFROM ubuntu:24.04\nCOPY --from=build /w /w\n' },
    { name: 'an image the catalogue does not know', code: 'FROM $BASE\nRUN pip install numpy\n' },
  ],
  invalid: [
    {
      name: 'the base image behind nested ARG defaults is found in the catalogue',
      code: 'ARG REGISTRY=docker.io\nARG IMAGE=${REGISTRY}/library/python:3.12-slim\nFROM $IMAGE\nRUN echo hi\n',
      errors: [{ text: '$IMAGE' }],
    },
    {
      name: 'no fix after an unclosed heredoc, which would swallow the CMD (found by the fuzzer)',
      code: 'FROM python:3.8-slim\nRUN <<EOF\npip list\n',
      errors: [{ text: 'python:3.8-slim' }],
      output: null,
      fixes: 'unsafe',
    },
    {
      name: 'python:3.8-slim without CMD: the fix adds the lesson\'s CMD at the end of the stage',
      code: 'FROM python:3.8-slim\n\nRUN pip --no-cache-dir install astropy\n',
      errors: [{ text: 'python:3.8-slim', messageId: 'inherited', severity: 'hint', hadolint: null, message: 'starts python3, the Python console that python:3.8-slim sets' }],
      fixes: 'unsafe',
      output: 'FROM python:3.8-slim\n\nRUN pip --no-cache-dir install astropy\nCMD ["/bin/bash"]\n',
    },
    {
      name: 'the fix is unsafe, so fix-all leaves it',
      code: 'FROM python:3.8-slim\n',
      errors: [{ text: 'python:3.8-slim' }],
      output: null,
    },
    {
      name: 'through earlier stages, with an ARG-substituted tag',
      code: 'ARG PY=3.11\nFROM python:${PY}-slim AS base\nRUN pip install --no-cache-dir numpy\nFROM base AS app\nCOPY app.py /app.py\n',
      errors: [{ text: 'base', line: 4, message: 'python:3.11-slim sets' }],
      fixes: 'unsafe',
      output: 'ARG PY=3.11\nFROM python:${PY}-slim AS base\nRUN pip install --no-cache-dir numpy\nFROM base AS app\nCOPY app.py /app.py\nCMD ["/bin/bash"]\n',
    },
    {
      name: 'an Alpine python image has no bash, so the fix offers /bin/sh',
      code: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir numpy',
      errors: [{ text: 'python:3.12-alpine', message: 'CMD ["/bin/sh"]' }],
      fixes: 'unsafe',
      output: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir numpy\nCMD ["/bin/sh"]\n',
    },
    {
      name: 'an ONBUILD CMD, and a CMD in a builder stage, do not count',
      code: 'FROM debian AS build\nCMD ["/bin/bash"]\nFROM python:3.12\nONBUILD CMD ["/bin/bash"]\n',
      errors: [{ text: 'python:3.12' }],
    },
    {
      name: 'the CMD goes after a last RUN continued over lines with a comment line',
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir \\\n# numerics\n      numpy\n# done\n',
      errors: [{ text: 'python:3.12' }],
      fixes: 'unsafe',
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir \\\n# numerics\n      numpy\nCMD ["/bin/bash"]\n# done\n',
    },
    {
      name: 'the CMD goes after a last RUN with a heredoc',
      code: 'FROM python:3.12\nRUN <<EOF\npip install --no-cache-dir numpy\nEOF\n',
      errors: [{ text: 'python:3.12' }],
      fixes: 'unsafe',
      output: 'FROM python:3.12\nRUN <<EOF\npip install --no-cache-dir numpy\nEOF\nCMD ["/bin/bash"]\n',
    },
  ],
});
