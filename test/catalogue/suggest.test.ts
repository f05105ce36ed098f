import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageSlotAt, orderTags, stageNamesBefore, suggestImages } from '../../server/src/catalogue/suggest';

test('tags: newest version first, a version\'s variants together, dates by date, named tags last', () => {
  assert.deepEqual(orderTags(['3.11-slim', 'latest', '3.12-slim-bookworm', '3.12', '3.12.8-slim', '3.12-slim', 'bookworm', '3.13-alpine', '3.9', '3.12-bookworm', '3.12-slim']), [
    '3.13-alpine', '3.12', '3.12-bookworm', '3.12-slim', '3.12-slim-bookworm', '3.12.8-slim', '3.11-slim', '3.9', 'latest', 'bookworm',
  ]);
  assert.deepEqual(orderTags(['2023-10-20', '2024-10-07', '2024-09-30', 'python-3.12']), ['2024-10-07', '2024-09-30', '2023-10-20', 'python-3.12']);
  assert.deepEqual(orderTags(['10.2-devel-ubuntu18.04', '12.4.1-base-ubuntu22.04', '9.0-runtime']), ['12.4.1-base-ubuntu22.04', '10.2-devel-ubuntu18.04', '9.0-runtime']);
});

const slot = (line: string, text = line) => imageSlotAt(text, line, line.length);

test('where the cursor is: an image after FROM (flags skipped), a tag after the colon, an ARG default a FROM uses', () => {
  assert.deepEqual(slot('FROM '), { kind: 'image', prefix: '', start: 5, end: 5 });
  assert.deepEqual(slot('from --platform=linux/amd64 pyt'), { kind: 'image', prefix: 'pyt', start: 28, end: 31 });
  assert.deepEqual(slot('FROM python:3.1'), { kind: 'tag', image: 'python', prefix: '3.1', start: 12, end: 15 });
  assert.deepEqual(slot('FROM 127.0.0.1:5000/team/app:'), { kind: 'tag', image: '127.0.0.1:5000/team/app', prefix: '', start: 29, end: 29 });
  assert.deepEqual(slot('FROM 127.0.0.1:5000/te'), { kind: 'image', prefix: '127.0.0.1:5000/te', start: 5, end: 22 }, 'a port is not a tag');
  assert.deepEqual(slot('ARG BASE=python:', 'ARG BASE=python:\nFROM $BASE\n'), { kind: 'tag', image: 'python', prefix: '', start: 16, end: 16 });
  assert.deepEqual(slot('ARG BASE=', 'ARG BASE=\nFROM ${BASE:-python}\n'), { kind: 'image', prefix: '', start: 9, end: 9 });
  assert.equal(slot('ARG BASE=', 'ARG BASE=\nFROM ${BASEIMAGE}\n'), null);
  assert.equal(slot('FROM python@sha256:'), null);
  assert.equal(slot('FROM $BASE:'), null);
  assert.equal(slot('RUN pip install '), null);
  assert.equal(slot('FROM python AS '), null);
});

test('stages above the cursor, by their AS names', () => {
  assert.deepEqual(stageNamesBefore('FROM a AS build\nFROM b as test\nFROM c AS later\n', 2), ['build', 'test']);
});

test('the catalogue ranked by what the Dockerfile does; FROM lines themselves do not count', () => {
  const first = (text: string) => suggestImages(text)[0].reference;
  assert.equal(first(''), 'python:3.12-slim');
  assert.equal(first('FROM x\nRUN mpicc -o hello hello.c && pip install mpi4py'), 'pawsey/mpich-base:3.4.3_ubuntu20.04');
  assert.equal(first('FROM x\nRUN Rscript -e \'install.packages("x")\''), 'rocker/r-ver:4.4.1');
  assert.equal(first('FROM nvidia/cuda\nRUN pip install x'), 'python:3.12-slim');
});
