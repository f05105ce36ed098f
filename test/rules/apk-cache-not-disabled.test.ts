import { apkCacheNotDisabled } from '../../server/src/rules/apkCacheNotDisabled';
import { testRule } from '../support/ruleTester';

testRule(apkCacheNotDisabled, {
  valid: [
    { name: '--no-cache after add', code: 'FROM alpine:3.19\nRUN apk add --no-cache git\n' },
    { name: '--no-cache before add', code: 'FROM alpine:3.19\nRUN apk --no-cache add git\n' },
    { name: 'the cache removed later in the RUN', code: 'FROM alpine:3.19\nRUN apk update && apk add git && rm -rf /var/cache/apk/*\n' },
    { name: 'a cache mount', code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n' },
    { name: 'a builder stage only copied from', code: 'FROM alpine:3.19 AS build\nRUN apk add gcc musl-dev && gcc -o /hello hello.c\nFROM alpine:3.19\nCOPY --from=build /hello /hello\n' },
    { name: 'apk del is not an install', code: 'FROM alpine:3.19\nRUN apk del .build-deps\n' },
  ],
  invalid: [
    {
      name: 'a plain apk add',
      code: 'FROM alpine:3.19\nRUN apk add git\n',
      errors: [{ text: 'apk add', messageId: 'cached', hadolint: 'DL3019', severity: 'warning' }],
      output: 'FROM alpine:3.19\nRUN apk add --no-cache git\n',
    },
    {
      name: 'apk add --virtual with an ARG version, continued with a comment line',
      code: 'FROM python:3.12-alpine\nARG GIT_VERSION=2.43.0-r0\nRUN apk add --virtual .build-deps \\\n    # compilers\n    gcc git=${GIT_VERSION}\n',
      errors: [{ text: 'apk add' }],
      output: 'FROM python:3.12-alpine\nARG GIT_VERSION=2.43.0-r0\nRUN apk add --no-cache --virtual .build-deps \\\n    # compilers\n    gcc git=${GIT_VERSION}\n',
    },
    {
      name: 'a stage the final stage builds FROM',
      code: 'FROM alpine:3.19 AS base\nRUN apk update && apk add curl\nFROM base\nCMD ["sh"]\n',
      errors: [{ text: 'apk add', line: 2 }],
      output: 'FROM alpine:3.19 AS base\nRUN apk update && apk add --no-cache curl\nFROM base\nCMD ["sh"]\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM alpine:3.19\nRUN <<EOF\napk add bash\nEOF\n',
      errors: [{ text: 'apk add' }],
      output: 'FROM alpine:3.19\nRUN <<EOF\napk add --no-cache bash\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.19\nONBUILD RUN apk add make\n',
      errors: [{ text: 'apk add' }],
      output: 'FROM alpine:3.19\nONBUILD RUN apk add --no-cache make\n',
    },
    {
      name: 'the exec form gets the flag as a JSON string',
      code: 'FROM alpine:3.19\nRUN ["apk", "add", "git"]\n',
      errors: [{ text: '"apk", "add"' }],
      output: 'FROM alpine:3.19\nRUN ["apk", "add", "--no-cache", "git"]\n',
    },
  ],
});
