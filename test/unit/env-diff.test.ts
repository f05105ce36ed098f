// Capture environment changes, the pure half: `env` output read, compared, and
// written back as ENV lines where the stage needs them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffEnv, envLines, insertEnvLines, parseEnv, profileOnly } from '../../server/src/container/envDiff';

describe('env output', () => {
  it('reads NAME=value lines, a value with a newline included', () => {
    const env = parseEnv('PATH=/usr/bin:/bin\nMULTI=one\ntwo\nEMPTY=\nHOME=/root\n');
    assert.deepEqual([...env], [['PATH', '/usr/bin:/bin'], ['MULTI', 'one\ntwo'], ['EMPTY', ''], ['HOME', '/root']]);
  });

  it('compares two environments by name, leaving out what every container sets for itself', () => {
    const before = parseEnv('HOSTNAME=a1\nPATH=/bin\nGONE=x\nSAME=1\n');
    const after = parseEnv('HOSTNAME=b2\nPATH=/opt/conda/bin:/bin\nNEW=y\nSAME=1\nSHLVL=1\n_=/usr/bin/env\n');
    assert.deepEqual(diffEnv(before, after), [
      { name: 'GONE', before: 'x', after: null },
      { name: 'NEW', before: null, after: 'y' },
      { name: 'PATH', before: '/bin', after: '/opt/conda/bin:/bin' },
    ]);
  });

  it("keeps apart what a login shell adds in the image and not already in the base's login shell", () => {
    const basePlain = parseEnv('PATH=/bin\n');
    const baseLogin = parseEnv('PATH=/bin\nDEBIAN_PROFILE=1\n');
    const plain = parseEnv('PATH=/bin\nSET_BY_ENV=1\n');
    const login = parseEnv('PATH=/bin\nSET_BY_ENV=1\nDEBIAN_PROFILE=1\nMINE=2\nPWD=/\n');
    assert.deepEqual(profileOnly(plain, login, basePlain, baseLogin), [{ name: 'MINE', before: null, after: '2' }]);
  });
});

describe('ENV lines', () => {
  it('quote the value so that ENV keeps it as it is', () => {
    assert.deepEqual(envLines([{ name: 'A', value: 'plain' }, { name: 'B', value: 'has "quotes", $HOME and \\' }]), ['ENV A="plain"', 'ENV B="has \\"quotes\\", \\$HOME and \\\\"']);
  });

  it("go before the stage's CMD, or at its end", () => {
    assert.equal(insertEnvLines('FROM x\nRUN a\nCMD ["b"]\n', ['ENV A="1"']), 'FROM x\nRUN a\nENV A="1"\nCMD ["b"]\n');
    assert.equal(insertEnvLines('FROM x\nRUN a\n', ['ENV A="1"', 'ENV B="2"']), 'FROM x\nRUN a\nENV A="1"\nENV B="2"\n');
    assert.equal(insertEnvLines('FROM x AS one\nRUN a\nFROM one\nRUN b\n', ['ENV A="1"'], 'one'), 'FROM x AS one\nRUN a\nENV A="1"\nFROM one\nRUN b\n');
  });
});
