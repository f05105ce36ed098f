import { localeNotSet } from '../../server/src/rules/localeNotSet';
import { testRule } from '../support/ruleTester';

const ENV_LINE = 'ENV LANG="C.UTF-8" LC_ALL="C.UTF-8"';

testRule(localeNotSet, {
  valid: [
    { name: 'a Windows image, which reads no LANG', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n' },
    { name: 'a docker-library Windows tag', code: 'FROM python:3.12-windowsservercore-ltsc2022\nRUN echo hi\n' },
    { name: 'r-base, which sets LANG and LC_ALL', code: 'FROM r-base:4.4.1\nRUN echo hi\n' },
    { name: 'eclipse-temurin, which sets LANG and LC_ALL', code: 'FROM eclipse-temurin:21-jdk\nRUN echo hi\n' },
    { name: 'manylinux, which sets LANG and LC_ALL', code: 'FROM quay.io/pypa/manylinux_2_28_x86_64\nRUN echo hi\n' },
    { name: 'mambaforge, which sets LANG and LC_ALL', code: 'FROM condaforge/mambaforge:23.3.1-1\nRUN echo hi\n' },
    { name: 'both set, as the lesson writes it', code: `FROM ubuntu:18.04\n${ENV_LINE}\nRUN apt-get update\n` },
    { name: 'LC_ALL alone', code: 'FROM ubuntu:18.04\nENV LC_ALL=C.UTF-8\n' },
    { name: 'the legacy ENV form', code: 'FROM debian:12\nENV LANG C.UTF-8\n' },
    { name: 'an official python image, which sets LANG=C.UTF-8', code: 'FROM python:3.8-slim\nRUN pip --no-cache-dir install astropy\nCMD [ "/bin/bash" ]\n' },
    { name: 'continuumio/miniconda3, which sets LANG and LC_ALL', code: 'FROM continuumio/miniconda3:4.8.2\nARG ASTRO_VERSION="3.2.3"\nRUN conda install -y astropy==$ASTRO_VERSION\n' },
    { name: 'an ARG-substituted python image', code: 'ARG PY=3.12\nFROM python:${PY}-slim\n' },
    { name: 'ENV set in the stage the final stage is built FROM', code: `FROM ubuntu:22.04 AS base\n${ENV_LINE}\nFROM base\nRUN echo hi\n` },
    { name: 'a final stage built, through a stage, FROM a python image', code: 'FROM python:3.12 AS base\nRUN pip install --no-cache-dir numpy\nFROM base AS final\nCMD ["python3"]\n' },
    { name: 'scratch, which runs one static binary', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'a silenced FROM', code: 'FROM ubuntu:18.04 AS base\n# layerwise-ignore=locale-not-set -- the app sets its own locale\nFROM base\n' },
  ],
  invalid: [
    {
      name: "the lesson's Ubuntu example; the fix puts the ENV just after FROM",
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y git\n',
      errors: [{ text: 'ubuntu:18.04', messageId: 'unset', severity: 'hint', message: 'nor by ubuntu:18.04' }],
      fixes: 'unsafe',
      output: `FROM ubuntu:18.04\n${ENV_LINE}\n\nRUN apt-get update \\\n      && apt-get install -y git\n`,
    },
    {
      name: 'the fix is unsafe, so fix-all leaves it',
      code: 'FROM ubuntu:18.04\n',
      errors: [{ text: 'ubuntu:18.04' }],
      output: null,
    },
    {
      name: 'beside the DEBIAN_FRONTEND ENV at the beginning of the stage, as the lesson puts it',
      code: 'FROM debian:12\nARG TOOL_VERSION="2.0"\nENV DEBIAN_FRONTEND="noninteractive"\nRUN apt-get install -y git\n',
      errors: [{ text: 'debian:12' }],
      fixes: 'unsafe',
      output: `FROM debian:12\nARG TOOL_VERSION="2.0"\nENV DEBIAN_FRONTEND="noninteractive"\n${ENV_LINE}\nRUN apt-get install -y git\n`,
    },
    {
      name: 'an ARG-substituted image, as in the lesson\'s Dockerfile.4',
      code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\n',
      errors: [{ text: 'ubuntu:$OS_VERSION' }],
      fixes: 'unsafe',
      output: `ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\n${ENV_LINE}\n`,
    },
    {
      name: 'multi-stage: a python builder does not set the locale of an Ubuntu final stage',
      code: `FROM python:3.12 AS build\nRUN pip wheel -w /w numpy\nFROM ubuntu:24.04\nCOPY --from=build /w /w\n`,
      errors: [{ text: 'ubuntu:24.04' }],
      fixes: 'unsafe',
      output: `FROM python:3.12 AS build\nRUN pip wheel -w /w numpy\nFROM ubuntu:24.04\n${ENV_LINE}\nCOPY --from=build /w /w\n`,
    },
    {
      name: 'an ARG is not in the running container, and a RUN export is gone after the RUN',
      code: 'FROM debian:12\nARG LANG=C.UTF-8\nRUN export LC_ALL=C.UTF-8 && locale\n',
      errors: [{ text: 'debian:12' }],
    },
    {
      name: 'an image the catalogue does not know: nothing is assumed set; no newline at the end',
      code: 'FROM myorg/tools:1.0',
      errors: [{ text: 'myorg/tools:1.0', message: /^Neither LANG nor LC_ALL is set in this image:/ }],
      fixes: 'unsafe',
      output: `FROM myorg/tools:1.0\n${ENV_LINE}\n`,
    },
    {
      name: 'an ONBUILD ENV belongs to the images built FROM this one',
      code: 'FROM ubuntu:22.04\nONBUILD ENV LANG=C.UTF-8\n',
      errors: [{ text: 'ubuntu:22.04' }],
    },
  ],
});
