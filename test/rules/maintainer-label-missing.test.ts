import { maintainerLabelMissing } from '../../server/src/rules/maintainerLabelMissing';
import { testRule } from '../support/ruleTester';

testRule(maintainerLabelMissing, {
  valid: [
    { name: 'LABEL maintainer, as the lesson writes it', code: 'FROM python:3.8-slim\nLABEL maintainer="john.doe@nowhere.com"\n' },
    { name: 'org.opencontainers.image.authors', code: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.authors="Jane <jane@example.org>"\n' },
    { name: 'among other labels, with a continued LABEL', code: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.version="1.0" \\\n      maintainer="jane@example.org"\n' },
    { name: 'a quoted key', code: 'FROM ubuntu:24.04\nLABEL "maintainer"="jane@example.org"\n' },
    { name: 'an ARG-substituted value', code: 'FROM ubuntu:24.04\nARG AUTHOR=jane@example.org\nLABEL maintainer="$AUTHOR"\n' },
    { name: 'a label in the stage the final stage is built FROM', code: 'FROM python:3.12 AS base\nLABEL maintainer="jane@example.org"\nFROM base\nCMD ["/bin/bash"]\n' },
    { name: 'MAINTAINER, which maintainer-deprecated converts', code: 'FROM debian:12\nMAINTAINER Jane <jane@example.org>\n' },
  ],
  invalid: [
    {
      name: 'no fix when FROM ends on a continuation, which would join the LABEL into it (found by the fuzzer)',
      code: 'FROM ubuntu:18.04 \\\n',
      errors: [{ text: 'ubuntu:18.04' }],
      output: null,
      fixes: 'unsafe',
    },
    {
      name: "the lesson's pip example, fixed with a placeholder the user will notice",
      code: 'FROM python:3.8-slim\n\nRUN pip install astropy\n\nCMD [ "/bin/bash" ]\n',
      errors: [{ text: 'python:3.8-slim', messageId: 'missing', severity: 'hint', hadolint: null }],
      fixes: 'unsafe',
      output: 'FROM python:3.8-slim\nLABEL maintainer="you@example.com"\n\nRUN pip install astropy\n\nCMD [ "/bin/bash" ]\n',
    },
    {
      name: 'the fix is unsafe, so fix-all leaves it',
      code: 'FROM python:3.8-slim\n',
      errors: [{ text: 'python:3.8-slim' }],
      output: null,
    },
    {
      name: "with the user's git e-mail, as the client passes it",
      code: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy\n',
      errors: [{ text: 'continuumio/miniconda3:4.8.2' }],
      options: { facts: { authorEmail: 'jane.doe@example.org' } },
      fixes: 'unsafe',
      output: 'FROM continuumio/miniconda3:4.8.2\nLABEL maintainer="jane.doe@example.org"\nRUN conda install -y astropy\n',
    },
    {
      name: 'an e-mail with a quote and a dollar sign is escaped, not expanded',
      code: 'FROM ubuntu:24.04\n',
      errors: [{ text: 'ubuntu:24.04' }],
      options: { facts: { authorEmail: 'j"$x@example.org' } },
      fixes: 'unsafe',
      output: 'FROM ubuntu:24.04\nLABEL maintainer="j\\"\\$x@example.org"\n',
    },
    {
      name: 'multi-stage: a label in a builder stage does not reach the final image',
      code: 'FROM python:3.12 AS build\nLABEL maintainer="jane@example.org"\nRUN pip wheel -w /w numpy\nFROM python:3.12-slim\nCOPY --from=build /w /w\n',
      errors: [{ text: 'python:3.12-slim' }],
      fixes: 'unsafe',
      output: 'FROM python:3.12 AS build\nLABEL maintainer="jane@example.org"\nRUN pip wheel -w /w numpy\nFROM python:3.12-slim\nLABEL maintainer="you@example.com"\nCOPY --from=build /w /w\n',
    },
    {
      name: 'an ARG-substituted image',
      code: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\n',
      errors: [{ text: 'ubuntu:$OS_VERSION' }],
      fixes: 'unsafe',
      output: 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION\nLABEL maintainer="you@example.com"\n',
    },
    {
      name: 'an ONBUILD LABEL labels the images built FROM this one, and other labels do not say who maintains it',
      code: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.licenses="MIT"\nONBUILD LABEL maintainer="jane@example.org"\n',
      errors: [{ text: 'ubuntu:24.04' }],
    },
  ],
});
