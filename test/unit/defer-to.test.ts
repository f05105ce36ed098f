// The deferTo setting: what other Docker extensions already report is left to
// them, keyed by the ids they report under. dockerfile-utils (what Container
// Tools validates with) is a devDependency, so its half of the table is held
// to what its validate really reports on the same texts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { validate, ValidationCode } from 'dockerfile-utils';
import { DOCKERFILE_UTILS_CODES } from '../../server/src/engine/deferTo';
import { lint } from '../../server/src/engine/lint';
import type { Finding, Rule } from '../../server/src/engine/rule';
import { defaultSettings, mergeSettings, parseLayerwiseYaml, readSettingsObject } from '../../server/src/engine/settings';
import { rules } from '../../server/src/rules';

const known = new Set(rules.map((r) => r.meta.id));
const LESSON = fs.readFileSync(path.resolve(__dirname, '../fixtures/seed-workshop/exercises/2.ubuntu/Dockerfile.2'), 'utf8');

function findings(text: string, deferTo: string[], only?: readonly Rule[]): Finding[] {
  return lint(text, { settings: { ...defaultSettings(), deferTo }, rules: only }).findings;
}

/** The 0-based line of an offset. */
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

const ids = (list: Finding[]) => list.map((f) => `${f.rule}@${f.span.start}`);

/** Texts on which dockerfile-utils and one of the rules in DOCKERFILE_UTILS_CODES both report. */
const OVERLAPS = [
  'FROM debian:bookworm-slim\nFOO bar\n',
  'RUN echo hi\n',
  'RUN echo hi\nFROM debian:bookworm-slim\n',
  'FROM debian:bookworm-slim\nRUN apt-get update &&\napt-get install -y git\n',
  'FROM debian:bookworm-slim\nMAINTAINER someone@example.org\n',
  'FROM debian:bookworm-slim\nCMD ["a"]\nCMD ["b"]\n',
  'FROM debian:bookworm-slim\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n',
  'FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim AS Build\n',
  'FROM debian:bookworm-slim\nRUN echo a \\\n\n  && echo b\n',
  'FROM debian:bookworm-slim\nWORKDIR app\n',
];

describe('deferTo', () => {
  it('is read from .layerwise.yaml and the editor settings; an entry that is no id is told and left out', () => {
    const parsed = parseLayerwiseYaml('deferTo: [hadolint, dl3009, MaintainerDeprecated, DEPRECATED_MAINTAINER, docker dx]\n', known);
    assert.deepEqual(parsed.settings.deferTo, ['hadolint', 'DL3009', 'MaintainerDeprecated', 'DEPRECATED_MAINTAINER']);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0], /'deferTo': 'docker dx' names no extension \(hadolint, docker-dx, container-tools\)/);
    const editor = readSettingsObject({ deferTo: ['container-tools'] }, known).settings;
    const merged = mergeSettings(mergeSettings(defaultSettings(), editor), parsed.settings);
    assert.deepEqual(merged.deferTo, ['container-tools', 'hadolint', 'DL3009', 'MaintainerDeprecated', 'DEPRECATED_MAINTAINER']);
    assert.deepEqual(readSettingsObject({ deferTo: 'hadolint' }, known).problems, ["'deferTo' should be a list of strings"]);
  });

  it('with hadolint, leaves out every finding that has a hadolint id and keeps the others', () => {
    const all = lint(LESSON).findings;
    const kept = findings(LESSON, ['hadolint']);
    assert.ok(all.some((f) => f.hadolint) && all.some((f) => !f.hadolint), 'the lesson file has findings of both kinds');
    assert.deepEqual(ids(kept), ids(all.filter((f) => !f.hadolint)));
  });

  it('with one hadolint id, leaves out only the findings of that id', () => {
    const all = lint(LESSON).findings;
    const kept = findings(LESSON, ['DL3009']);
    assert.deepEqual(ids(kept), ids(all.filter((f) => f.hadolint !== 'DL3009')));
    assert.ok(kept.length < all.length);
  });

  it('with container-tools, leaves out exactly the findings on whose line dockerfile-utils reports the code the table gives', () => {
    const codes = new Set(Object.values(DOCKERFILE_UTILS_CODES).flatMap((byMessage) => Object.values(byMessage)));
    const leftOut = new Map<string, number>();
    for (const text of OVERLAPS) {
      const theirs = validate(text).map((d) => ({ code: ValidationCode[d.code as number], line: d.range.start.line }));
      for (const code of codes) {
        const kept = ids(findings(text, [code]));
        for (const f of lint(text).findings.filter((f) => !kept.includes(`${f.rule}@${f.span.start}`))) {
          assert.ok(theirs.some((d) => d.code === code && d.line === lineOf(text, f.span.start)), `${f.rule} at line ${lineOf(text, f.span.start) + 1} of ${JSON.stringify(text)} is left to ${code}, which dockerfile-utils does not report there: ${JSON.stringify(theirs)}`);
          leftOut.set(code, (leftOut.get(code) ?? 0) + 1);
        }
      }
      const keptByGroup = findings(text, ['container-tools']);
      assert.ok(keptByGroup.length < lint(text).findings.length, `container-tools leaves nothing out of ${JSON.stringify(text)}`);
    }
    assert.deepEqual([...leftOut.keys()].sort(), [...codes].sort(), 'every code of the table leaves out some finding');
  });

  it('keeps what dockerfile-utils does not report: an unclosed heredoc', () => {
    const text = 'FROM debian:bookworm-slim\nRUN <<EOF\necho hi\n';
    assert.deepEqual(validate(text), []);
    assert.deepEqual(ids(findings(text, ['container-tools'])), ids(lint(text).findings));
    assert.ok(lint(text).findings.some((f) => f.rule === 'dockerfile-syntax'));
  });

  it('with docker-dx or a BuildKit check name, leaves out the findings of the rules that name that check', () => {
    const text = 'FROM debian:bookworm-slim\nMAINTAINER someone@example.org\nCMD ["a"]\nCMD ["b"]\n';
    const all = lint(text).findings;
    assert.ok(all.some((f) => f.buildkit === 'MaintainerDeprecated') && all.some((f) => f.buildkit === 'MultipleInstructionsDisallowed'), ids(all).join(', '));
    assert.deepEqual(ids(findings(text, ['docker-dx'])), ids(all.filter((f) => !f.buildkit)));
    assert.deepEqual(ids(findings(text, ['MaintainerDeprecated'])), ids(all.filter((f) => f.buildkit !== 'MaintainerDeprecated')));
    assert.deepEqual(ids(findings(text, ['JSONArgsRecommended'])), ids(all));
  });
});

