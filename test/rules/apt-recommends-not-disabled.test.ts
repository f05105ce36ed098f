import { aptRecommendsNotDisabled } from '../../server/src/rules/aptRecommendsNotDisabled';
import { testRule } from '../support/ruleTester';

testRule(aptRecommendsNotDisabled, {
  valid: [
    { name: '--no-install-recommends, as the MPI example writes it', code: 'FROM python:3.8-slim\nRUN apt-get update -qq \\\n      && apt-get -y --no-install-recommends install \\\n         build-essential \\\n      && rm -r /var/lib/apt/lists/*\n' },
    { name: '--no-install-recommends after the packages', code: 'FROM debian\nRUN apt-get install -y git --no-install-recommends\n' },
    { name: '-o APT::Install-Recommends=false', code: 'FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y git\n' },
    { name: '--option APT::Install-Recommends=0', code: 'FROM debian\nRUN apt-get install --option APT::Install-Recommends=0 -y git\n' },
    { name: 'a builder stage that the final stage only copies from', code: 'FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\nCOPY --from=build /out /out\n' },
    { name: 'apt-get -f install, which names no package', code: 'FROM debian\nRUN apt-get -f install -y\n' },
    { name: 'the exec form with the flag', code: 'FROM debian\nRUN ["apt-get", "install", "-y", "--no-install-recommends", "git"]\n' },
    { name: "hadolint's pragma", code: 'FROM debian\n# hadolint ignore=DL3015\nRUN apt-get install -y git\n' },
  ],
  invalid: [
    {
      name: "the lesson's Ubuntu example, with a comment line in the continued RUN",
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n# the compilers\n           build-essential \\\n           gfortran\n',
      errors: [{ text: 'apt-get install', line: 4, messageId: 'recommends', severity: 'info', hadolint: 'DL3015' }],
      output: null,
    },
    {
      name: 'the fix is unsafe: it inserts --no-install-recommends after install',
      code: 'FROM ubuntu:18.04\nRUN apt-get update \\\n      && apt-get install -y \\\n           git\n',
      errors: [{ text: 'apt-get install' }],
      fixes: 'unsafe',
      output: 'FROM ubuntu:18.04\nRUN apt-get update \\\n      && apt-get install --no-install-recommends -y \\\n           git\n',
    },
    {
      name: 'a stage the final stage is built FROM, through an ARG-named image',
      code: 'ARG BASE=debian:12\nFROM $BASE AS base\nARG PKG=git\nRUN apt-get install -y $PKG\nFROM base\nCMD ["bash"]\n',
      errors: [{ text: 'apt-get install', line: 4 }],
      fixes: 'unsafe',
      output: 'ARG BASE=debian:12\nFROM $BASE AS base\nARG PKG=git\nRUN apt-get install --no-install-recommends -y $PKG\nFROM base\nCMD ["bash"]\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n',
      errors: [{ text: 'apt-get install', line: 4 }],
      fixes: 'unsafe',
      output: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y git\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN apt-get install -y git\n',
      errors: [{ text: 'apt-get install' }],
      fixes: 'unsafe',
      output: 'FROM debian\nONBUILD RUN apt-get install --no-install-recommends -y git\n',
    },
    {
      name: 'the exec form',
      code: 'FROM debian\nRUN ["apt-get", "install", "-y", "git"]\n',
      errors: [{ text: '"apt-get", "install"' }],
      fixes: 'unsafe',
      output: 'FROM debian\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "git"]\n',
    },
    {
      name: 'apt install, and APT::Install-Recommends=true does not count',
      code: 'FROM debian\nRUN apt install -y git && apt-get -o APT::Install-Recommends=true install -y vim\n',
      errors: [{ text: 'apt install' }, { text: 'apt-get -o APT::Install-Recommends=true install' }],
    },
  ],
});
