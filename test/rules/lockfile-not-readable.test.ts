import { lockfileNotReadable } from '../../server/src/rules/lockfileNotReadable';
import { testRule } from '../support/ruleTester';

const trouble = (label: string, written?: string) => ({ facts: { lockfileTrouble: [{ label, written, message: 'not valid TOML: Invalid key (line 2)' }] } });

testRule(lockfileNotReadable, {
  valid: [{ name: 'no lockfile trouble handed in', code: 'FROM python:3.12-slim\nCOPY pylock.toml /\nRUN pip install numpy\n' }],
  invalid: [
    {
      name: 'at the COPY that copies the file',
      code: 'FROM python:3.12-slim\nCOPY pylock.toml /app/\nRUN pip install numpy\n',
      options: trouble('pylock.toml'),
      errors: [{ text: 'COPY pylock.toml /app/', message: /pylock.toml cannot be read as a lockfile: not valid TOML/ }],
      output: null,
    },
    {
      name: 'at the ADD that copies it through an ARG, as the lesson does',
      code: 'FROM python:3.8-slim\nARG REQ_FILE="requirements4-3sep.txt"\nADD $REQ_FILE /requirements.txt\n',
      options: trouble('requirements4-3sep.txt', '$REQ_FILE'),
      errors: [{ text: 'ADD $REQ_FILE /requirements.txt' }],
    },
    {
      name: 'at the FROM when no instruction copies it (the nearest lockfile)',
      code: 'FROM python:3.12-slim\nRUN pip install numpy\n',
      options: trouble('uv.lock'),
      errors: [{ text: 'FROM python:3.12-slim' }],
    },
  ],
});
