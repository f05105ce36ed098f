import { addInsteadOfCopy } from '../../server/src/rules/addInsteadOfCopy';
import { testRule } from '../support/ruleTester';

testRule(addInsteadOfCopy, {
  valid: [
    { name: 'COPY', code: 'FROM python:3.8-slim\nCOPY requirements.txt /\n' },
    { name: 'ADD of a URL', code: 'FROM debian\nADD https://example.org/tool-2.0.tar.gz /tmp/\n' },
    { name: 'ADD of a local archive, which ADD unpacks', code: 'FROM debian\nADD rootfs.tar.xz /\n' },
    { name: 'ADD of a git repository', code: 'FROM debian\nADD git@github.com:moby/buildkit.git#v0.14.1 /src\n' },
    { name: 'an ARG whose value is not known', code: 'FROM debian\nARG SRC\nADD $SRC /opt/\n' },
    { name: 'an ARG whose default is an archive', code: 'FROM debian\nARG SRC=data.tgz\nADD ${SRC} /opt/\n' },
    { name: 'a heredoc', code: 'FROM debian\nADD <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'a quoted archive: Docker removes the quotes and unpacks it', code: 'FROM debian\nADD "rootfs.tar.gz" /\nADD \'data.tgz\' /opt/\n' },
  ],
  invalid: [
    {
      name: 'a zip, which ADD copies as it is (it unpacks tar archives only)',
      code: 'FROM debian\nADD models.zip /opt/\n',
      errors: [{ text: 'ADD', hadolint: 'DL3020' }],
      output: 'FROM debian\nCOPY models.zip /opt/\n',
    },
    {
      name: 'no fix for several sources into a destination that is not a folder, which docker build rejects (found by the fuzzer)',
      code: 'FROM debian\nADD a b /dest\n',
      errors: [{ text: 'ADD' }],
      output: null,
    },
    {
      name: 'several sources into a folder',
      code: 'FROM debian\nADD a b /dest/\n',
      errors: [{ text: 'ADD' }],
      output: 'FROM debian\nCOPY a b /dest/\n',
    },
    {
      name: "the lesson's pip Dockerfile.4, with its ARG-named requirements file",
      code: 'FROM python:3.8-slim\n\nARG REQ_FILE="requirements4-3sep.txt"\nADD requirements.in /\nADD $REQ_FILE /requirements.txt\n',
      errors: [
        { text: 'ADD', line: 4, messageId: 'local', severity: 'info', hadolint: 'DL3020', message: 'requirements.in' },
        { text: 'ADD', line: 5, message: '$REQ_FILE' },
      ],
      output: 'FROM python:3.8-slim\n\nARG REQ_FILE="requirements4-3sep.txt"\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.txt\n',
    },
    {
      name: 'the JSON form, lower case and --chown',
      code: 'FROM debian\nadd --chown=1000 ["my file.txt", "/data/"]\n',
      errors: [{ text: 'add' }],
      output: 'FROM debian\ncopy --chown=1000 ["my file.txt", "/data/"]\n',
    },
    {
      name: 'every stage, a multi-stage build',
      code: 'FROM debian AS build\nADD src /src\nFROM debian\nCOPY --from=build /src /src\n',
      errors: [{ text: 'ADD' }],
      output: 'FROM debian AS build\nCOPY src /src\nFROM debian\nCOPY --from=build /src /src\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.8-slim\nONBUILD ADD . /app\n',
      errors: [{ text: 'ADD' }],
      output: 'FROM python:3.8-slim\nONBUILD COPY . /app\n',
    },
    {
      name: 'a continued ADD with a comment line',
      code: 'FROM debian\nADD a.txt \\\n# and the other\n    b.txt /data/\n',
      errors: [{ text: 'ADD' }],
      output: 'FROM debian\nCOPY a.txt \\\n# and the other\n    b.txt /data/\n',
    },
    {
      name: 'no fix with a flag only ADD has',
      code: 'FROM debian\nADD --keep-git-dir=true src /src\n',
      errors: [{ text: 'ADD' }],
      output: null,
    },
  ],
});
