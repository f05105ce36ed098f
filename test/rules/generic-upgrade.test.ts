import { genericUpgrade } from '../../server/src/rules/genericUpgrade';
import { defaultSettings } from '../../server/src/engine/settings';
import { testRule } from '../support/ruleTester';

testRule(genericUpgrade, {
  valid: [
    { name: 'apt-get update is not an upgrade', code: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'pip install --upgrade of a pinned package', code: 'FROM python:3.8-slim\nRUN pip install --upgrade pip==20.2.3 astropy==4.0.1\n' },
    {
      name: 'pip install --upgrade of a wheel file, whose version is the file\'s',
      code: 'FROM python:3.12-slim\nRUN wget https://example.org/tf-2.15.1-cp312-none-any.whl \\\n && python3 -m pip install --upgrade --no-cache-dir ./tf-2.15.1-cp312-none-any.whl\n',
    },
    { name: "the lesson's conda Dockerfile.3 installs, it does not update", code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y --no-deps --file /requirements.yaml \\\n      && conda clean -ay\n' },
    { name: 'the words in an echo', code: 'FROM debian:bookworm\nRUN echo apt-get upgrade conda update\n' },
    { name: 'apt-get install --only-upgrade of one pinned package is an install', code: 'FROM debian:bookworm\nRUN apt-get install -y --only-upgrade git=1:2.39.2-1.1\n' },
    { name: 'a silenced instruction', code: 'FROM debian:bookworm\n# layerwise-ignore=generic-upgrade -- security updates wanted\nRUN apt-get upgrade -y\n' },
  ],
  invalid: [
    {
      name: "dnf's aliases: up, up-min and dsync upgrade as their long names do",
      code: 'FROM fedora:40\nRUN dnf up -y && microdnf up-min -y && dnf dsync -y\n',
      errors: [{ text: 'dnf up' }, { text: 'microdnf up-min' }, { text: 'dnf dsync' }],
    },
    {
      name: "zypper's update and patch; its dist-upgrade is hadolint's DL3035, with a global option before it",
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n update && zypper -n patch && zypper --non-interactive dup && zypper -n dist-upgrade\n',
      errors: [
        { text: 'zypper -n update', hadolint: null },
        { text: 'zypper -n patch', hadolint: null },
        { text: 'zypper --non-interactive dup', hadolint: 'DL3035' },
        { text: 'zypper -n dist-upgrade', hadolint: 'DL3035' },
      ],
      output: null,
    },
    {
      name: 'apt-get upgrade and dist-upgrade',
      code: 'FROM ubuntu:18.04\nRUN apt-get update && apt-get upgrade -y && apt-get -y dist-upgrade\n',
      errors: [
        { text: 'apt-get upgrade', messageId: 'upgrade', severity: 'warning', hadolint: null },
        { text: 'apt-get -y dist-upgrade', message: "'apt-get dist-upgrade'" },
      ],
      output: null,
    },
    {
      name: 'pip install --upgrade of pip itself only at info; of packages named with no version, left to pip-package-not-pinned, which asks for the same pins (the corpus\'s qiskit image)',
      code: 'FROM python:3.8-slim\nRUN pip install --upgrade pip && python3 -m pip install -U astropy\n',
      errors: [{ text: '--upgrade', messageId: 'pipSelf', severity: 'info' }],
    },
    {
      name: 'pip install --upgrade of packages named with no version, with pip-package-not-pinned off',
      code: 'FROM python:3.8-slim\nRUN python3 -m pip install -U astropy setuptools\n',
      errors: [{ text: '-U', messageId: 'pipUpgrade', severity: 'warning' }],
      options: { settings: { ...defaultSettings(), rules: { 'pip-package-not-pinned': 'off' } } },
    },
    {
      name: 'the same with DL3013, its hadolint code, ignored',
      code: 'FROM python:3.8-slim\nRUN python3 -m pip install -U astropy\n',
      errors: [{ text: '-U', messageId: 'pipUpgrade' }],
      options: { settings: { ...defaultSettings(), ignore: ['DL3013'] } },
    },
    {
      name: 'pip install --upgrade of a wheel file and a package with a range, which pip-package-not-pinned does not report',
      code: 'FROM python:3.12-slim\nRUN pip install -U /tmp/tf-2.15.1-cp312-none-any.whl "requests>=2"\n',
      errors: [{ text: '-U', messageId: 'pipUpgrade' }],
    },
    {
      name: 'pip install --upgrade --upgrade-strategy eager, which upgrades the dependencies of a wheel or a pinned package too',
      code: 'FROM python:3.12-slim\nRUN pip install -U --upgrade-strategy eager ./tf-2.15.1-cp312-none-any.whl && pip install --upgrade --upgrade-strategy=eager numpy==2.0.1\n',
      errors: [{ text: '-U', messageId: 'pipUpgrade' }, { text: '--upgrade', messageId: 'pipUpgrade' }],
    },
    {
      name: 'pip install --upgrade of a requirements file or a range',
      code: 'FROM python:3.8-slim\nRUN pip install -U -r /requirements.txt && pip install --upgrade "numpy>=1.19"\n',
      errors: [{ text: '-U', messageId: 'pipUpgrade' }, { text: '--upgrade', messageId: 'pipUpgrade' }],
    },
    {
      name: 'conda update, --all included, and mamba update, in two stages',
      code: 'FROM continuumio/miniconda3:4.8.2 AS build\nRUN conda update -y --all\nFROM continuumio/miniconda3:4.8.2\nRUN conda update -n base conda && mamba update -y numpy\n',
      errors: [{ text: 'conda update', line: 2 }, { text: 'conda update', line: 4 }, { text: 'mamba update' }],
    },
    {
      name: 'yum update, dnf upgrade, apk upgrade',
      code: 'FROM rockylinux:9.4\nRUN yum -y update && dnf upgrade -y && microdnf update\nFROM alpine:3.19\nRUN apk upgrade --no-cache\n',
      errors: [{ text: 'yum -y update' }, { text: 'dnf upgrade' }, { text: 'microdnf update' }, { text: 'apk upgrade' }],
    },
    {
      name: 'a continued RUN with a comment line, under an ARG-substituted image',
      code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\nRUN apt-get update \\\n    # bring everything up to date\n    && apt-get upgrade -y\n',
      errors: [{ text: 'apt-get upgrade', line: 5 }],
    },
    {
      name: 'a heredoc',
      code: 'FROM debian:bookworm\nRUN <<EOF\napt-get update\napt-get -y upgrade\nEOF\n',
      errors: [{ text: 'apt-get -y upgrade' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:bookworm\nONBUILD RUN apt-get upgrade -y\n',
      errors: [{ text: 'apt-get upgrade' }],
    },
    {
      name: 'the exec form',
      code: 'FROM debian:bookworm\nRUN ["apt-get", "upgrade", "-y"]\n',
      errors: [{ text: '"apt-get", "upgrade"' }],
    },
  ],
});
