// Layerwise as a pre-commit hook, installed the way pre-commit installs it:
// Debian's pre-commit (3.0.4) clones this repository (the checkout as it
// stands), runs npm install, whose `prepare` builds dist/, then npm pack and
// npm install -g, and runs the hooks on the project's files, on the machine's
// node (language_version system, pre-commit's default where node and npm are
// on PATH). test/install/pre-commit-clean.test.ts runs them on a clean file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withEditor } from '../support/editors';
import { PreCommitSandbox } from '../support/preCommit';

withEditor('pre-commit', 'pre-commit', (version) => {
  describe(`${version}: try-repo with this repository as the hook source, on a Dockerfile with a warning`, () => {
    let box: PreCommitSandbox;
    before(() => (box = PreCommitSandbox.create()));
    after(() => box.remove());

    it('fails the layerwise hook, naming the rule, and layerwise-fix applies the safe fixes to the file', () => {
      box.stageDockerfile('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\n');
      const r = box.tryRepo();
      assert.equal(r.code, 1, r.output);
      assert.match(r.output, /layerwise lint\.+Failed/);
      assert.match(r.output, /Dockerfile:2:5 warning apt-lists-not-removed /);
      assert.match(r.output, /layerwise fix\.+Failed[^]*files were modified by this hook/);
      assert.equal(box.dockerfile(), 'FROM debian:bookworm-slim\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && apt-get install -y python3 && apt-get clean && rm -rf /var/lib/apt/lists/*\n');
    });
  });
});
