// pre-commit run as a user runs it, against a temporary project and a hook
// repository that is this checkout as it stands, committed. try-repo installs
// the hooks afresh on each call (in a store of its own, whatever
// PRE_COMMIT_HOME says), so each test file makes one call: the install is
// most of its time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyWorkingTree, envWithoutNpm } from './workingTree';

const gitIdentity = { GIT_AUTHOR_NAME: 'Layerwise test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Layerwise test', GIT_COMMITTER_EMAIL: 'test@example.org' };

export interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

export class PreCommitSandbox {
  readonly hookRepo: string;
  readonly project: string;

  private constructor(readonly tmp: string) {
    this.hookRepo = path.join(tmp, 'hook-repo');
    this.project = path.join(tmp, 'project');
  }

  /** try-repo installs the hook repository's HEAD, and of local changes only those to tracked files: so the checkout, new files included, is committed into a repository of its own. */
  static create(): PreCommitSandbox {
    const box = new PreCommitSandbox(fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-pre-commit-')));
    copyWorkingTree(box.hookRepo);
    box.git(['init', '-q'], box.hookRepo);
    box.git(['add', '-A'], box.hookRepo);
    box.git(['commit', '-q', '-m', 'layerwise as it stands'], box.hookRepo);
    fs.mkdirSync(box.project);
    box.git(['init', '-q'], box.project);
    return box;
  }

  run(file: string, args: string[], cwd: string): Run {
    const env = envWithoutNpm({ ...gitIdentity, PRE_COMMIT_HOME: path.join(this.tmp, 'pre-commit-home') });
    const started = Date.now();
    const r = spawnSync(file, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, seconds: (Date.now() - started) / 1000 };
  }

  git(args: string[], cwd = this.project): void {
    const r = this.run('git', args, cwd);
    assert.equal(r.code, 0, r.output);
  }

  /** Writes and stages the project's Dockerfile: --all-files runs on the files git tracks. */
  stageDockerfile(text: string): void {
    fs.writeFileSync(path.join(this.project, 'Dockerfile'), text);
    this.git(['add', 'Dockerfile']);
  }

  dockerfile(): string {
    return fs.readFileSync(path.join(this.project, 'Dockerfile'), 'utf8');
  }

  /** `pre-commit try-repo` with every hook of the repository (layerwise, then layerwise-fix), on all files. */
  tryRepo(): Run {
    const r = this.run('pre-commit', ['try-repo', this.hookRepo, '--all-files'], this.project);
    console.log(`# pre-commit try-repo, install of both hooks included: ${r.seconds.toFixed(1)} s`);
    return r;
  }

  remove(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
