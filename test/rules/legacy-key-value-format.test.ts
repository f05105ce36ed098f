import { legacyKeyValueFormat } from '../../server/src/rules/legacyKeyValueFormat';
import { testRule } from '../support/ruleTester';

testRule(legacyKeyValueFormat, {
  valid: [
    { name: 'ENV key=value', code: 'FROM debian\nENV LANG=C.UTF-8 LC_ALL=C.UTF-8\n' },
    { name: 'LABEL key=value with spaces in quotes', code: 'FROM debian\nLABEL maintainer="Jane Doe <jane@example.org>"\n' },
    { name: 'ARG has no legacy form', code: 'FROM debian\nARG VERSION\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: ENV key value, fixed to key=value",
      code: 'FROM alpine\nENV DEPS curl\n',
      errors: [{ text: 'ENV DEPS curl', messageId: 'legacy', buildkit: 'LegacyKeyValueFormat' }],
      output: 'FROM alpine\nENV DEPS=curl\n',
    },
    {
      name: "the lesson's CUDA image: a PATH with a variable, and a quoted value",
      code: 'FROM ubuntu:18.04\nENV PATH /usr/local/cuda/bin:${PATH}\nENV REQ "cuda>=10.2 brand=tesla"\n',
      errors: [{ text: 'ENV PATH /usr/local/cuda/bin:${PATH}' }, { text: 'ENV REQ "cuda>=10.2 brand=tesla"' }],
      output: 'FROM ubuntu:18.04\nENV PATH=/usr/local/cuda/bin:${PATH}\nENV REQ="cuda>=10.2 brand=tesla"\n',
    },
    {
      name: 'a value of several words is quoted, its spacing kept',
      code: 'FROM alpine\nLABEL description A  small image\n',
      errors: [{ text: 'LABEL description A  small image' }],
      output: 'FROM alpine\nLABEL description="A  small image"\n',
    },
    {
      name: 'several words with a quote of their own, or an escape, or over lines: no fix',
      code: "FROM alpine\nENV A it's here\nENV B a\\ b c\nENV C a \\\n  b\n",
      errors: [{ text: "ENV A it's here" }, { text: 'ENV B a\\ b c' }, { text: 'ENV C a \\\n  b' }],
      output: null,
    },
  ],
});
