// Safe fixes keep the image: the original and the fixed Dockerfile are built by
// a real engine, and their files (apart from package lists and caches), ENV,
// CMD, ENTRYPOINT, USER and WORKDIR must match, while the fixed image is smaller.
// A fix in ONBUILD triggers is compared in the images built FROM each, where
// the triggers run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fixUntilStable } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { docker, withDocker } from '../support/docker';
import { pythonImage, uniqueTag } from '../support/images';

/** What a cleanup may remove: package lists, caches, logs of the package manager, temporary folders. */
const CACHES = /^\/(var\/lib\/apt\/lists|var\/cache|var\/log|tmp|var\/tmp|root\/\.cache)(\/|$)/;

const images: string[] = [];
const dirs: string[] = [];
after(() => {
  if (images.length) docker(['image', 'rm', '-f', ...images]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function build(text: string, tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-build-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  // The host network reaches the Debian archive; this machine has no bridge.
  const r = docker(['build', '--network', 'host', '--force-rm', '-q', '-t', tag, dir]);
  assert.equal(r.code, 0, `docker build failed:\n${r.stderr}\n${text}`);
  images.push(tag);
  return tag;
}

/** Files under CACHES that the image is meant to ship (the archives of `apt-get install --download-only`) are compared too. */
function files(image: string, keep?: RegExp): Map<string, string> {
  const r = docker(['run', '--rm', '--network', 'none', '--entrypoint', 'find', image, '/', '-xdev', '(', '-path', '/proc', '-o', '-path', '/sys', '-o', '-path', '/dev', ')', '-prune', '-o', '-printf', '%p\t%y %s %m %l\n']);
  assert.equal(r.code, 0, r.stderr);
  const out = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const [p, facts] = line.split('\t');
    if (p && (!CACHES.test(p) || keep?.test(p))) out.set(p, facts);
  }
  return out;
}

function config(image: string) {
  const r = docker(['image', 'inspect', '--format', '{{json .Config.Env}}|{{json .Config.Cmd}}|{{json .Config.Entrypoint}}|{{.Config.User}}|{{.Config.WorkingDir}}|{{.Size}}', image]);
  assert.equal(r.code, 0, r.stderr);
  const [env, cmd, entrypoint, user, workdir, size] = r.stdout.trim().split('|');
  return { facts: { env, cmd, entrypoint, user, workdir }, size: Number(size) };
}

/** `removes`: files outside CACHES that the fix says it removes (a build folder at `/`), gone from the fixed image. */
function assertSameImage(before: string, after: string, keep?: RegExp, removes?: RegExp): void {
  assert.deepEqual(config(after).facts, config(before).facts);
  const a = files(before, keep);
  const b = files(after, keep);
  if (keep) assert.ok([...a.keys()].some((p) => keep.test(p)), 'the original ships the files it is meant to keep');
  if (removes) {
    assert.ok([...a.keys()].some((p) => removes.test(p)), 'the original holds the files the fix removes');
    assert.deepEqual([...b.keys()].filter((p) => removes.test(p)), [], 'the fixed image lacks them');
    for (const p of [...a.keys()].filter((k) => removes.test(k))) a.delete(p);
  }
  const differ = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p));
  assert.deepEqual(differ.slice(0, 20), [], 'files that differ between the original and the fixed image');
}

const cases: Array<{ name: string; rule: string; text: string; smaller?: false; keep?: RegExp; removes?: RegExp; triggers?: true }> = [
  {
    name: 'apt-lists-not-removed: the lists go, the installed files stay',
    rule: 'apt-lists-not-removed',
    text: 'FROM debian:bookworm-slim\nRUN apt-get update \\\n      && apt-get install -y --no-install-recommends \\\n           tree\nCMD ["/bin/bash"]\n',
  },
  {
    name: "cleanup-in-separate-layer: the lesson's Dockerfile.2, moved into the installing RUN",
    rule: 'cleanup-in-separate-layer',
    text: 'FROM debian:bookworm-slim\n\nRUN apt-get update \\\n      && apt-get install -y --no-install-recommends \\\n           tree\n\nRUN apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*\n',
  },
  {
    name: 'version-not-in-arg: the default build installs and downloads the same versions',
    rule: 'version-not-in-arg',
    text:
      'FROM debian:bookworm-slim\nADD http://deb.debian.org/debian/pool/main/t/tree/tree_2.1.0-1_amd64.deb /opt/\n' +
      'RUN apt-get update \\\n      && apt-get install -y --no-install-recommends tree=2.1.0-1 \\\n      && rm -rf /var/lib/apt/lists/*\n',
    // Only build arguments change, so the image is the same size.
    smaller: false,
  },
  {
    name: 'apt-lists-not-removed after install --download-only: the downloaded packages, the point of the RUN, stay',
    rule: 'apt-lists-not-removed',
    text: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends --download-only tree\n',
    keep: /^\/var\/cache\/apt\/archives\/[^/]+\.deb$/,
  },
  {
    name: 'apt-lists-not-removed on a RUN that ends in a subshell: the cleanup runs after it',
    rule: 'apt-lists-not-removed',
    text: 'FROM debian:bookworm-slim\nRUN apt-get update && (cd /opt && apt-get install -y --no-install-recommends tree && touch made-here)\n',
  },
  {
    name: 'apt-lists-not-removed on an update in the then branch of an if with an else: the cleanup runs after fi, so the lists go',
    rule: 'apt-lists-not-removed',
    text:
      'FROM debian:bookworm-slim\nRUN if [ -e /etc/debian_version ]; then \\\n        apt-get update && apt-get install -y --no-install-recommends tree; \\\n' +
      '    else \\\n        echo none; \\\n    fi\n',
  },
  {
    name: 'consecutive-runs-same-component: a one-line RUN merged with a multi-line one',
    rule: 'consecutive-runs-same-component',
    text:
      'FROM debian:bookworm-slim\nRUN mkdir -p /opt/app\nRUN cd /opt/app \\\n    && touch a \\\n    && ln -s a b\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends tree && rm -rf /var/lib/apt/lists/*\n',
    smaller: false,
  },
  {
    name: 'apt-lists-not-removed where a later RUN updates the lists again before the RUN that installs from them',
    rule: 'apt-lists-not-removed',
    // The ENVs keep consecutive-runs-same-component from merging the RUNs, so the fix is this rule's alone.
    text:
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tree\nENV STEP=2\n' +
      'RUN apt-get update\nENV STEP=3\nRUN apt-get install -y --no-install-recommends less\n',
  },
  {
    name: 'build-folder-not-removed through ONBUILD WORKDIR: the image built FROM it keeps what make install put in place, not the tree',
    rule: 'build-folder-not-removed',
    // A `make` of the test's own stands in for a real one, which the slim image lacks: it installs hello.sh.
    text:
      "FROM debian:bookworm-slim\nRUN printf '#!/bin/sh\\n[ \"$1\" = install ] && cp hello.sh /usr/local/bin/hello\\n' > /usr/local/bin/make && chmod +x /usr/local/bin/make\n" +
      'ONBUILD WORKDIR /tmp/build\nONBUILD RUN head -c 200000 /dev/zero > objects.o && echo "echo hello" > hello.sh && make install\nONBUILD WORKDIR /\n',
    triggers: true,
  },
  {
    name: 'build-folder-not-removed on a source tree unpacked from an archive in /tmp: the tree goes, what make install put in place stays',
    rule: 'build-folder-not-removed',
    // The archive is made in the image, as the test has no network to fetch one; `make` is the test's own, as above.
    // Made byte for byte the same in every build (no time in tar's headers or gzip's), since the engine may build
    // this RUN again for the fixed Dockerfile rather than take it from its cache, and the archive's size is compared.
    text:
      "FROM debian:bookworm-slim\nRUN printf '#!/bin/sh\\n[ \"$1\" = install ] && cp hello.sh /usr/local/bin/hello\\n' > /usr/local/bin/make && chmod +x /usr/local/bin/make\n" +
      'RUN mkdir -p /src/tool-1.0 && echo "echo hello" > /src/tool-1.0/hello.sh && tar --mtime=@0 -cf /src/tool-1.0.tar -C /src tool-1.0 && gzip -n /src/tool-1.0.tar && rm -r /src/tool-1.0\n' +
      'RUN cd /tmp && tar xzf /src/tool-1.0.tar.gz && cd tool-1.0 && head -c 200000 /dev/urandom > objects.o && make install\n',
  },
  {
    name: "build-folder-not-removed on folders whose names the shell would split or run ('/tmp/my build', WORKDIR /tmp/a&b): the fix's rm names each as one path, and both go",
    rule: 'build-folder-not-removed',
    text:
      "FROM debian:bookworm-slim\nRUN printf '#!/bin/sh\\n[ \"$1\" = install ] && cp hello.sh /usr/local/bin/hello\\n' > /usr/local/bin/make && chmod +x /usr/local/bin/make\n" +
      'RUN cd /tmp && mkdir "my build" && cd "my build" && echo "echo hello" > hello.sh && head -c 200000 /dev/urandom > objects.o && make install\n' +
      'WORKDIR /tmp/a&b\nRUN echo "echo hi" > hello.sh && head -c 200000 /dev/urandom > objects.o && make install\nWORKDIR /\n',
  },
  {
    name: "build-folder-not-removed on a relative mkdir in an image that sets no WORKDIR (slurm's json-c): /json-c-build goes, nothing else",
    rule: 'build-folder-not-removed',
    text:
      "FROM debian:bookworm-slim\nRUN printf '#!/bin/sh\\n[ \"$1\" = install ] && cp ../json-c/hello.sh /usr/local/bin/hello\\n' > /usr/local/bin/make && chmod +x /usr/local/bin/make\n" +
      'RUN mkdir json-c && echo "echo hello" > json-c/hello.sh && mkdir json-c-build && cd json-c-build && head -c 200000 /dev/urandom > objects.o && make install && cd .. && rm -rf json-c\n',
    removes: /^\/json-c-build(\/|$)/,
  },
];

/** The image a case's text makes: for ONBUILD triggers, the one built FROM it, where they run. */
function buildCase(text: string, tag: string, triggers?: true): string {
  const image = build(text, tag);
  return triggers ? build(`FROM ${image}\n`, `${tag}-child`) : image;
}

withDocker(() => {
  describe('safe fixes, built by a real Docker engine', () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = lint(c.text).findings;
        assert.ok(findings.some((f) => f.rule === c.rule), `${c.rule} fires on the original`);
        const fixed = fixUntilStable(c.text, (t) => lint(t).findings, 'safe').text;
        assert.notEqual(fixed, c.text);
        const before = buildCase(c.text, uniqueTag(`${c.rule}-before`), c.triggers);
        const after = buildCase(fixed, uniqueTag(`${c.rule}-after`), c.triggers);
        assertSameImage(before, after, c.keep, c.removes);
        if (c.smaller !== false) assert.ok(config(after).size < config(before).size, 'the fixed image is smaller');
      });
    }

    // The default build must cut `${TOOL_VERSION%.*}` to what was written, in Debian's /bin/sh (dash): the URL
    // lands in a file whose size, and the folder whose name, the two images must share.
    it('version-not-in-arg: a version the RUN also writes cut short (files/v1.2/ of 1.2.3) is cut from the ARG by the shell', () => {
      const text =
        `FROM ${pythonImage()}\nRUN python3 -c 'import sys; open("/opt/url", "w").write(sys.argv[1])' https://example.org/files/v1.2/tool-1.2.3.tar.gz \\\n` +
        ' && mkdir -p /opt/tool-1.2 && touch /opt/tool-1.2/tool-1.2.3\n';
      const fixed = fixUntilStable(text, (t) => lint(t).findings, 'safe').text;
      assert.match(fixed, /files\/v\$\{TOOL_VERSION%\.\*\}\/tool-\$\{TOOL_VERSION\}\.tar\.gz/);
      assert.match(fixed, /\/opt\/tool-\$\{TOOL_VERSION%\.\*\}\/tool-\$TOOL_VERSION\n/);
      assertSameImage(build(text, uniqueTag('version-cut-before')), build(fixed, uniqueTag('version-cut-after')));
    });

    // A fix withheld, and why: removing the lists after the first RUN would break the second, whose apt looks the
    // package up by name (it is not installed). Found on the corpus (rocm-mpich-base).
    it('apt-lists-not-removed offers no fix while a later RUN removes a package by name, which needs the lists', () => {
      const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tree\nRUN apt-get -y remove --purge cmake && tree -L 1 /opt\n';
      const finding = lint(text).findings.find((f) => f.rule === 'apt-lists-not-removed');
      assert.ok(finding, 'the lists are still reported');
      assert.deepEqual(finding.fixes.filter((f) => f.safety === 'safe'), []);
      build(text, uniqueTag('apt-lists-remove-before'));
      // Fix-all merges the two RUNs first (consecutive-runs-same-component), and then removes the lists after both.
      const fixed = fixUntilStable(text, (t) => lint(t).findings, 'safe').text;
      assert.ok(fixed.indexOf('rm -rf /var/lib/apt/lists') > fixed.indexOf('remove --purge cmake'), fixed);
      build(fixed, uniqueTag('apt-lists-remove-fixed'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-build-'));
      dirs.push(dir);
      // Labelled, so that the layers of the steps before the failing one, which no tag holds, can be removed after.
      const label = 'org.layerwise.test=apt-lists-removed-by-hand';
      fs.writeFileSync(path.join(dir, 'Dockerfile'), text.replace('tree\n', 'tree && rm -rf /var/lib/apt/lists/*\n').replace('\n', `\nLABEL ${label}\n`));
      const broken = docker(['build', '--network', 'host', '--force-rm', '-q', dir]);
      docker(['image', 'prune', '-f', '--filter', `label=${label}`]);
      assert.notEqual(broken.code, 0, 'with the lists removed, the later RUN fails');
      assert.match(broken.stderr, /Unable to locate package cmake/);
    });
  });
});
