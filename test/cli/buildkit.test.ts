// BuildKit's build checks through the `layerwise` command: the `buildkit`
// name in JSON, SARIF and `rules`, and the Dockerfile's own `# check=`
// directive, as a CI job that moves from `docker build --check` would see them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function layerwise(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-buildkit-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string): string {
  fs.writeFileSync(path.join(tmp, name), content);
  return name;
}

const CHECKED = 'FROM python:3.12-slim as Build\nMAINTAINER Jane\nRUN pip install numpy==2.1.0\nCMD python3 app.py\n';

describe("BuildKit's checks in layerwise's output", () => {
  it("names the BuildKit check beside hadolint's id in JSON, null where none matches", () => {
    const file = write('Dockerfile', CHECKED);
    const r = layerwise(['lint', '--format', 'json', file], tmp);
    const findings = (JSON.parse(r.stdout) as Array<{ findings: Array<Record<string, unknown>> }>)[0].findings;
    const by = (rule: string) => findings.find((f) => f.rule === rule)!;
    assert.equal(by('stage-name-casing').buildkit, 'StageNameCasing');
    assert.equal(by('from-as-casing').buildkit, 'FromAsCasing');
    assert.deepEqual([by('maintainer-deprecated').hadolint, by('maintainer-deprecated').buildkit], ['DL4000', 'MaintainerDeprecated']);
    assert.deepEqual([by('json-args-recommended').hadolint, by('json-args-recommended').buildkit, by('json-args-recommended').fix], ['DL3025', 'JSONArgsRecommended', 'unsafe']);
    for (const f of findings) assert.ok('buildkit' in f, `${String(f.rule)} has a buildkit field`);
    assert.deepEqual([by('pip-cache-not-disabled').hadolint, by('pip-cache-not-disabled').buildkit], ['DL3042', null]);
  });

  it('honours # check=skip= and turns the rest into errors under # check=error=true', () => {
    const skipped = write('Dockerfile.skip', `# check=skip=StageNameCasing,FromAsCasing\n${CHECKED}`);
    const rules = (JSON.parse(layerwise(['lint', '--format', 'json', skipped], tmp).stdout) as Array<{ findings: Array<{ rule: string }> }>)[0].findings.map((f) => f.rule);
    assert.ok(!rules.includes('stage-name-casing') && !rules.includes('from-as-casing'), rules.join());
    assert.ok(rules.includes('maintainer-deprecated'));

    const all = write('Dockerfile.all', `# check=skip=all\n${CHECKED}`);
    const left = (JSON.parse(layerwise(['lint', '--format', 'json', all], tmp).stdout) as Array<{ findings: Array<{ buildkit: string | null }> }>)[0].findings;
    assert.deepEqual(left.filter((f) => f.buildkit !== null), []);

    // The build would fail: so does lint at --fail-on error, which it passes without the directive.
    const plain = write('Dockerfile.plain', 'FROM debian:12 AS Build\nLABEL maintainer=jane\nCMD ["bash"]\n');
    const strict = write('Dockerfile.strict', '# check=error=true\nFROM debian:12 AS Build\nLABEL maintainer=jane\nCMD ["bash"]\n');
    assert.equal(layerwise(['lint', '--fail-on', 'error', plain], tmp).code, 0);
    const r = layerwise(['lint', '--fail-on', 'error', strict], tmp);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Dockerfile\.strict:2:19 error stage-name-casing /);
  });

  it('puts the BuildKit name in SARIF, in the rule and in the result', () => {
    const file = write('Dockerfile.sarif', CHECKED);
    const run = JSON.parse(layerwise(['lint', '--format', 'sarif', file], tmp).stdout).runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'maintainer-deprecated');
    assert.deepEqual(result.properties, { hadolint: 'DL4000', buildkit: 'MaintainerDeprecated' });
    const rule = run.tool.driver.rules[result.ruleIndex];
    assert.deepEqual(rule.properties.buildkit, ['MaintainerDeprecated']);
    assert.ok(rule.properties.tags.includes('MaintainerDeprecated') && rule.properties.tags.includes('DL4000'));
    const casing = run.results.find((x: { ruleId: string }) => x.ruleId === 'stage-name-casing');
    assert.deepEqual(casing.properties, { buildkit: 'StageNameCasing' });
  });

  it('lists each rule with its BuildKit checks', () => {
    const list = JSON.parse(layerwise(['rules', '--format', 'json'], tmp).stdout) as Array<{ id: string; buildkit: string[] }>;
    const by = new Map(list.map((r) => [r.id, r.buildkit]));
    assert.deepEqual(by.get('repeated-cmd-or-entrypoint'), ['MultipleInstructionsDisallowed']);
    assert.deepEqual(by.get('apt-lists-not-removed'), []);
    const covered = new Set(list.flatMap((r) => r.buildkit));
    for (const check of ['StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName', 'JSONArgsRecommended', 'UndefinedArgInFrom', 'WorkdirRelativePath', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'ExposeProtoCasing', 'ExposeInvalidFormat', 'MaintainerDeprecated']) {
      assert.ok(covered.has(check), `${check} has a rule`);
    }
    assert.match(layerwise(['rules'], tmp).stdout, /^json-args-recommended +info .*hadolint: DL3025; buildkit: JSONArgsRecommended\)$/m);
  });
});
