// The Dockerfile rewrite offered after a lock: the lesson's ARG REQ_FILE / COPY
// / install --no-deps pattern in place of the install it had.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rewriteForLockfile, type RewriteOptions } from '../../server/src/container/lockRewrite';

const seed = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');
const read = (f: string) => fs.readFileSync(path.join(seed, f), 'utf8');
const pip: RewriteOptions = { lockfile: 'requirements-6dec.txt', input: 'requirements.in', kind: 'pip', hashes: false, lockedNames: ['astropy', 'numpy'] };
const conda: RewriteOptions = { ...pip, lockfile: 'requirements-6dec.yaml', kind: 'conda' };

const LESSON_PIP = [
  'FROM python:3.8-slim',
  '',
  'ARG REQ_FILE=requirements-6dec.txt',
  'COPY requirements.in /',
  'COPY $REQ_FILE /requirements.txt',
  'RUN pip --no-cache-dir install --no-deps -r /requirements.txt',
  '',
  'CMD [ "/bin/bash" ]',
  '',
].join('\n');

const cases: Array<{ name: string; text: string; options: RewriteOptions; output: string; notes?: RegExp }> = [
  { name: "the lesson's unpinned pip install (2.pip/Dockerfile.2)", text: read('2.pip/Dockerfile.2'), options: pip, output: LESSON_PIP },
  { name: "the lesson's version in an ARG (2.pip/Dockerfile.3)", text: read('2.pip/Dockerfile.3'), options: pip, output: LESSON_PIP.replace('FROM python:3.8-slim\n', 'FROM python:3.8-slim\n\nARG ASTRO_VERSION="3.2.3"') },
  { name: "an older lockfile in the lesson's pattern (2.pip/Dockerfile.4): the new one takes its place", text: read('2.pip/Dockerfile.4'), options: pip, output: LESSON_PIP },
  {
    name: 'hashes: the install requires them',
    text: 'FROM python:3.11-slim\nCOPY requirements.in /tmp/\nRUN pip install -r /tmp/requirements.in\n',
    options: { ...pip, hashes: true },
    output: 'FROM python:3.11-slim\nARG REQ_FILE=requirements-6dec.txt\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.txt\nRUN pip --no-cache-dir install --no-deps --require-hashes -r /requirements.txt\n',
  },
  {
    name: 'an install among other commands: only it changes, and the ARG and COPY lines go before the RUN',
    text: 'FROM x\n  RUN apt-get update && python3 -m pip install -r requirements.txt && rm -rf /var/lib/apt/lists/*\nRUN pip3 install numpy\n',
    options: pip,
    output: 'FROM x\n  ARG REQ_FILE=requirements-6dec.txt\n  COPY requirements.in /\n  COPY $REQ_FILE /requirements.txt\n  RUN apt-get update && python3 -m pip --no-cache-dir install --no-deps -r /requirements.txt && rm -rf /var/lib/apt/lists/*\n',
  },
  {
    name: 'no install of these packages: the lockfile is installed before the CMD',
    text: 'FROM x\nRUN pip install black\nCMD ["python3"]\n',
    options: pip,
    output: 'FROM x\nRUN pip install black\nARG REQ_FILE=requirements-6dec.txt\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.txt\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\nCMD ["python3"]\n',
    notes: /no pip install of these requirements was found in the final stage: the lockfile's install is added before its CMD/,
  },
  {
    name: "the lesson's conda install (2.conda/Dockerfile.2): install from the file, the clean kept",
    text: read('2.conda/Dockerfile.2'),
    options: conda,
    output: read('2.conda/Dockerfile.2').replace(
      'RUN conda install -y --no-update-deps astropy==$ASTRO_VERSION \\',
      'ARG REQ_FILE=requirements-6dec.yaml\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.yaml\nRUN conda install -y --no-deps --file /requirements.yaml \\',
    ),
  },
  {
    name: 'a conda install alone in its RUN gets the clean as well',
    text: 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy\n',
    options: conda,
    output: 'FROM continuumio/miniconda3:4.8.2\nARG REQ_FILE=requirements-6dec.yaml\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.yaml\nRUN conda install -y --no-deps --file /requirements.yaml && conda clean -ay\n',
  },
  {
    name: 'only the final stage is rewritten',
    text: 'FROM python:3.11 AS build\nRUN pip install numpy\nFROM build\nRUN pip install astropy\n',
    options: pip,
    output: 'FROM python:3.11 AS build\nRUN pip install numpy\nFROM build\nARG REQ_FILE=requirements-6dec.txt\nCOPY requirements.in /\nCOPY $REQ_FILE /requirements.txt\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\n',
  },
];

describe('the Dockerfile rewrite to install a lockfile', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = rewriteForLockfile(c.text, c.options);
      assert.equal(r.text, c.output);
      if (c.notes) assert.match(r.notes.join('\n'), c.notes);
    });
  }

  it('is stable: rewriting the rewritten text changes nothing', () => {
    for (const c of cases) {
      const once = rewriteForLockfile(c.text, c.options).text;
      assert.equal(rewriteForLockfile(once, c.options).text, once, c.name);
    }
  });
});
