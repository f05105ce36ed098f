import { defaultSettings } from '../../server/src/engine/settings';
import { registryNotTrusted } from '../../server/src/rules/registryNotTrusted';
import { testRule } from '../support/ruleTester';

/** Lint options with these trusted registries, as .layerwise.yaml's trustedRegistries sets them. */
const trusting = (...registries: string[]) => ({ settings: { ...defaultSettings(), trustedRegistries: registries } });

testRule(registryNotTrusted, {
  valid: [
    { name: 'no trusted registries set: every registry will do', code: 'FROM random.example.com/debian:12\n' },
    { name: 'an image of a trusted registry', code: 'FROM quay.io/pawsey/mpich-base:3.4.3_ubuntu24.04\n', options: trusting('quay.io') },
    { name: 'Docker Hub images, written in any of their forms, when docker.io is trusted', code: 'FROM ubuntu:18.04 AS a\nFROM continuumio/miniconda3:4.8.2 AS b\nFROM docker.io/library/python:3.8-slim AS c\nFROM index.docker.io/nvidia/cuda:10.2-devel-ubuntu18.04\n', options: trusting('docker.io') },
    { name: 'hub.docker.com in the list names Docker Hub, as hadolint reads it', code: 'FROM python:3.8-slim\n', options: trusting('hub.docker.com') },
    { name: 'a wildcard for the registries below a domain', code: 'FROM registry.gitlab.example.org/group/base:1.0\n', options: trusting('*.example.org') },
    { name: 'a registry with a port, named with it', code: 'FROM localhost:5000/tools/base:1.0\n', options: trusting('localhost:5000') },
    { name: 'names are compared without case', code: 'FROM Quay.IO/pawsey/mpich-base:3.4.3_ubuntu24.04\n', options: trusting('QUAY.io') },
    { name: 'scratch comes from no registry', code: 'FROM scratch\nCOPY app /app\n', options: trusting('quay.io') },
    { name: 'a stage built FROM an earlier stage', code: 'FROM quay.io/org/base:1 AS build\nFROM build\n', options: trusting('quay.io') },
    { name: 'an ARG without a default cannot be judged', code: 'ARG BASE\nFROM $BASE\n', options: trusting('quay.io') },
    { name: 'an ARG default of a trusted registry', code: 'ARG BASE=quay.io/pawsey/foamextend41:4.1\nFROM ${BASE}\n', options: trusting('quay.io') },
    { name: "hadolint's pragma", code: '# hadolint ignore=DL3026\nFROM python:3.8-slim\n', options: trusting('quay.io') },
    { name: '* trusts every registry', code: 'FROM python:3.8-slim\n', options: trusting('*') },
  ],
  invalid: [
    {
      name: 'a Docker Hub image when only another registry is trusted',
      code: 'FROM python:3.8-slim\nCMD ["python"]\n',
      options: trusting('quay.io'),
      errors: [{ text: 'python:3.8-slim', messageId: 'untrusted', hadolint: 'DL3026', severity: 'error', message: "'python:3.8-slim' comes from docker.io, which is not among the trusted registries (quay.io)" }],
      output: null,
    },
    {
      name: 'an image of another registry when only Docker Hub is trusted, with --platform',
      code: 'FROM --platform=linux/amd64 random.example.com/debian:12\n',
      options: trusting('docker.io'),
      errors: [{ text: 'random.example.com/debian:12', message: 'add random.example.com to trustedRegistries' }],
    },
    {
      name: 'the wildcard does not reach the domain itself, nor a lookalike',
      code: 'FROM example.org/base:1 AS a\nFROM badexample.org/base:1\n',
      options: trusting('*.example.org'),
      errors: [{ text: 'example.org/base:1' }, { text: 'badexample.org/base:1' }],
    },
    {
      name: 'an image name that starts with hub.docker.com names that host, not Docker Hub, as docker pull reads it',
      code: 'FROM hub.docker.com/library/python:3.8-slim\n',
      options: trusting('docker.io'),
      errors: [{ text: 'hub.docker.com/library/python:3.8-slim', message: 'comes from hub.docker.com' }],
    },
    {
      name: 'a port is part of the registry',
      code: 'FROM localhost:5001/tools/base:1.0\n',
      options: trusting('localhost:5000'),
      errors: [{ text: 'localhost:5001/tools/base:1.0', message: 'localhost:5001' }],
    },
    {
      name: "an image from an ARG's default is judged by the default, in every stage",
      code: 'ARG BASE=ghcr.io/org/base:2\nFROM quay.io/org/build:1 AS build\nFROM ${BASE}\nCOPY --from=build /opt /opt\n',
      options: trusting('quay.io'),
      errors: [{ text: '${BASE}', message: "'${BASE}' (by its ARG default, 'ghcr.io/org/base:2') comes from ghcr.io" }],
    },
  ],
});
