import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from '../../server/src/catalogue/base-images.json';
import { createCatalogue, families, familyOf, validateEntry, type Entry } from '../../server/src/catalogue/catalogue';

const entries = data.images as Entry[];

test('every catalogue entry fits the schema', () => {
  assert.deepEqual(entries.flatMap((e) => validateEntry(e)), []);
});

test('the schema catches an entry with half its docs, a bad link, a bad tag or two recommended variants', () => {
  const base = { repository: 'x/y', os: 'debian', env: {}, cmd: null, packageManagers: ['apt'] };
  assert.deepEqual(validateEntry(base), [], 'an entry without docs is valid, as rules need only their fields');
  assert.match(validateEntry({ ...base, title: 'X' }).join('\n'), /has docs, but no purpose/);
  const docs = {
    title: 'X', purpose: 'p', basedOn: 'Debian', typicalSize: 'small', links: { registry: 'https://r', dockerfile: 'http://d' },
    variants: [{ name: 'a', tag: '1', description: 'd', recommended: 'why' }, { name: 'b', tag: 'bad tag', description: 'd', recommended: 'why' }],
    tags: ['1'], suggestWhen: [],
  };
  const problems = validateEntry({ ...base, ...docs }).join('\n');
  assert.match(problems, /links.dockerfile should be an https URL/);
  assert.match(problems, /variant b needs a name, a valid tag/);
  assert.match(problems, /at most one variant is the recommended one/);
  assert.match(validateEntry({ ...base, os: 'plan9' }).join('\n'), /os should be one of/);
});

test('the families the lesson names are documented, each with the OS, a size, links and curated tags', () => {
  const names = families().map((f) => f.repository);
  for (const want of ['python', 'continuumio/miniconda3', 'condaforge/miniforge3', 'mambaorg/micromamba', 'ghcr.io/astral-sh/uv', 'intelpython/intelpython3_core', 'intelpython/intelpython3_full', 'pawsey/mpich-base', 'nvidia/cuda', 'jupyter/*', 'quay.io/jupyter/*', 'rocker/*', 'ubuntu', 'debian', 'rockylinux', 'almalinux']) {
    assert.ok(names.includes(want), `${want} is documented`);
  }
  assert.deepEqual(families().map((f) => f.repository), entries.filter((e) => e.title).map((e) => e.repository), 'no documented entry is dropped as invalid');
});

test('the recommended variants give the lesson\'s reasons: slim, core, devel for Numba', () => {
  const recommended = (repo: string) => familyOf(repo)!.variants.find((v) => v.recommended)!;
  assert.equal(recommended('python').name, 'slim');
  assert.match(recommended('python').recommended!, /unneeded packages/);
  assert.equal(recommended('intelpython/intelpython3_core').name, 'core');
  assert.equal(recommended('nvidia/cuda').name, 'devel');
  assert.match(recommended('nvidia/cuda').recommended!, /Numba/);
  assert.deepEqual(familyOf('nvidia/cuda')!.variants.map((v) => v.name), ['base', 'runtime', 'devel', 'cudnn']);
  assert.deepEqual(familyOf('python')!.variants.map((v) => v.name), ['slim', 'bookworm', 'alpine']);
});

test('a family is found from an image as written, with registry, tag or digest', () => {
  assert.equal(familyOf('docker.io/library/python:3.12-slim')?.repository, 'python');
  assert.equal(familyOf('quay.io/jupyter/scipy-notebook:2024-10-07')?.repository, 'quay.io/jupyter/*');
  assert.equal(familyOf('rocker/r-ver:4.4.1')?.repository, 'rocker/*');
  assert.equal(familyOf('example.org/unknown:1'), null);
});

test('what rules read is unchanged by the docs: the OS by tag, ENV and the own start-up', () => {
  const catalogue = createCatalogue();
  assert.equal(catalogue.lookup('python:3.12-alpine')?.os, 'alpine');
  assert.deepEqual(catalogue.lookup('python:3.12-slim')?.env, { LANG: 'C.UTF-8' });
  assert.equal(catalogue.lookup('quay.io/jupyter/scipy-notebook')?.ownStartup, true);
  assert.equal(catalogue.lookup('ghcr.io/astral-sh/uv:python3.12-alpine')?.os, 'alpine');
});
