import { maintainerDeprecated } from '../../server/src/rules/maintainerDeprecated';
import { testRule } from '../support/ruleTester';

testRule(maintainerDeprecated, {
  valid: [
    { name: 'LABEL maintainer, as the lesson writes it', code: 'FROM python:3.8-slim\nLABEL maintainer="john.doe@nowhere.com"\n' },
    { name: 'a maintainer named in a comment', code: 'FROM nvidia/cuda:10.2-devel-ubuntu18.04\n#LABEL maintainer "NVIDIA CORPORATION <cudatools@nvidia.com>"\n# MAINTAINER nobody\n' },
    { name: "hadolint's pragma", code: 'FROM debian\n# hadolint ignore=DL4000\nMAINTAINER Jane\n' },
    { name: "BuildKit's check skipped by the Dockerfile", code: '# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM debian\nMAINTAINER Jane\n' },
  ],
  invalid: [
    {
      name: 'a name and an e-mail',
      code: 'FROM ubuntu:18.04\nMAINTAINER John Doe <john.doe@nowhere.com>\nRUN echo hi\n',
      errors: [{ text: 'MAINTAINER John Doe <john.doe@nowhere.com>', messageId: 'deprecated', severity: 'warning', hadolint: 'DL4000', buildkit: 'MaintainerDeprecated' }],
      output: 'FROM ubuntu:18.04\nLABEL maintainer="John Doe <john.doe@nowhere.com>"\nRUN echo hi\n',
    },
    {
      name: 'quotes and a dollar sign keep their meaning: MAINTAINER expands nothing',
      code: 'FROM debian\nMAINTAINER Jane "JD" Doe $USER\n',
      errors: [{ text: 'MAINTAINER Jane "JD" Doe $USER' }],
      output: 'FROM debian\nLABEL maintainer="Jane \\"JD\\" Doe \\$USER"\n',
    },
    {
      name: 'multi-stage: each one',
      code: 'FROM debian AS build\nMAINTAINER a@example.org\nFROM debian\nMAINTAINER b@example.org\n',
      errors: [{ text: 'MAINTAINER a@example.org' }, { text: 'MAINTAINER b@example.org' }],
      output: 'FROM debian AS build\nLABEL maintainer="a@example.org"\nFROM debian\nLABEL maintainer="b@example.org"\n',
    },
    {
      name: 'continued over two lines with a comment line between',
      code: 'FROM debian\nMAINTAINER Jane Doe \\\n# her e-mail\n  <jane@example.org>\n',
      errors: [{ text: 'MAINTAINER Jane Doe \\\n# her e-mail\n  <jane@example.org>' }],
      output: 'FROM debian\nLABEL maintainer="Jane Doe <jane@example.org>"\n',
    },
    {
      name: 'the backquote escape directive',
      code: '# escape=`\nFROM debian\nMAINTAINER Jane "JD" Doe\n',
      errors: [{ text: 'MAINTAINER Jane "JD" Doe' }],
      output: '# escape=`\nFROM debian\nLABEL maintainer="Jane `"JD`" Doe"\n',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM debian\r\nMAINTAINER Jane\r\nCMD ["bash"]\r\n',
      errors: [{ text: 'MAINTAINER Jane' }],
      output: 'FROM debian\r\nLABEL maintainer="Jane"\r\nCMD ["bash"]\r\n',
    },
    {
      name: 'with no name there is nothing to convert',
      code: 'FROM debian\nMAINTAINER\n',
      errors: [{ text: 'MAINTAINER' }],
      output: null,
    },
  ],
});
