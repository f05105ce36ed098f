// The CI examples in docs/ci/ parse as GitHub Actions workflows, call only
// layerwise commands and flags that `layerwise --help` lists, and the lint
// example's command, run here, writes the SARIF that upload-sarif reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

function workflow(name: string): { on: unknown; permissions?: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> } {
  return parse(fs.readFileSync(path.join(ROOT, 'docs/ci', name), 'utf8'));
}

function steps(name: string): Step[] {
  return Object.values(workflow(name).jobs).flatMap((job) => job.steps);
}

/** Each `layerwise ...` command line in a run script, as words, up to a redirection or the end of the command. */
function layerwiseCalls(run: string): string[][] {
  const calls: string[][] = [];
  for (const line of run.split('\n')) {
    const words = line.trim().split(/\s+/);
    const at = words.indexOf('layerwise');
    if (at < 0) continue;
    const end = words.findIndex((w, i) => i > at && /^(>|>>|\||&&|;|2>)/.test(w));
    calls.push(words.slice(at + 1, end < 0 ? undefined : end));
  }
  return calls;
}

/** The flags a usage text gives each command, from all of its usage lines and their indented continuations. */
function usageFlags(usage: string): Map<string, Set<string>> {
  const flags = new Map<string, Set<string>>();
  let current: Set<string> | null = null;
  for (const line of usage.split('\n')) {
    const command = /^\s*layerwise (\S+)(.*)$/.exec(line);
    if (command) {
      current = flags.get(command[1]) ?? new Set<string>();
      flags.set(command[1], current);
    } else if (!/^\s+\[/.test(line)) current = null;
    for (const f of (command ? command[2] : line).matchAll(/--[a-z][a-z-]*/g)) current?.add(f[0]);
  }
  return flags;
}

function helpFlags(): Map<string, Set<string>> {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return usageFlags(r.stdout);
}

function assertKnownCalls(file: string): string[][] {
  const help = helpFlags();
  const calls = steps(file).flatMap((s) => (s.run ? layerwiseCalls(s.run) : []));
  assert.ok(calls.length > 0, `${file} runs no layerwise command`);
  for (const [command, ...args] of calls) {
    const known = help.get(command);
    assert.ok(known, `${file}: 'layerwise ${command}' is not a command of layerwise --help (${[...help.keys()].join(', ')})`);
    for (const arg of args) {
      const flag = /^--[a-z][a-z-]*/.exec(arg)?.[0];
      if (flag) assert.ok(known.has(flag), `${file}: layerwise ${command} has no ${flag} in layerwise --help`);
    }
  }
  return calls;
}

describe('the usage text, as the examples are checked against it', () => {
  it('gives a command the flags of its continuation lines, and none of the next paragraph', () => {
    const flags = usageFlags('Usage:\n  layerwise measure IMAGE [--dockerfile F]\n                    [--max-waste-percent P] [--min-efficiency X]\n  layerwise rules [--format text|json]\nA folder --not-a-flag.\n');
    assert.deepEqual([...flags.get('measure')!], ['--dockerfile', '--max-waste-percent', '--min-efficiency']);
    assert.deepEqual([...flags.get('rules')!], ['--format']);
  });
});

describe('docs/ci/code-scanning.yml', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-ci-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('may write code-scanning alerts and uploads the SARIF file that its lint step writes', () => {
    assert.equal(workflow('code-scanning.yml').permissions?.['security-events'], 'write');
    const all = steps('code-scanning.yml');
    const lint = all.find((s) => s.run && /layerwise lint .*--format sarif/.test(s.run));
    assert.ok(lint, 'no step lints with --format sarif');
    const written = /> *(\S+)/.exec(lint.run!)?.[1];
    const upload = all.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'no upload-sarif step');
    assert.equal(upload.with?.sarif_file, written);
    assert.equal((upload as { if?: string }).if, 'always()', 'findings are uploaded also when the lint step fails the job');
    assert.ok(all.findIndex((s) => s === lint) < all.findIndex((s) => s === upload));
  });

  it('calls only commands and flags that layerwise --help lists, and its lint command writes SARIF 2.1.0', () => {
    const [lint] = assertKnownCalls('code-scanning.yml');
    fs.cpSync(path.join(ROOT, 'test/fixtures/seed-workshop/exercises/2.ubuntu'), path.join(tmp, 'project'), { recursive: true });
    const r = spawnSync(process.execPath, [CLI, ...lint], { cwd: path.join(tmp, 'project'), encoding: 'utf8' });
    assert.equal(r.status, 0, `no error in the lesson's files, so --fail-on error passes: ${r.stderr}`);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'apt-lists-not-removed'));
  });
});

describe('docs/ci/image-size.yml', () => {
  it('builds the image it then measures, with the three thresholds of layerwise measure', () => {
    const calls = assertKnownCalls('image-size.yml');
    const measure = calls.find(([command]) => command === 'measure');
    assert.ok(measure, 'no layerwise measure step');
    for (const flag of ['--max-waste', '--max-waste-percent', '--min-efficiency']) assert.ok(measure.includes(flag), `measure without ${flag}`);
    const build = steps('image-size.yml').find((s) => s.run?.startsWith('docker build'));
    assert.ok(build, 'no docker build step');
    assert.equal(/--tag (\S+)/.exec(build.run!)?.[1], measure[1], 'measures the image the build step tagged');
  });
});
