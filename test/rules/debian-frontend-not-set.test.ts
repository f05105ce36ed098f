import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianFrontendNotSet } from '../../server/src/rules/debianFrontendNotSet';
import { lintWith, testRule } from '../support/ruleTester';

testRule(debianFrontendNotSet, {
  valid: [
    { name: "a Jupyter stack, which sets DEBIAN_FRONTEND itself", code: 'FROM quay.io/jupyter/scipy-notebook:2024-05-27\nUSER root\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'biocontainers, which sets DEBIAN_FRONTEND itself', code: 'FROM biocontainers/biocontainers:v1.2.0_cv2\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'ENV, as the lesson sets it', code: 'FROM ubuntu:18.04\nENV DEBIAN_FRONTEND="noninteractive"\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'ARG in the stage', code: 'FROM ubuntu:18.04\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y git\n' },
    { name: 'inline before apt-get', code: 'FROM debian\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y git\n' },
    { name: 'through env', code: 'FROM debian\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -y git\n' },
    { name: 'exported earlier in a continued RUN with a comment line', code: 'FROM debian\nRUN export DEBIAN_FRONTEND=noninteractive \\\n# now install\n    && apt-get install -y git\n' },
    { name: 'exported in a heredoc', code: 'FROM debian\nRUN <<EOF\nexport DEBIAN_FRONTEND=noninteractive\napt-get install -y git\nEOF\n' },
    { name: 'debconf told to be noninteractive in an earlier RUN', code: "FROM debian\nRUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections\nRUN apt-get install -y git\n" },
    { name: 'debconf told so earlier in the same RUN, unquoted', code: 'FROM debian\nRUN echo debconf debconf/frontend select Noninteractive | debconf-set-selections && apt-get install -y git\n' },
    { name: 'a stage built FROM a stage that set ENV', code: 'FROM ubuntu:22.04 AS base\nENV DEBIAN_FRONTEND=noninteractive\nFROM base\nRUN apt-get install -y git\n' },
    // False alarm found in the corpus (pawsey-containers openfoam-org/5.x_CFDEM): the base image sets it.
    { name: 'a base image that sets it, as quay.io/pawsey/openfoam-org does', code: 'FROM quay.io/pawsey/openfoam-org:5.x\nRUN apt-get update -qq && apt-get -y --no-install-recommends install flex\n' },
    { name: 'a base stage FROM quay.io/pawsey/mpich-base', code: 'FROM quay.io/pawsey/mpich-base:3.4.3_ubuntu24.04 AS primary\nFROM primary AS withpackages\nRUN apt-get install --yes flex\n' },
    { name: 'apt-get update alone, which asks nothing', code: 'FROM debian\nRUN apt-get update\n' },
    { name: 'an image the catalogue knows to be Alpine', code: 'FROM alpine:3.20\nRUN apt-get install -y git\n' },
  ],
  invalid: [
    {
      name: 'an image the catalogue does not know may set it already: reported as a milder hint',
      code: 'FROM registry.example.org/team/base:1.0\nRUN apt-get update && apt-get install -y git\n',
      errors: [{ text: 'apt-get install', severity: 'hint' }],
    },
    {
      name: 'a known image that does not set it: info',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\n',
      errors: [{ text: 'apt-get install', severity: 'info' }],
    },
    {
      name: "the lesson's Ubuntu example, with a comment line: the safe fix adds the ARG after FROM",
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n# the tools\n      && apt-get install -y \\\n           git \\\n           wget\n',
      errors: [{ text: 'apt-get install', line: 5, messageId: 'interactive', severity: 'info', hadolint: null }],
      output: 'FROM ubuntu:18.04\nARG DEBIAN_FRONTEND=noninteractive\n\nRUN apt-get update \\\n# the tools\n      && apt-get install -y \\\n           git \\\n           wget\n',
    },
    {
      name: 'an ARG-substituted image, as in the lesson\'s Dockerfile.4',
      code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\nRUN apt-get install -y git\n',
      errors: [{ text: 'apt-get install', messageId: 'interactive' }],
      output: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y git\n',
    },
    {
      name: 'an ARG before FROM only, which the stage never declares again',
      code: 'ARG DEBIAN_FRONTEND=noninteractive\nFROM ubuntu:24.04\nRUN apt-get install -y git\n',
      errors: [{ text: 'apt-get install', messageId: 'globalOnly' }],
      output: 'ARG DEBIAN_FRONTEND=noninteractive\nFROM ubuntu:24.04\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y git\n',
    },
    {
      name: 'an ARG of an earlier stage does not carry into a stage built FROM it; one finding per stage',
      code: 'FROM debian AS base\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y gcc\nFROM base\nRUN apt-get install -y git\nRUN apt-get install -y vim\n',
      errors: [{ text: 'apt-get install', line: 5 }],
      output: 'FROM debian AS base\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y gcc\nFROM base\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y git\nRUN apt-get install -y vim\n',
    },
    {
      name: 'the first apt-get without it, when an earlier one sets it inline',
      code: 'FROM debian\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y git\nRUN apt-get remove -y vim\n',
      errors: [{ text: 'apt-get remove', line: 3 }],
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n',
      errors: [{ text: 'apt-get install', line: 4 }],
      output: 'FROM debian\nARG DEBIAN_FRONTEND=noninteractive\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n',
    },
    {
      name: 'the exec form',
      code: 'FROM debian\nRUN ["apt-get", "install", "-y", "git"]\n',
      errors: [{ text: '"apt-get", "install"' }],
      output: 'FROM debian\nARG DEBIAN_FRONTEND=noninteractive\nRUN ["apt-get", "install", "-y", "git"]\n',
    },
    {
      name: 'ONBUILD: an ARG does not reach the builds the trigger runs in, so only the ENV fix is offered',
      code: 'FROM debian\nARG DEBIAN_FRONTEND=noninteractive\nONBUILD RUN apt-get install -y git\n',
      errors: [{ text: 'apt-get install' }],
      output: null,
    },
    {
      name: 'ONBUILD, fixed with ENV',
      code: 'FROM debian\nONBUILD RUN apt-get install -y git\n',
      errors: [{ text: 'apt-get install' }],
      fixes: 'unsafe',
      output: 'FROM debian\nENV DEBIAN_FRONTEND="noninteractive"\nONBUILD RUN apt-get install -y git\n',
    },
    {
      name: 'an image the catalogue does not know: apt-get says it is Debian-family',
      code: 'FROM $BASE\nRUN apt-get install -y git',
      errors: [{ text: 'apt-get install' }],
      output: 'FROM $BASE\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y git',
    },
  ],
});

describe('rule debian-frontend-not-set offers', () => {
  it("the build-only ARG first (safe), then the lesson's ENV (unsafe)", () => {
    const code = 'FROM ubuntu:18.04\nRUN apt-get install -y git\n';
    const [finding] = lintWith(debianFrontendNotSet, code).findings;
    assert.deepEqual(
      finding.fixes.map((f) => [f.safety, f.edits.map((e) => e.newText)]),
      [
        ['safe', ['ARG DEBIAN_FRONTEND=noninteractive\n']],
        ['unsafe', ['ENV DEBIAN_FRONTEND="noninteractive"\n']],
      ],
    );
  });
});
