import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { defaultSettings } from '../../server/src/engine/settings';

function mountFix(code: string, rule: string, builder: 'auto' | 'buildkit' | 'classic' = 'auto') {
  const finding = lint(code, { settings: { ...defaultSettings(), builder } }).findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding`);
  return finding.fixes.find((f) => f.title.startsWith('Use a BuildKit cache mount'));
}

describe('cache-mount fixes where BuildKit builds the file', () => {
  const cases: Array<[string, string, string, string]> = [
    ['pip-cache-not-disabled', 'RUN pip install numpy\n', 'RUN --mount=type=cache,target=/root/.cache/pip pip install numpy\n', '/root/.cache/pip'],
    ['apt-lists-not-removed', 'RUN apt-get update && apt-get install -y tree\n', 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y tree\n', '/var/cache/apt'],
    ['conda-cache-not-cleaned', 'RUN conda install -y numpy=1.19\n', 'RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy=1.19\n', '/opt/conda/pkgs'],
    ['apk-cache-not-disabled', 'RUN apk add tree\n', 'RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add tree\n', '/var/cache/apk'],
    ['yum-cache-not-cleaned', 'RUN dnf install -y tree\n', 'RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked dnf install -y tree\n', '/var/cache/dnf'],
  ];
  for (const [rule, run, fixed, target] of cases) {
    it(`${rule}: offered (unsafe) after a # syntax= directive, and it writes the mount after RUN`, () => {
      const code = `# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\n${run}`;
      const fix = mountFix(code, rule);
      assert.ok(fix, 'no cache-mount fix');
      assert.equal(fix.safety, 'unsafe');
      assert.ok(fix.title.includes(target));
      assert.equal(applyEdits(code, fix.edits), `# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\n${fixed}`);
    });
  }

  it('each message says which way the file has: with BuildKit a cache mount too, with the classic builder only the cleanup', () => {
    for (const [rule, run] of cases) {
      const message = (code: string) => lint(code).findings.find((f) => f.rule === rule)?.message ?? '';
      const withBuildKit = message(`# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\n${run}`);
      const classic = message(`FROM debian:bookworm-slim\n${run}`);
      assert.match(withBuildKit, /built with BuildKit, so a cache mount \(RUN --mount=type=cache\) keeps it out too\.$/, rule);
      assert.ok(classic.length > 0 && !/BuildKit|\{buildkit\}/.test(classic), `${rule}: ${classic}`);
    }
  });

  it('offered where another RUN already mounts, or the setting says buildkit; not for the classic builder', () => {
    assert.ok(mountFix('FROM python:3.12-slim\nRUN --mount=type=bind,source=.,target=/src true\nRUN pip install numpy\n', 'pip-cache-not-disabled'));
    assert.ok(mountFix('FROM python:3.12-slim\nRUN pip install numpy\n', 'pip-cache-not-disabled', 'buildkit'));
    assert.equal(mountFix('FROM python:3.12-slim\nRUN pip install numpy\n', 'pip-cache-not-disabled'), undefined);
    assert.equal(mountFix('# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install numpy\n', 'pip-cache-not-disabled', 'classic'), undefined);
  });

  it('a RUN that mounts the pip cache is not reported at all', () => {
    const code = 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install numpy\n';
    assert.equal(lint(code).findings.filter((f) => f.rule === 'pip-cache-not-disabled').length, 0);
  });
});
