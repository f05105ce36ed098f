import { imageTagNotPinned } from '../../server/src/rules/imageTagNotPinned';
import { testRule } from '../support/ruleTester';

testRule(imageTagNotPinned, {
  valid: [
    { name: 'COPY --from a versioned uv image, as uv\'s Docker guide advises', code: 'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\n' },
    { name: 'COPY --from a stage', code: 'FROM python:3.12-slim AS build\nRUN true\nFROM python:3.12-slim\nCOPY --from=build /a /a\n' },
    { name: 'a tag', code: 'FROM python:3.8-slim\n' },
    { name: "the lesson's Ubuntu Dockerfile.4: the tag from the ARG's default", code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\n' },
    { name: 'a braced ARG with a tagged default', code: 'ARG BASE=nvidia/cuda:10.2-devel-ubuntu18.04\nFROM ${BASE}\n' },
    { name: 'an ARG without a default cannot be judged', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
    { name: 'stage names are not images, in any case', code: 'FROM python:3.8 AS Build\nRUN true\nFROM build\nFROM BUILD AS again\n' },
    { name: 'scratch is exempt', code: 'FROM scratch\nCOPY app /app\n' },
    { name: 'a digest pins', code: 'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'latest with a digest pins too', code: 'FROM python:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'a registry port is not a tag, a tag after it is', code: 'FROM localhost:5000/tools/base:1.0\n' },
    { name: "hadolint's pragma", code: '# hadolint ignore=DL3006\nFROM python\n' },
  ],
  invalid: [
    {
      name: 'COPY --from=ghcr.io/astral-sh/uv:latest is a moving target',
      code: 'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n',
      errors: [{ text: '--from=ghcr.io/astral-sh/uv:latest', messageId: 'copyFrom', hadolint: null }],
      output: null,
    },
    {
      name: 'COPY --from an image without a tag',
      code: 'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n',
      errors: [{ text: '--from=ghcr.io/astral-sh/uv', messageId: 'copyFrom', message: 'ghcr.io/astral-sh/uv:latest' }],
      output: null,
    },
    {
      name: 'a FROM whose ARG default is built from earlier ARGs is resolved for the message',
      code: 'ARG REGISTRY=docker.io\nARG OWNER=library\nARG TAG=latest\nARG IMAGE=$REGISTRY/$OWNER/python:$TAG\nFROM $IMAGE\nCMD ["python"]\n',
      errors: [{ text: '$IMAGE', message: "(by its ARG default, 'docker.io/library/python:latest')" }],
      output: null,
    },
    {
      name: 'no tag names DL3006',
      code: 'FROM python\nCMD ["python"]\n',
      errors: [{ text: 'python', messageId: 'untagged', hadolint: 'DL3006', severity: 'warning', message: 'python:latest' }],
      output: null,
    },
    {
      name: 'latest names DL3007',
      code: 'FROM jupyter/scipy-notebook:latest\n',
      errors: [{ text: 'jupyter/scipy-notebook:latest', messageId: 'latest', hadolint: 'DL3007' }],
    },
    {
      name: 'an ARG-substituted tag is resolved from its default before FROM',
      code: 'ARG TAG=latest\nFROM ubuntu:$TAG\n',
      errors: [{ text: 'ubuntu:$TAG', messageId: 'latest', hadolint: 'DL3007', message: "'ubuntu:$TAG' (by its ARG default, 'ubuntu:latest')" }],
    },
    {
      name: 'an ARG default with no tag, and a fallback default',
      code: 'ARG BASE=quay.io/pawsey/foamextend41\nFROM ${BASE}\nFROM ${OTHER:-debian} AS second\n',
      errors: [{ text: '${BASE}', hadolint: 'DL3006' }, { text: '${OTHER:-debian}', hadolint: 'DL3006' }],
    },
    {
      name: 'every stage is checked, with --platform',
      code: 'FROM --platform=linux/amd64 debian AS build\nRUN true\nFROM python:3.8-slim\nCOPY --from=build /x /x\n',
      errors: [{ text: 'debian' }],
    },
    {
      name: 'a registry port without a tag',
      code: 'FROM localhost:5000/tools/base\n',
      errors: [{ text: 'localhost:5000/tools/base', hadolint: 'DL3006' }],
    },
  ],
});
