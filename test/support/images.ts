// Images the docker tests share. Heavy ones (the lesson's apt set, a Python
// with pip) are built once per machine and named by a hash of their
// Dockerfile, so every test that needs one tags the same image and a second
// run finds it built; .ci/run removes them at the end. Test images of their
// own get unique tags, so two suites (or two checkouts) never collide.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { docker } from './docker';

let counter = 0;

/** A tag no other test or run uses: `layerwise-test/<what>:<pid>-<n>`. */
export function uniqueTag(what: string): string {
  return `layerwise-test/${what.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}:${process.pid}-${++counter}`;
}

/**
 * Removes the untagged images whose history names `marker`: the classic builder keeps the step images of a
 * failed build, and a stage no tag holds, as untagged cache. A test writes a marker of its own into such a
 * build's instructions, so that only its own leftovers go.
 */
export function removeUntaggedNaming(marker: string): void {
  const ids = docker(['images', '--quiet', '--no-trunc', '--filter', 'dangling=true']).stdout.split('\n').filter(Boolean);
  for (const id of ids) {
    const history = docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', id]).stdout;
    if (history.includes(marker)) docker(['image', 'rm', id]);
  }
}

/** Removes the step images a `--no-cache` build printed (` ---> id` after each step but the FROM), last first. */
export function removeStepImages(buildOutput: string): void {
  const ids = [...buildOutput.matchAll(/^ ---> ([0-9a-f]{12})$/gm)].map((m) => m[1]).slice(1);
  for (const id of ids.reverse()) docker(['image', 'rm', id]);
}

/** Builds `dockerfile` once (its hash names it) and returns the image's tag. */
export function fixtureImage(name: string, dockerfile: string): string {
  const hash = createHash('sha256').update(dockerfile).digest('hex').slice(0, 12);
  const tag = `layerwise-fixture/${name}:${hash}`;
  if (docker(['image', 'inspect', tag]).code === 0) return tag;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-fixture-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    // The host network reaches the Debian archive; these machines have no bridge.
    const r = docker(['build', '--network', 'host', '-q', '-t', tag, dir]);
    assert.equal(r.code, 0, `building the ${name} fixture image failed:\n${r.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return tag;
}

/**
 * Debian's Python with pip in a venv at /opt/venv (on PATH), as a python:*-slim
 * image would give, made from debian:bookworm-slim since no hub is reachable.
 */
export function pythonImage(): string {
  return fixtureImage(
    'python',
    [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends python3 python3-venv python3-pip python3-wheel python3-setuptools \\',
      '    && rm -rf /var/lib/apt/lists/* \\',
      '    && python3 -m venv /opt/venv',
      'ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8',
      'CMD ["python3"]',
      '',
    ].join('\n'),
  );
}
