// Layerwise as a pre-commit hook, installed the way pre-commit installs it:
// Debian's pre-commit (3.0.4) clones this repository (a copy of the checkout
// as it stands, committed), runs npm install, whose `prepare` builds dist/,
// then npm pack and npm install -g, and runs the hook on a project's files.
// Node hooks run on the machine's node (language_version system, pre-commit's
// default where node and npm are on PATH). PRE_COMMIT_HOME is a temporary
// folder, so the first run pays the whole install, as a new user's does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withEditor } from '../support/editors';
import { copyWorkingTree, envWithoutNpm } from '../support/workingTree';

const BAD = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\n';

let tmp: string;
let hookRepo: string;
let project: string;
const gitIdentity = { GIT_AUTHOR_NAME: 'Layerwise test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Layerwise test', GIT_COMMITTER_EMAIL: 'test@example.org' };

function run(file: string, args: string[], cwd: string) {
  const env = envWithoutNpm({ ...gitIdentity, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home') });
  const r = spawnSync(file, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function git(args: string[], cwd: string): void {
  const r = run('git', args, cwd);
  assert.equal(r.code, 0, r.output);
}

/** Commits the Dockerfile, since --all-files runs on the files git tracks. */
function commitDockerfile(text: string): void {
  fs.writeFileSync(path.join(project, 'Dockerfile'), text);
  git(['add', 'Dockerfile'], project);
  git(['commit', '-q', '--allow-empty', '-m', 'Dockerfile'], project);
}

/** Every hook of the repository (layerwise, then layerwise-fix). try-repo installs them afresh each time, in a store of its own. */
function tryRepo() {
  const started = Date.now();
  const r = run('pre-commit', ['try-repo', hookRepo, '--all-files'], project);
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

withEditor('pre-commit', 'pre-commit', (version) => {
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pre-commit-'));
    // try-repo installs the hook repository's HEAD, and of local changes only those to tracked files: so the
    // checkout as it stands, new files included, is committed into a repository of its own.
    hookRepo = path.join(tmp, 'hook-repo');
    copyWorkingTree(hookRepo);
    git(['init', '-q'], hookRepo);
    git(['add', '-A'], hookRepo);
    git(['commit', '-q', '-m', 'layerwise as it stands'], hookRepo);
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    git(['init', '-q'], project);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe(`${version}: try-repo with this repository as the hook source`, () => {
    it('fails the layerwise hook on a Dockerfile with a warning, naming the rule, and layerwise-fix fixes the file', () => {
      commitDockerfile(BAD);
      const r = tryRepo();
      console.log(`# pre-commit try-repo, install of both hooks included: ${r.seconds.toFixed(1)} s`);
      assert.equal(r.code, 1, r.output);
      assert.match(r.output, /layerwise lint\.+Failed/);
      assert.match(r.output, /Dockerfile:2:5 warning apt-lists-not-removed /);
      assert.match(r.output, /layerwise fix\.+Failed[^]*files were modified by this hook/);
      assert.equal(
        fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8'),
        'FROM debian:bookworm-slim\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && apt-get install -y python3 && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
      );
    });

    it('passes both hooks on the Dockerfile layerwise-fix left (only infos and hints remain)', () => {
      git(['add', 'Dockerfile'], project);
      const r = tryRepo();
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /layerwise lint\.+Passed/);
      assert.match(r.output, /layerwise fix\.+Passed/);
    });
  });
});
