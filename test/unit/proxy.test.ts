// Which requests go through a proxy: VS Code's http.proxy over HTTPS_PROXY,
// NO_PROXY and http.noProxy as curl and Go read them, loopback never; and the
// editor's `http` section read without repeating a value that may hold a password.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readProxySettings } from '../../server/src/engine/toolSettings';
import { defaultProxySettings, proxyFor, proxyShown, type ProxySettings } from '../../server/src/lookup/proxy';

const settings = (over: Partial<ProxySettings> = {}): ProxySettings => ({ ...defaultProxySettings(), ...over });
const at = (url: string, s: ProxySettings, env: NodeJS.ProcessEnv) => proxyFor(new URL(url), s, env);

describe('which proxy a lookup goes through', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:3128' };

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, the lower-case names first', () => {
    assert.equal(at('https://ghcr.io/v2/', settings(), env), 'http://proxy.corp:3128');
    assert.equal(at('http://registry.lan:5000/v2/', settings(), env), 'http://plain.corp:3128');
    assert.equal(at('https://ghcr.io/v2/', settings(), { ...env, https_proxy: 'http://lower:1' }), 'http://lower:1');
    assert.equal(at('https://ghcr.io/v2/', settings(), { https_proxy: '', HTTPS_PROXY: 'http://upper:1' }), 'http://upper:1', 'an empty one is not set');
    assert.equal(at('https://ghcr.io/v2/', settings(), {}), null);
  });

  it('prefers VS Code\'s http.proxy, for both schemes', () => {
    const s = settings({ url: 'http://user:pw@editor.corp:8080' });
    assert.equal(at('https://ghcr.io/v2/', s, env), 'http://user:pw@editor.corp:8080');
    assert.equal(at('http://registry.lan/v2/', s, {}), 'http://user:pw@editor.corp:8080');
  });

  it('never proxies loopback', () => {
    for (const url of ['https://127.0.0.1:5000/v2/', 'https://localhost:5000/v2/', 'https://[::1]:5000/v2/', 'https://127.1.2.3/v2/']) {
      assert.equal(at(url, settings(), env), null, url);
    }
  });

  const bypassed: Array<[string, string, boolean]> = [
    ['*', 'https://ghcr.io/v2/', true],
    ['ghcr.io', 'https://ghcr.io/v2/', true],
    ['ghcr.io', 'https://pkg.ghcr.io/v2/', true],
    ['ghcr.io', 'https://notghcr.io/v2/', false],
    ['.corp.example', 'https://registry.corp.example/v2/', true],
    ['*.corp.example', 'https://registry.corp.example/v2/', true],
    ['registry.lan:5000', 'https://registry.lan:5000/v2/', true],
    ['registry.lan:5000', 'https://registry.lan/v2/', false],
    ['GHCR.IO, quay.io', 'https://quay.io/v2/', true],
    ['10.0.0.7', 'https://10.0.0.7/v2/', true],
  ];
  for (const [noProxy, url, direct] of bypassed) {
    it(`NO_PROXY='${noProxy}' ${direct ? 'sends' : 'does not send'} ${new URL(url).host} directly`, () => {
      assert.equal(at(url, settings(), { ...env, NO_PROXY: noProxy }) === null, direct);
      assert.equal(at(url, settings({ noProxy: noProxy.split(/,\s*/) }), env) === null, direct, 'http.noProxy the same');
    });
  }

  it('shows a proxy without its credentials', () => {
    assert.equal(proxyShown('http://user:secret@proxy.corp:3128/'), 'http://proxy.corp:3128');
    assert.equal(proxyShown('not a url with secret'), 'the proxy setting');
  });
});

describe('VS Code\'s http section', () => {
  it('reads http.proxy, http.proxyStrictSSL and http.noProxy', () => {
    assert.deepEqual(readProxySettings({ proxy: ' http://proxy.corp:3128 ', proxyStrictSSL: false, noProxy: ['ghcr.io'], proxySupport: 'override' }), {
      settings: { proxy: { url: 'http://proxy.corp:3128', strictSSL: false, noProxy: ['ghcr.io'] } },
      problems: [],
    });
    assert.deepEqual(readProxySettings(null).settings, { proxy: defaultProxySettings() }, 'an editor without the section');
    assert.deepEqual(readProxySettings({ proxy: '' }).settings, { proxy: defaultProxySettings() }, 'VS Code\'s empty default');
  });

  it('says a bad value is wrong without repeating it', () => {
    const read = readProxySettings({ proxy: { secret: 'hunter2' }, noProxy: 'ghcr.io' });
    assert.deepEqual(read.problems, ["'http.proxy' should be a URL", "'http.noProxy' should be a list of strings"]);
    assert.ok(!read.problems.join(' ').includes('hunter2'));
  });
});
