// The pre-commit hooks pass a Dockerfile with nothing at or above a warning
// (see test/install/pre-commit.test.ts for how they are installed; each file
// installs them once, which is most of its time).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withEditor } from '../support/editors';
import { PreCommitSandbox } from '../support/preCommit';

withEditor('pre-commit', 'pre-commit', (version) => {
  describe(`${version}: try-repo with this repository as the hook source, on a clean Dockerfile`, () => {
    let box: PreCommitSandbox;
    before(() => (box = PreCommitSandbox.create()));
    after(() => box.remove());

    it('passes both hooks and leaves the file as it was', () => {
      const clean = 'FROM debian:bookworm-slim\nLABEL maintainer="team@example.org"\nENV LANG=C.UTF-8\nCMD ["bash"]\n';
      box.stageDockerfile(clean);
      const r = box.tryRepo();
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /layerwise lint\.+Passed/);
      assert.match(r.output, /layerwise fix\.+Passed/);
      assert.equal(box.dockerfile(), clean);
    });
  });
});
