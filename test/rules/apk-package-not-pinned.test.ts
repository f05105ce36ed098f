import { apkPackageNotPinned } from '../../server/src/rules/apkPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(apkPackageNotPinned, {
  valid: [
    { name: 'versions pinned exactly, by series, or by a bound', code: 'FROM alpine:3.20\nRUN apk add --no-cache flex=2.6.4-r6 python3~3.12 "bash>5"\n' },
    { name: 'a local .apk, a path and a variable name no package to pin', code: 'FROM alpine:3.20\nARG PKGS\nRUN apk add --no-cache --allow-untrusted ./tool-1.0.apk /tmp/x.apk $PKGS\n' },
    { name: 'apk del and apk update install nothing', code: 'FROM alpine:3.20\nRUN apk update && apk del --no-cache flex\n' },
  ],
  invalid: [
    {
      name: "hadolint's DL3018, one finding per add; a --virtual group's name is not a package",
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev flex=2.6.4-r6 make\n',
      errors: [{ text: 'gcc musl-dev flex=2.6.4-r6 make', hadolint: 'DL3018', severity: 'info', message: "for 'gcc', 'musl-dev', 'make'" }],
      output: null,
    },
    {
      name: 'a repository tag is no version',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache tool@edge\n',
      errors: [{ text: 'tool@edge' }],
      output: null,
    },
  ],
});
