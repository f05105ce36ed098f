import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import type { Finding, LintFacts, PinSource } from '../../server/src/engine/rule';
import { buildModel } from '../../server/src/model/build';
import { updateModel } from '../../server/src/model/incremental';

const lock: PinSource = { label: 'requirements-3sep.txt', pip: new Map([['astropy', '6.1.4'], ['numpy', '2.1.2']]) };
const conda: PinSource = { label: 'requirements-3sep.yaml', conda: new Map([['astropy', '3.2.3'], ['numpy', '1.19.1']]) };

function findingsOf(code: string, rule: string, facts: LintFacts): Finding[] {
  return lint(code, { facts }).findings.filter((f) => f.rule === rule);
}

function titles(f: Finding): string[] {
  return f.fixes.map((x) => x.title);
}

function apply(code: string, f: Finding, title: string): string {
  const fix = f.fixes.find((x) => x.title === title);
  assert.ok(fix, `no fix '${title}' among ${JSON.stringify(titles(f))}`);
  return applyEdits(code, fix.edits);
}

describe('pin fixes from lockfile versions', () => {
  const code = 'FROM python:3.12-slim\nRUN pip install --no-cache-dir astropy numpy requests\n';

  it('offers, on the install command\'s one finding, the whole command from each source and each package it knows, in both forms, named by version and source', () => {
    const found = findingsOf(code, 'pip-package-not-pinned', { pinSources: [lock] });
    assert.equal(found.length, 1);
    const [command] = found;
    assert.equal(code.slice(command.span.start, command.span.end), 'astropy numpy requests');
    assert.match(command.message, /^3 packages have no version: 'astropy', 'numpy', 'requests'\./);
    assert.deepEqual(titles(command), [
      'Pin 2 of 3 packages (requirements-3sep.txt)',
      'Pin astropy to 6.1.4 (requirements-3sep.txt)',
      'Pin numpy to 2.1.2 (requirements-3sep.txt)',
      'Pin 2 of 3 packages in ARGs (requirements-3sep.txt)',
      'Pin astropy to 6.1.4 in ARG ASTROPY_VERSION (requirements-3sep.txt)',
      'Pin numpy to 2.1.2 in ARG NUMPY_VERSION (requirements-3sep.txt)',
    ]);
    assert.ok(command.fixes.every((f) => f.safety === 'unsafe'));
  });

  it("holds each package's fix to that package's word, and the whole command's to none, so an editor offers a package's where the cursor is on it", () => {
    const [command] = findingsOf(code, 'pip-package-not-pinned', { pinSources: [lock] });
    const at = (title: string) => {
      const fix = command.fixes.find((f) => f.title === title)!;
      return fix.at ? code.slice(fix.at.start, fix.at.end) : null;
    };
    assert.equal(at('Pin astropy to 6.1.4 (requirements-3sep.txt)'), 'astropy');
    assert.equal(at('Pin numpy to 2.1.2 in ARG NUMPY_VERSION (requirements-3sep.txt)'), 'numpy');
    assert.equal(at('Pin 2 of 3 packages (requirements-3sep.txt)'), null);
  });

  it("moves each package's fix with the text when a keystroke above the RUN leaves the RUN's finding standing", () => {
    const facts: LintFacts = { pinSources: [lock] };
    const text = 'FROM python:3.12-slim\nLABEL a=b\nRUN pip install --no-cache-dir astropy numpy\n';
    const model = buildModel(text);
    lint(model, { facts });
    const at = text.indexOf('a=b') + 1;
    const typed = text.slice(0, at) + 'bc' + text.slice(at);
    const kept = lint(updateModel(model, typed, { start: at, oldEnd: at }), { facts }).findings.filter((f) => f.rule === 'pip-package-not-pinned');
    assert.deepEqual(kept, findingsOf(typed, 'pip-package-not-pinned', facts));
    const numpy = kept[0].fixes.find((f) => f.title === 'Pin numpy to 2.1.2 (requirements-3sep.txt)')!;
    assert.equal(typed.slice(numpy.at!.start, numpy.at!.end), 'numpy');
  });

  it('pins pkg==V, and the ARG form declares the ARG in the stage', () => {
    const [astropy] = findingsOf(code, 'pip-package-not-pinned', { pinSources: [lock] });
    assert.equal(apply(code, astropy, 'Pin 2 of 3 packages (requirements-3sep.txt)'), 'FROM python:3.12-slim\nRUN pip install --no-cache-dir astropy==6.1.4 numpy==2.1.2 requests\n');
    assert.equal(
      apply(code, astropy, 'Pin 2 of 3 packages in ARGs (requirements-3sep.txt)'),
      'FROM python:3.12-slim\nARG ASTROPY_VERSION="6.1.4"\nARG NUMPY_VERSION="2.1.2"\nRUN pip install --no-cache-dir astropy==$ASTROPY_VERSION numpy==$NUMPY_VERSION requests\n',
    );
    assert.equal(apply(code, astropy, 'Pin astropy to 6.1.4 in ARG ASTROPY_VERSION (requirements-3sep.txt)'), 'FROM python:3.12-slim\nARG ASTROPY_VERSION="6.1.4"\nRUN pip install --no-cache-dir astropy==$ASTROPY_VERSION numpy requests\n');
  });

  it('reuses an ARG in scope that already holds the version, and keeps a name no ARG or ENV takes', () => {
    const withArg = 'FROM python:3.12-slim\nARG ASTROPY_VERSION=6.1.4\nENV NUMPY_VERSION=1\nRUN pip install astropy numpy\n';
    const [astropy] = findingsOf(withArg, 'pip-package-not-pinned', { pinSources: [lock] });
    assert.equal(
      apply(withArg, astropy, 'Pin 2 packages in ARGs (requirements-3sep.txt)'),
      'FROM python:3.12-slim\nARG ASTROPY_VERSION=6.1.4\nENV NUMPY_VERSION=1\nARG PIP_NUMPY_VERSION="2.1.2"\nRUN pip install astropy==$ASTROPY_VERSION numpy==$PIP_NUMPY_VERSION\n',
    );
  });

  it('writes inside quotes, and offers no ARG form in the exec form, where nothing expands', () => {
    const quoted = 'FROM python:3.12-slim\nRUN pip install "astropy"\n';
    const [q] = findingsOf(quoted, 'pip-package-not-pinned', { pinSources: [lock] });
    assert.equal(apply(quoted, q, 'Pin astropy to 6.1.4 in ARG ASTROPY_VERSION (requirements-3sep.txt)'), 'FROM python:3.12-slim\nARG ASTROPY_VERSION="6.1.4"\nRUN pip install "astropy==${ASTROPY_VERSION}"\n');
    const exec = 'FROM python:3.12-slim\nRUN ["pip", "install", "astropy"]\n';
    const [e] = findingsOf(exec, 'pip-package-not-pinned', { pinSources: [lock] });
    assert.deepEqual(titles(e), ['Pin astropy to 6.1.4 (requirements-3sep.txt)']);
    assert.equal(apply(exec, e, 'Pin astropy to 6.1.4 (requirements-3sep.txt)'), 'FROM python:3.12-slim\nRUN ["pip", "install", "astropy==6.1.4"]\n');
  });

  it('pins conda packages with conda\'s =, from a conda source only', () => {
    const c = 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy numpy && conda clean -ay\n';
    const [astropy] = findingsOf(c, 'conda-package-not-pinned', { pinSources: [lock, conda] });
    assert.deepEqual(titles(astropy).slice(0, 2), ['Pin 2 packages (requirements-3sep.yaml)', 'Pin astropy to 3.2.3 (requirements-3sep.yaml)']);
    assert.equal(apply(c, astropy, 'Pin 2 packages (requirements-3sep.yaml)'), 'FROM continuumio/miniconda3:4.8.2\nRUN conda install -y astropy=3.2.3 numpy=1.19.1 && conda clean -ay\n');
  });

  it('offers the package index as a lookup, resolved later, with no edits yet', () => {
    const [astropy] = findingsOf(code, 'pip-package-not-pinned', { pipIndex: 'pypi.org' });
    const lookup = astropy.fixes.find((f) => f.title === 'Pin 3 packages to the newest on pypi.org');
    assert.deepEqual(lookup?.lookup, { kind: 'pip-index', source: 'pypi.org', style: 'pin', scope: 'command', packages: ['astropy', 'numpy', 'requests'] });
    assert.deepEqual(lookup?.edits, []);
  });

  it('is never applied by fix-all, even with unsafe fixes allowed', () => {
    const fixed = fixUntilStable(code, (t) => lint(t, { facts: { pinSources: [lock], pipIndex: 'pypi.org' } }).findings, 'unsafe');
    assert.match(fixed.text, /astropy numpy requests/);
  });

  it('offers nothing without a source, as before', () => {
    const [astropy] = findingsOf(code, 'pip-package-not-pinned', {});
    assert.deepEqual(astropy.fixes, []);
  });
});
