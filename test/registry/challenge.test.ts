import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenges } from '../../server/src/registry/challenge';

const cases: [string, string, ReturnType<typeof parseChallenges>][] = [
  ['Docker Hub', 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"', [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/python:pull' } }]],
  ['GHCR', 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:astral-sh/uv:pull"', [{ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:astral-sh/uv:pull' } }]],
  ['docker-registry with htpasswd', 'Basic realm="layerwise-test"', [{ scheme: 'basic', params: { realm: 'layerwise-test' } }]],
  ['scheme in another case, spaces around =', 'BEARER  realm = "https://r/t" , service=svc', [{ scheme: 'bearer', params: { realm: 'https://r/t', service: 'svc' } }]],
  ['escaped quote and comma inside a value', 'Bearer realm="https://r/t",error="insufficient_scope",error_description="a \\"b\\", c"', [{ scheme: 'bearer', params: { realm: 'https://r/t', error: 'insufficient_scope', error_description: 'a "b", c' } }]],
  ['two challenges in one header', 'Basic realm="x", Bearer realm="https://r/t",service="s"', [{ scheme: 'basic', params: { realm: 'x' } }, { scheme: 'bearer', params: { realm: 'https://r/t', service: 's' } }]],
  ['a token68 challenge before another', 'Negotiate abc123==, Basic realm="x"', [{ scheme: 'negotiate', params: {} }, { scheme: 'basic', params: { realm: 'x' } }]],
  ['empty', '', []],
  ['an unterminated quote keeps what it read', 'Bearer realm="https://r/t', [{ scheme: 'bearer', params: { realm: 'https://r/t' } }]],
  ['garbage before a challenge', '"??", Basic realm="x"', [{ scheme: 'basic', params: { realm: 'x' } }]],
];

for (const [name, header, expected] of cases) {
  test(`WWW-Authenticate: ${name}`, () => assert.deepEqual(parseChallenges(header), expected));
}
