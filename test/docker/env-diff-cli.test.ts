// `layerwise env-diff` through dist/cli.js against the real engine: a
// Dockerfile that sets one variable with ENV and one in a profile file made by
// a RUN; the diff must find exactly those, apart, and offer the profile one as
// ENV. Nothing it built may be left.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { docker, withDocker } from '../support/docker';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const dirs: string[] = [];

function layerwise(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dockerfile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-env-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  return path.join(dir, 'Dockerfile');
}

const ourImages = () => docker(['images', '-q', '--filter', 'reference=layerwise-tmp/*']).stdout.trim().split('\n').filter(Boolean).sort();

withDocker(() => {
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('layerwise env-diff', () => {
    it('finds exactly the ENV variable and, apart, the profile one; --apply adds the profile one as ENV', () => {
      const before = ourImages();
      const file = dockerfile(
        ['FROM debian:bookworm-slim', 'RUN echo "export LW_PROFILE_VAR=from-profile" > /etc/profile.d/lw.sh', 'ENV LW_ENV_VAR=from-env', 'CMD ["bash"]', ''].join('\n'),
      );
      const r = layerwise(['env-diff', '--apply', file]);
      assert.equal(r.code, 0, r.stderr);
      const [plain, rest] = r.stdout.split('Variables only a login shell sees');
      assert.equal(plain, 'Variables Dockerfile sets beyond debian:bookworm-slim (docker run sees them):\n  + LW_ENV_VAR=from-env\n');
      assert.match(rest, /^ \(bash -lc reads profile files; docker run IMAGE python and Singularity do not\):\n  \+ LW_PROFILE_VAR=from-profile\nAs ENV lines for Dockerfile:\n  ENV LW_PROFILE_VAR="from-profile"\n/);
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        ['FROM debian:bookworm-slim', 'RUN echo "export LW_PROFILE_VAR=from-profile" > /etc/profile.d/lw.sh', 'ENV LW_ENV_VAR=from-env', 'ENV LW_PROFILE_VAR="from-profile"', 'CMD ["bash"]', ''].join('\n'),
      );
      // Once applied, docker run sees it too: nothing is left to add.
      const again = layerwise(['env-diff', file]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /\+ LW_PROFILE_VAR=from-profile\n/);
      assert.match(again.stdout, /login shell sees[^\n]*\n  none\nNothing to add as ENV\.\n$/);
      assert.deepEqual(ourImages(), before, 'an image built for the diff is left');
    });

    it('compares a stage with the stage it is built FROM (--stage)', () => {
      const file = dockerfile(
        [
          'FROM debian:bookworm-slim AS base',
          'ENV LW_A=1',
          'FROM base AS tools',
          "RUN echo 'export LW_B=2' > /etc/profile.d/b.sh",
          'ENV LW_C=3',
          'FROM tools',
          'ENV LW_D=4',
          '',
        ].join('\n'),
      );
      const r = layerwise(['env-diff', '--stage', 'tools', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Variables stage tools sets beyond stage base \(docker run sees them\):\n  \+ LW_C=3\n/);
      assert.match(r.stdout, /\n  \+ LW_B=2\nAs ENV lines for stage tools:\n  ENV LW_B="2"\n$/);
    });

    it('offers CONDA_PREFIX where conda is on the PATH and the variable is not set', () => {
      const file = dockerfile(
        ['FROM debian:bookworm-slim', 'RUN mkdir -p /opt/conda/bin && printf "#!/bin/sh\\necho conda 4.8.4\\n" > /opt/conda/bin/conda && chmod +x /opt/conda/bin/conda', 'ENV PATH=/opt/conda/bin:$PATH', ''].join('\n'),
      );
      const r = layerwise(['env-diff', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /  ~ PATH=\/opt\/conda\/bin:\/usr\/local\/sbin/);
      // Debian's /etc/profile resets PATH for a login shell: shown, but never offered as an ENV.
      assert.match(r.stdout, /login shell sees[^\n]*\n  ~ PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin \(was \/opt\/conda\/bin:/);
      assert.match(r.stdout, /As ENV lines for Dockerfile:\n  ENV CONDA_PREFIX="\/opt\/conda"\n$/);
    });

    it("shows the build's error and exits 1 when the Dockerfile does not build", () => {
      const file = dockerfile('FROM debian:bookworm-slim\nRUN exit 3\n');
      const r = layerwise(['env-diff', file]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the build failed at Step 2\/2 : RUN exit 3: The command '\/bin\/sh -c exit 3' returned a non-zero code: 3/);
    });

    it('names the stages when --stage names none of them (exit 2)', () => {
      const file = dockerfile('FROM debian:bookworm-slim AS one\nFROM one AS two\n');
      const r = layerwise(['env-diff', '--stage', 'three', file]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'layerwise: the Dockerfile has no stage named three (its stages: one, two)\n');
    });
  });
});
