import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, compatibleFixes, fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import type { Finding, Rule } from '../../server/src/engine/rule';
import { defaultSettings, mergeSettings, parseHadolintYaml, parseLayerwiseYaml } from '../../server/src/engine/settings';
import { rules } from '../../server/src/rules';

const root = path.resolve(__dirname, '../..');
const known = new Set(rules.map((r) => r.meta.id));

describe('settings', () => {
  it('reads severities, ignores and the size limit from .layerwise.yaml, and names what is wrong', () => {
    const parsed = parseLayerwiseYaml('rules:\n  apt-lists-not-removed: info\n  pip-cache-not-disabled: loud\n  nope: off\nignore: [DL3042]\nmaxFileSize: 10\n', known);
    assert.deepEqual(parsed.settings, { rules: { 'apt-lists-not-removed': 'info' }, ignore: ['DL3042'], maxFileSize: 10 });
    assert.deepEqual(parsed.problems, ["rule 'pip-cache-not-disabled': 'loud' is not off, error, warning, info or hint", "unknown rule 'nope' in 'rules'"]);
  });

  it('says so when the YAML does not parse, and keeps going', () => {
    const parsed = parseLayerwiseYaml('rules: [\n', known);
    assert.deepEqual(parsed.settings, {});
    assert.match(parsed.problems[0], /^not valid YAML: /);
  });

  it('reads trusted registries from both files, and keeps the host of one written as a URL, saying so', () => {
    const parsed = parseLayerwiseYaml('trustedRegistries: [quay.io, "https://ghcr.io/v2/", localhost:5000]\n', known);
    assert.deepEqual(parsed.settings.trustedRegistries, ['quay.io', 'ghcr.io', 'localhost:5000']);
    assert.deepEqual(parsed.problems, ["'trustedRegistries': 'https://ghcr.io/v2/' is not a registry's name; read as 'ghcr.io' (write the host alone, with :port if it has one)"]);
    const hadolint = parseHadolintYaml('trustedRegistries:\n  - docker.io\n  - registry.example.org/team\n');
    assert.deepEqual(hadolint.settings.trustedRegistries, ['docker.io', 'registry.example.org']);
    assert.equal(hadolint.problems.length, 1);
    assert.deepEqual(parseLayerwiseYaml('trustedRegistries: quay.io\n', known).problems, ["'trustedRegistries' should be a list of strings"]);
  });

  it("reads hadolint's ignored list", () => {
    assert.deepEqual(parseHadolintYaml('ignored:\n  - dl3009\n').settings.ignore, ['DL3009']);
  });

  it('lets the file override the editor, rule by rule', () => {
    const merged = mergeSettings(mergeSettings(defaultSettings(), { rules: { a: 'error', b: 'hint' } }), { rules: { a: 'off' }, ignore: ['x'] });
    assert.deepEqual(merged.rules, { a: 'off', b: 'hint' });
    assert.deepEqual(merged.ignore, ['x']);
  });
});

describe('suppressions', () => {
  const text = (pragma: string) => `FROM debian\n${pragma}\nRUN apt-get update \\\n  && apt-get install -y git\n`;
  const ruleIds = (t: string) => lint(t).findings.map((f) => f.rule);

  it('covers the whole instruction, continuation lines included, and may give a reason', () => {
    assert.ok(ruleIds(text('# nothing')).includes('apt-lists-not-removed'));
    assert.ok(!ruleIds(text('# layerwise-ignore=apt-lists-not-removed -- lists needed later')).includes('apt-lists-not-removed'));
    assert.ok(!ruleIds(text('# layerwise-ignore=pip-cache-not-disabled,apt-lists-not-removed')).includes('apt-lists-not-removed'));
    assert.ok(!ruleIds(text('# hadolint ignore=DL3008,DL3009')).includes('apt-lists-not-removed'));
    // Spaces after the commas, as people write lists.
    const spaced = ruleIds(text('# layerwise-ignore=debian-frontend-not-set, apt-lists-not-removed -- lists needed later'));
    assert.ok(!spaced.includes('apt-lists-not-removed') && !spaced.includes('debian-frontend-not-set'), spaced.join());
    assert.ok(!ruleIds(text('# hadolint ignore=DL3008, DL3009')).includes('apt-lists-not-removed'));
  });

  it('does not reach past a blank line or onto the next instruction', () => {
    assert.ok(ruleIds(text('# layerwise-ignore=apt-lists-not-removed\n')).includes('apt-lists-not-removed'));
    assert.ok(lint('FROM debian\n# layerwise-ignore=apt-lists-not-removed\nRUN echo\nRUN apt-get update\n').findings.some((f) => f.rule === 'apt-lists-not-removed'));
  });
});

describe('a rule that throws', () => {
  it('is reported as a failure and the other rules still report', () => {
    const broken: Rule = {
      meta: { id: 'broken', title: 'broken', severity: 'error', category: 'hygiene', hadolint: [], fix: null, messages: {} },
      check() {
        throw new Error('boom');
      },
    };
    const result = lint('FROM python:3.8-slim\nRUN pip install x\n', { rules: [broken, ...rules] });
    assert.deepEqual(result.failures.map((f) => [f.rule, f.error.message]), [['broken', 'boom']]);
    assert.ok(result.findings.some((f) => f.rule === 'pip-cache-not-disabled'));
  });

  it('in its collect, on one instruction, is reported once as a failure and the other rules still report', () => {
    const broken: Rule = {
      meta: { id: 'broken-collect', title: 'broken', severity: 'error', category: 'hygiene', hadolint: [], fix: null, messages: {} },
      collect(node) {
        if (node.keyword === 'RUN') throw new Error('bad node');
        return null;
      },
      check() {},
    };
    const result = lint('FROM python:3.8-slim\nRUN pip install x\nRUN pip install y\n', { rules: [broken, ...rules] });
    assert.deepEqual(result.failures.map((f) => [f.rule, f.error.message]), [['broken-collect', 'bad node']]);
    assert.equal(result.findings.filter((f) => f.rule === 'pip-cache-not-disabled').length, 2);
  });
});

describe('applying fixes', () => {
  const finding = (start: number, end: number, text: string): Finding => ({
    rule: 'r',
    severity: 'warning',
    message: '',
    span: { start, end },
    hadolint: null,
    buildkit: null,
    fixes: [{ title: text, safety: 'safe', edits: [{ start, end, newText: text }] }],
  });

  it('never applies two fixes whose edits overlap or insert at the same place', () => {
    const chosen = compatibleFixes([finding(0, 3, 'a'), finding(2, 5, 'b'), finding(5, 5, 'c'), finding(5, 5, 'd'), finding(6, 7, 'e')], 'safe');
    assert.deepEqual(chosen.map((f) => f.title), ['a', 'c', 'e']);
  });

  it('refuses overlapping edits outright', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]), /overlapping/);
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 6, newText: 'X' }, { start: 0, end: 1, newText: 'Y' }]), 'YbcdX');
  });

  it('fixes until the text stops changing, within ten passes', () => {
    const result = fixUntilStable('FROM debian\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean\nRUN pip install x\n', (t) => lint(t).findings, 'safe');
    assert.ok(result.passes <= 10);
    assert.deepEqual(lint(result.text).findings.filter((f) => f.fixes.some((x) => x.safety === 'safe')), []);
  });
});

describe('generated files and docs', () => {
  it('docs/rules/README.md, README.md\'s rule table and the settings in package.json are current with the rules', () => {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/generate.ts'), '--check'], { cwd: root, stdio: 'pipe' });
  });

  it('every rule has a docs page with why, bad, good, the fix and how to silence it', () => {
    for (const rule of rules) {
      const file = path.join(root, 'docs/rules', `${rule.meta.id}.md`);
      assert.ok(fs.existsSync(file), `${file} is missing`);
      const page = fs.readFileSync(file, 'utf8');
      for (const heading of ['## Why', '## Bad', '## Good', '## The fix', '## Silence it']) assert.ok(page.includes(heading), `${rule.meta.id}.md lacks ${heading}`);
      assert.ok(page.startsWith(`# ${rule.meta.id}\n`), `${rule.meta.id}.md starts with its id`);
    }
  });

  it('every rule has a case table', () => {
    for (const rule of rules) assert.ok(fs.existsSync(path.join(root, 'test/rules', `${rule.meta.id}.test.ts`)), `test/rules/${rule.meta.id}.test.ts is missing`);
  });

  it('rule ids are unique kebab-case, and messages are what reports name', () => {
    assert.equal(known.size, rules.length);
    for (const rule of rules) assert.match(rule.meta.id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('messages and fix titles are ASCII, so that the diagnostics sent on each keystroke stay one byte a character', () => {
    // One character past ASCII in one message makes V8 hold the whole JSON of a file's diagnostics at two bytes a
    // character, in the server as it writes it and in the editor as it reads it.
    for (const rule of rules) for (const [id, message] of Object.entries(rule.meta.messages)) assert.match(message, /^[\x20-\x7e]*$/, `${rule.meta.id}: ${id}`);
  });
});

describe('commands the shell runs', () => {
  // Wrappers (sudo, env, …) were looked up in a plain object, so a command named like one of Object's methods
  // was taken for a wrapper and 24 rules threw on it (and were turned off for the file in the editor).
  it('a command named like an Object method is a command, and no rule fails on it', () => {
    const result = lint('FROM debian:12\nRUN constructor -x && toString y && hasOwnProperty z\n');
    assert.deepEqual(result.failures.map((f) => f.rule), []);
  });
});
