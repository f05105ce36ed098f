// The `layerwise` command as a user runs it: the bundled dist/cli.js, spawned
// with an argument array, over files copied from the corpus into test/fixtures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const fixtures = path.resolve(__dirname, '../fixtures');
const seed = path.join(fixtures, 'seed-workshop/exercises');

function layerwise(args: string[], cwd = fixtures) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-cli-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('layerwise lint', () => {
  it('prints findings as a compiler does and exits 1 when one is a warning', () => {
    const r = layerwise(['lint', 'seed-workshop/exercises/2.ubuntu/Dockerfile.2']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.includes("seed-workshop/exercises/2.ubuntu/Dockerfile.2:3:5 warning apt-lists-not-removed 'apt-get update' leaves the package lists in this layer: remove /var/lib/apt/lists/* before the RUN ends, or they stay in the image."), r.stdout);
    assert.ok(lines.includes('seed-workshop/exercises/2.ubuntu/Dockerfile.2:10:5 warning cleanup-in-separate-layer This layer saves nothing: the files stay in the earlier layer (line 3). Clean up in the RUN that made them.'), r.stdout);
    for (const line of lines) assert.match(line, /^[^:]+:\d+:\d+ (error|warning|info|hint) [a-z-]+ .+$/);
    assert.equal(r.stderr, '');
  });

  it('follows --fail-on', () => {
    const file = 'seed-workshop/exercises/2.pip/Dockerfile.1';
    assert.equal(layerwise(['lint', '--fail-on', 'error', file]).code, 0);
    assert.equal(layerwise(['lint', '--fail-on', 'never', file]).code, 0);
    assert.equal(layerwise(['lint', '--fail-on', 'hint', file]).code, 1);
    assert.equal(layerwise(['lint', file]).code, 1);
  });

  it('exits 0 on a Dockerfile that follows the practices', () => {
    const r = layerwise(['lint', 'seed-workshop/exercises/2.ubuntu/Dockerfile.3']);
    assert.equal(r.code, 0, r.stdout);
  });

  it('prints the JSON contract, one entry per file linted, clean ones included', () => {
    const r = layerwise(['lint', '--format', 'json', 'seed-workshop/exercises/2.pip/Dockerfile.1', 'seed-workshop/exercises/2.pip/Dockerfile.2']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; findings: Array<Record<string, unknown>> }>;
    assert.deepEqual(out.map((e) => e.file), ['seed-workshop/exercises/2.pip/Dockerfile.1', 'seed-workshop/exercises/2.pip/Dockerfile.2']);
    const pip = out[0].findings.find((f) => f.rule === 'pip-cache-not-disabled');
    assert.deepEqual(pip, {
      rule: 'pip-cache-not-disabled',
      severity: 'warning',
      message: "'pip install' keeps pip's download cache in the image: add --no-cache-dir, or set PIP_NO_CACHE_DIR.",
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 16,
      hadolint: 'DL3042',
      buildkit: null,
      fix: 'safe',
    });
    assert.equal(out[1].findings.filter((f) => f.rule === 'pip-cache-not-disabled').length, 0);
  });

  it('prints SARIF 2.1.0 with rules, results, regions and fixes', () => {
    const r = layerwise(['lint', '--format', 'sarif', 'seed-workshop/exercises/2.pip/Dockerfile.1']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'layerwise');
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'pip-cache-not-disabled');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'pip-cache-not-disabled');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'seed-workshop/exercises/2.pip/Dockerfile.1' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 16 },
    });
    assert.deepEqual(result.fixes[0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 3, startColumn: 16, endLine: 3, endColumn: 16 }, insertedContent: { text: ' --no-cache-dir' } },
    ]);
  });

  it('searches a folder for Dockerfiles, following file links, case-insensitively', () => {
    write('tree/Dockerfile', 'FROM debian:12\n');
    write('tree/sub/app.dockerfile', 'FROM debian:12\n');
    write('tree/sub/CONTAINERFILE', 'FROM debian:12\n');
    write('tree/sub/Containerfile.dev', 'FROM debian:12\n');
    write('tree/sub/Dockerfile.prod', 'FROM debian:12\n');
    write('tree/sub/notes.txt', 'RUN apt-get update\n');
    write('tree/sub/Dockerfile.txt.bak/inner', 'FROM x\n');
    write('tree/node_modules/pkg/Dockerfile', 'FROM debian:12\n');
    const r = layerwise(['lint', '--format', 'json', path.join(tmp, 'tree')]);
    const files = (JSON.parse(r.stdout) as Array<{ file: string }>).map((e) => path.relative(path.join(tmp, 'tree'), e.file)).sort();
    assert.deepEqual(files, ['Dockerfile', 'sub/CONTAINERFILE', 'sub/Containerfile.dev', 'sub/Dockerfile.prod', 'sub/app.dockerfile']);

    const seedFiles = (JSON.parse(layerwise(['lint', '--format', 'json', 'seed-workshop']).stdout) as Array<{ file: string }>).map((e) => e.file);
    assert.equal(seedFiles.length, 18);
    assert.ok(seedFiles.includes('seed-workshop/exercises/3.mpi4py/Dockerfile.1-mpi4py'), 'a Dockerfile behind a symlink is linted');
  });

  it('exits 2 with one line on stderr for usage and I/O errors', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^layerwise: no command given/],
      [['frobnicate'], /^layerwise: unknown command 'frobnicate'/],
      [['lint'], /^layerwise: lint needs a file or folder/],
      [['lint', '--format', 'xml', 'x'], /^layerwise: --format takes text, json or sarif, not 'xml'\n$/],
      [['lint', '--fail-on', 'loud', 'x'], /^layerwise: --fail-on takes error, warning, info, hint or never, not 'loud'\n$/],
      [['lint', '--colour', 'x'], /^layerwise: Unknown option '--colour'/],
      [['lint', 'does/not/exist'], /^layerwise: cannot read does\/not\/exist: no such file or directory\n$/],
      [['lint', '--config', 'missing.yaml', 'seed-workshop'], /^layerwise: cannot read --config missing.yaml: no such file\n$/],
    ];
    for (const [args, message] of cases) {
      const r = layerwise(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it('reads --config instead of searching, and reports problems in it', () => {
    const config = write('strict.yaml', 'rules:\n  pip-cache-not-disabled: error\n  no-such-rule: warning\n');
    const r = layerwise(['lint', '--config', config, '--fail-on', 'error', 'seed-workshop/exercises/2.pip/Dockerfile.1']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /:3:5 error pip-cache-not-disabled /);
    assert.match(r.stderr, /strict\.yaml: unknown rule 'no-such-rule' in 'rules'\n/);
  });

  it('finds .layerwise.yaml and .hadolint.yaml by walking up from the Dockerfile', () => {
    write('walk/.layerwise.yaml', 'rules:\n  apt-lists-not-removed: "off"\n');
    write('walk/.hadolint.yml', 'ignored: [DL3042]\n');
    const file = write('walk/deep/er/Dockerfile', 'FROM python:3.8-slim\nRUN apt-get update && pip install x\n');
    const r = layerwise(['lint', '--format', 'json', file]);
    const rules = (JSON.parse(r.stdout) as Array<{ findings: Array<{ rule: string }> }>)[0].findings.map((f) => f.rule);
    assert.ok(!rules.includes('apt-lists-not-removed'));
    assert.ok(!rules.includes('pip-cache-not-disabled'));
  });

  it("takes the trusted registries of .layerwise.yaml and .hadolint.yaml together, and fails on an image from another", () => {
    write('registries/.layerwise.yaml', 'trustedRegistries: [quay.io]\n');
    write('registries/.hadolint.yaml', 'trustedRegistries: ["*.example.org"]\n');
    const file = write('registries/Dockerfile', 'FROM quay.io/pawsey/mpich-base:3.4.3_ubuntu24.04 AS mpi\nFROM registry.example.org/base:1 AS base\nFROM python:3.8-slim\nCMD ["python"]\n');
    const r = layerwise(['lint', '--fail-on', 'error', file]);
    assert.equal(r.code, 1, r.stdout);
    const found = r.stdout.trimEnd().split('\n').filter((l) => l.includes('registry-not-trusted'));
    assert.deepEqual(found, [`${file}:3:6 error registry-not-trusted 'python:3.8-slim' comes from docker.io, which is not among the trusted registries (*.example.org, quay.io): build FROM an image of one of them, or add docker.io to trustedRegistries.`]);
  });
});

describe('layerwise fix', () => {
  it("applies the safe fixes until stable: with the cleanup rules, the lesson's Dockerfile.2 becomes its Dockerfile.3", () => {
    const ids = (JSON.parse(layerwise(['rules', '--format', 'json']).stdout) as Array<{ id: string }>).map((r) => r.id);
    const cleanupOnly = ids.map((id) => `  ${id}: ${['apt-lists-not-removed', 'cleanup-in-separate-layer'].includes(id) ? 'warning' : '"off"'}`);
    const config = write('fix/cleanup-only.yaml', `rules:\n${cleanupOnly.join('\n')}\n`);
    const file = write('fix/Dockerfile', fs.readFileSync(path.join(seed, '2.ubuntu/Dockerfile.2')));
    const r = layerwise(['fix', '--config', config, file]);
    assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(path.join(seed, '2.ubuntu/Dockerfile.3'), 'utf8'));
    assert.match(r.stderr, /fixed .*Dockerfile \(1 fix\)/);
    assert.equal(r.code, 0, r.stdout);
  });

  it('prints a unified diff with --dry-run, changes nothing, and exits 1', () => {
    const original = fs.readFileSync(path.join(seed, '2.pip/Dockerfile.1'), 'utf8');
    const file = write('dry/Dockerfile', original);
    const r = layerwise(['fix', '--dry-run', file]);
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    assert.match(r.stdout, /^-RUN pip install astropy$/m);
    assert.match(r.stdout, /^\+RUN pip install --no-cache-dir astropy$/m);
    assert.match(r.stdout, /^@@ /m);
  });

  it('exits as lint would on what is left, and 0 from --dry-run when nothing changes', () => {
    const file = write('left/Dockerfile', 'FROM debian:12\nRUNN x\n');
    const r = layerwise(['fix', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /:2:1 error dockerfile-syntax /);
    assert.equal(layerwise(['fix', '--dry-run', '--fail-on', 'never', file]).code, 0);
  });
});

describe('layerwise rules', () => {
  it('lists every rule with its metadata as JSON', () => {
    const r = layerwise(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const apt = list.find((x) => x.id === 'apt-lists-not-removed');
    assert.deepEqual(apt, {
      id: 'apt-lists-not-removed',
      title: 'apt-get update without removing /var/lib/apt/lists in the same RUN',
      severity: 'warning',
      category: 'cleanup',
      hadolint: ['DL3009'],
      buildkit: [],
      fix: 'safe',
      docs: 'docs/rules/apt-lists-not-removed.md',
    });
    for (const rule of list) {
      assert.match(String(rule.id), /^[a-z]+(-[a-z]+)*$/);
      assert.ok(fs.existsSync(path.resolve(__dirname, '../..', String(rule.docs))), `${rule.docs} exists`);
    }
  });

  it('lists them as text, one per line', () => {
    const r = layerwise(['rules']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^apt-lists-not-removed +warning +apt-get update without removing/m);
  });
});

describe('bad input', () => {
  it('gives an empty file a clear finding', () => {
    const r = layerwise(['lint', write('bad/empty/Dockerfile', '')]);
    assert.match(r.stdout, /:1:1 error dockerfile-syntax This Dockerfile has no FROM instruction/);
    assert.equal(r.code, 1);
  });

  it('skips a binary file with a one-line note', () => {
    const file = write('bad/binary/Dockerfile', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]));
    const r = layerwise(['lint', '--format', 'json', path.dirname(file)]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.stderr, `layerwise: skipping ${file}: binary file\n`);
  });

  it('skips a 10 MB file with a one-line note instead of hanging', () => {
    const line = 'RUN apt-get update && pip install numpy\n';
    const file = write('bad/huge/Dockerfile', 'FROM debian\n' + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    const r = layerwise(['lint', file]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `layerwise: skipping ${file}: 10.0 MB is over the 1.0 MB limit (maxFileSize in .layerwise.yaml)\n`);
  });

  it('reports an unterminated heredoc, an unknown instruction, and keeps linting the rest', () => {
    const file = write('bad/heredoc/Dockerfile', 'FROM debian\nRUNN echo\nRUN pip install x\nRUN <<EOF\napt-get update\n');
    const r = layerwise(['lint', file]);
    assert.equal(r.code, 1);
    const watched = ['dockerfile-syntax', 'pip-cache-not-disabled', 'apt-lists-not-removed'];
    const rules = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(' ').slice(0, 3))
      .filter(([, , rule]) => watched.includes(rule))
      .map(([where, severity, rule]) => `${where.split(':').slice(1).join(':')} ${severity} ${rule}`);
    assert.deepEqual(rules, ['2:1 error dockerfile-syntax', '3:5 warning pip-cache-not-disabled', '4:1 error dockerfile-syntax', '5:1 warning apt-lists-not-removed']);
    assert.equal(r.stderr, '');
  });

  it('reads the backquote escape directive, CRLF line endings and a byte-order mark', () => {
    const escape = write('bad/escape/Dockerfile', '# escape=`\nFROM python:3.8-slim\nRUN pip `\n  install x\n');
    assert.match(layerwise(['lint', escape]).stdout, /:3:5 warning pip-cache-not-disabled/);
    const crlf = write('bad/crlf/Dockerfile', '\uFEFFFROM python:3.8-slim\r\nRUN apt-get update \\\r\n  && pip install x\r\n');
    const out = layerwise(['lint', '--format', 'json', crlf]);
    const found = (JSON.parse(out.stdout) as Array<{ findings: Array<{ rule: string; line: number; column: number; endColumn: number }> }>)[0].findings;
    assert.deepEqual(found.filter((f) => ['apt-lists-not-removed', 'pip-cache-not-disabled'].includes(f.rule)).map((f) => [f.rule, f.line, f.column, f.endColumn]), [
      ['apt-lists-not-removed', 2, 5, 19],
      ['pip-cache-not-disabled', 3, 6, 17],
    ]);
    layerwise(['fix', crlf]);
    const fixed = fs.readFileSync(crlf, 'utf8');
    assert.ok(fixed.startsWith('\uFEFFFROM python:3.8-slim\r\n'), 'the byte-order mark and the first line are kept');
    assert.ok(fixed.includes('pip install --no-cache-dir x \\\r\n  && apt-get clean \\\r\n  && rm -rf /var/lib/apt/lists/*\r\n'), fixed);
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feed is mixed into CRLF text');
  });
});
