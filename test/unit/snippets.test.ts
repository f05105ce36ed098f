// Every snippet in snippets/dockerfile.json expands (each placeholder to its
// default) to text on which Layerwise reports nothing at warning or above, and
// nothing at all from the rules of the practice the snippet shows, but what its case expects.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import type { Category, Finding } from '../../server/src/engine/rule';
import { rules } from '../../server/src/rules';
import { expandSnippet } from '../support/snippetExpander';

const root = path.resolve(__dirname, '../..');
interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}
const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/dockerfile.json'), 'utf8')) as Record<string, Snippet>;

const HEADER = 'Dockerfile header: DEBIAN_FRONTEND, LANG and LC_ALL, maintainer label, default command';

/**
 * Each snippet, with the practices it shows (rule categories) and, for one that
 * goes inside a Dockerfile, the base image it is meant for: it is linted in
 * the header snippet built FROM that image, at the header's final cursor ($0).
 */
const cases: Record<string, { practices: Category[]; insideHeaderFrom?: string; expected?: string[] }> = {
  'Clean apt-get install (update, install, clean, remove the lists)': { practices: ['cleanup', 'layers', 'versions', 'environment'], insideHeaderFrom: 'ubuntu:22.04' },
  'Build a tool from source in /tmp and remove the build folder': { practices: ['cleanup', 'layers', 'versions'], insideHeaderFrom: 'ubuntu:22.04' },
  // The lesson's Dockerfile.3 step: the key package pinned, its dependencies not (the lockfile snippet's, next),
  // which its description says and dependencies-not-locked hints.
  'pip install a pinned version (ARG) with --no-cache-dir': { practices: ['cleanup', 'versions'], insideHeaderFrom: 'python:3.8-slim', expected: ['dependencies-not-locked'] },
  'pip install from a lockfile with --no-deps (requirements.txt from pip freeze or pip-compile)': { practices: ['cleanup', 'versions'], insideHeaderFrom: 'python:3.8-slim' },
  'conda install from a lockfile, conda clean, and ENV CONDA_PREFIX': { practices: ['cleanup', 'conda', 'versions', 'environment'], insideHeaderFrom: 'continuumio/miniconda3:4.8.2' },
  [HEADER]: { practices: ['environment', 'metadata', 'default-command', 'versions'] },
  'MPI image from pawsey/mpich-base with mpi4py': { practices: ['cleanup', 'layers', 'versions', 'environment', 'metadata', 'default-command'] },
  'CUDA devel image for Numba (nvidia/cuda devel, pip lockfile)': { practices: ['cleanup', 'layers', 'versions', 'environment', 'metadata', 'default-command'] },
};

const categoryOf = new Map(rules.map((r) => [r.meta.id, r.meta.category]));
const describe = (f: Finding) => `${f.rule} (${f.severity}): ${f.message}`;

test('every snippet in snippets/dockerfile.json has a case here, and every case a snippet', () => {
  assert.deepEqual(Object.keys(snippets).sort(), Object.keys(cases).sort());
});

for (const [name, { practices, insideHeaderFrom, expected = [] }] of Object.entries(cases)) {
  test(`snippet "${name}" expands to a Dockerfile Layerwise finds nothing wrong with`, () => {
    const snippet = snippets[name];
    assert.ok(snippet, `no snippet named ${name}`);
    const expanded = expandSnippet(snippet.body);
    const text = insideHeaderFrom ? expandSnippet(snippets[HEADER].body, { 1: insideHeaderFrom, 0: expanded }) : expanded;
    const findings = lint(text).findings;
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map(describe), [], text);
    // apt pins stay out of the snippets: "with apt we're typically quite constrained in picking versions", and Debian
    // drops old versions, so a pinned snippet would stop building (apt-package-not-pinned is only info for that reason).
    const shown = findings.filter((f) => practices.includes(categoryOf.get(f.rule)!) && f.rule !== 'apt-package-not-pinned');
    assert.deepEqual(shown.map((f) => f.rule), expected, text);
  });
}

test('each snippet can be found by typing what it does: prefixes are single words, and it says what it does', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.ok(snippet.prefix.length > 0, name);
    for (const prefix of snippet.prefix) assert.match(prefix, /^[a-z0-9][a-z0-9-]*$/, `${name}: prefix '${prefix}'`);
    assert.ok(snippet.description.length > 40, `${name} needs a description`);
  }
});

test('the expander reads the snippet grammar: escapes, mirrors, choices and refused variables', () => {
  assert.equal(expandSnippet(['ARG ${1:TOOL}_VERSION="${2:1.0}"', 'RUN echo \\${$1_VERSION\\} ${3|a,b|} $0']), 'ARG TOOL_VERSION="1.0"\nRUN echo ${TOOL_VERSION} a ');
  assert.equal(expandSnippet('${1:outer ${2:inner}} $2', { 2: 'x' }), 'outer x x');
  assert.throws(() => expandSnippet('RUN echo $HOME'), /unescaped \$HOME/);
});
