// BuildKit's `# check=` directive, read as BuildKit's directive parser and
// linter.ParseLintOptions read it: where it may stand, and what its options mean.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { NO_CHECK_DIRECTIVE, parseCheckOptions, readCheckDirective } from '../../server/src/model/checkDirective';
import { maintainerDeprecated } from '../../server/src/rules/maintainerDeprecated';

describe("BuildKit's check directive", () => {
  it('reads skip lists, skip=all and error=true, separated by semicolons', () => {
    assert.deepEqual(readCheckDirective('# check=skip=A,B\nFROM x\n'), { skip: ['A', 'B'], skipAll: false, error: false });
    assert.deepEqual(readCheckDirective('# check=skip=all\nFROM x\n'), { skip: [], skipAll: true, error: false });
    assert.deepEqual(readCheckDirective('#check = skip=A;error=true\nFROM x\n'), { skip: ['A'], skipAll: false, error: true });
    // BuildKit reads the value up to its first space: what follows is not read.
    assert.deepEqual(readCheckDirective('# check=skip=A ;error=true\nFROM x\n'), { skip: ['A'], skipAll: false, error: false });
    assert.deepEqual(readCheckDirective('# CHECK=error=1\r\nFROM x\r\n'), { skip: [], skipAll: false, error: true });
  });

  it('stands among the other directives at the top, after a BOM or a #! line', () => {
    assert.equal(readCheckDirective('# syntax=docker/dockerfile:1\n# escape=`\n# check=error=true\nFROM x\n').error, true);
    assert.equal(readCheckDirective('\ufeff#!/usr/bin/env buildctl\n# check=error=true\nFROM x\n').error, true);
  });

  it('is no directive after a blank line, a plain comment, an unknown directive or an instruction', () => {
    for (const text of ['\n# check=error=true\nFROM x\n', '# a comment\n# check=error=true\nFROM x\n', '# foo=bar\n# check=error=true\nFROM x\n', 'FROM x\n# check=error=true\n', ' # check=error=true\nFROM x\n']) {
      assert.equal(readCheckDirective(text), NO_CHECK_DIRECTIVE, JSON.stringify(text));
    }
  });

  it('only the first word of the value counts, and a value BuildKit rejects is no directive', () => {
    assert.equal(readCheckDirective('# check=error=true and more\nFROM x\n').error, true);
    assert.equal(parseCheckOptions('error=maybe'), null);
    assert.equal(parseCheckOptions('skip'), null);
    assert.equal(parseCheckOptions('unknown=1'), null);
    assert.deepEqual(parseCheckOptions('experimental=all'), { skip: [], skipAll: false, error: false });
  });

  it('turns off the findings of the checks it skips, and makes the others errors', () => {
    const rules = [maintainerDeprecated];
    assert.equal(lint('# check=skip=MaintainerDeprecated\nFROM x\nMAINTAINER me\n', { rules }).findings.length, 0);
    assert.deepEqual(lint('# check=error=true\nFROM x\nMAINTAINER me\n', { rules }).findings.map((f) => [f.severity, f.buildkit]), [['error', 'MaintainerDeprecated']]);
    // A user's severity setting gives way to the build's own: the build fails on it.
    assert.equal(lint('# check=error=true\nFROM x\nMAINTAINER me\n', { rules, settings: { rules: { 'maintainer-deprecated': 'hint' }, ignore: [], trustedRegistries: [], maxFileSize: 1e6 } }).findings[0].severity, 'error');
    // A BuildKit name in the settings' ignore list turns the rule's finding off, as a hadolint id does.
    assert.equal(lint('FROM x\nMAINTAINER me\n', { rules, settings: { rules: {}, ignore: ['MaintainerDeprecated'], trustedRegistries: [], maxFileSize: 1e6 } }).findings.length, 0);
  });
});
