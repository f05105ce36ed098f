import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalName, formatImageReference, imageReferenceProblem, parseImageReference } from '../../server/src/container/imageReference';

const SHA = `sha256:${'a'.repeat(64)}`;

describe('image references, read as docker reads them', () => {
  const cases: Array<[string, { registry: string; repository: string; tag: string | null; digest: string | null; familiarName: string }]> = [
    ['python', { registry: 'docker.io', repository: 'library/python', tag: null, digest: null, familiarName: 'python' }],
    ['python:3.12-slim', { registry: 'docker.io', repository: 'library/python', tag: '3.12-slim', digest: null, familiarName: 'python' }],
    ['continuumio/miniconda3:4.12.0', { registry: 'docker.io', repository: 'continuumio/miniconda3', tag: '4.12.0', digest: null, familiarName: 'continuumio/miniconda3' }],
    ['docker.io/library/debian:bookworm-slim', { registry: 'docker.io', repository: 'library/debian', tag: 'bookworm-slim', digest: null, familiarName: 'debian' }],
    ['index.docker.io/library/debian', { registry: 'docker.io', repository: 'library/debian', tag: null, digest: null, familiarName: 'debian' }],
    ['localhost:5000/tools/img:1.0', { registry: 'localhost:5000', repository: 'tools/img', tag: '1.0', digest: null, familiarName: 'localhost:5000/tools/img' }],
    ['localhost/img', { registry: 'localhost', repository: 'img', tag: null, digest: null, familiarName: 'localhost/img' }],
    ['127.0.0.1:5000/img@' + SHA, { registry: '127.0.0.1:5000', repository: 'img', tag: null, digest: SHA, familiarName: '127.0.0.1:5000/img' }],
    ['ghcr.io/astral-sh/uv:0.4.0@' + SHA, { registry: 'ghcr.io', repository: 'astral-sh/uv', tag: '0.4.0', digest: SHA, familiarName: 'ghcr.io/astral-sh/uv' }],
    ['nvidia/cuda:12.2.0-devel-ubuntu22.04', { registry: 'docker.io', repository: 'nvidia/cuda', tag: '12.2.0-devel-ubuntu22.04', digest: null, familiarName: 'nvidia/cuda' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${text}`, () => {
      const ref = parseImageReference(text);
      assert.ok(ref, imageReferenceProblem(text) ?? '');
      assert.deepEqual({ registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest, familiarName: ref.familiarName }, expected);
    });
  }

  it('takes a first component with a port, a dot, localhost or capitals as the registry, and anything else as a path', () => {
    assert.equal(parseImageReference('user/img')?.registry, 'docker.io');
    assert.equal(parseImageReference('Registry/img')?.registry, 'Registry');
    assert.equal(parseImageReference('my.registry/img')?.registryWritten, true);
    assert.equal(parseImageReference('user/img')?.registryWritten, false);
  });

  it('writes a pinned reference back with the name as the user spelled it, keeping the tag', () => {
    const ref = parseImageReference('docker.io/library/debian:bookworm-slim')!;
    assert.equal(formatImageReference({ ...ref, digest: SHA }), `docker.io/library/debian:bookworm-slim@${SHA}`);
    const bare = parseImageReference('debian')!;
    assert.equal(formatImageReference(bare), 'debian');
    assert.equal(canonicalName(bare), 'docker.io/library/debian');
  });

  it('says why docker would refuse a reference, and never throws', () => {
    for (const [text, reason] of [
      ['', /empty/],
      ['Python:3', /lower case/],
      ['python:3@sha256:abc', /not a digest/],
      ['python:3@sha256:' + 'A'.repeat(64), /sha256 digest/],
      ['python:-bad', /not a valid tag/],
      ['localhost:port/img', /port number/],
      ['a//b', /repository name component/],
      ['py thon', /white space/],
      ['ghcr.io/', /no repository after the registry/],
    ] as const) {
      assert.equal(parseImageReference(text), null, text);
      assert.match(imageReferenceProblem(text) ?? '', reason, text);
    }
  });
});
