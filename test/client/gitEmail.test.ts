import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { gitAuthorEmail, userEmailIn } from '../../client/src/gitEmail';

describe('the git e-mail reader finds user.email in a config text', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['as git config writes it', '[core]\n\tbare = false\n[user]\n\tname = Jane Doe\n\temail = jane@example.org\n', 'jane@example.org'],
    ['with names in any case', '[User]\n\tEMAIL = jane@example.org\n', 'jane@example.org'],
    ['quoted, with a comment after it', '[user]\n\temail = "jane@example.org" # work address\n', 'jane@example.org'],
    ['with a ; comment and no spaces', '[user]\nemail=jane@example.org;old\n', 'jane@example.org'],
    ['on the line of its section header', '[user] email = jane@example.org\n', 'jane@example.org'],
    ['the last one, as git takes it', '[user]\n\temail = old@example.org\n[user]\n\temail = new@example.org\n', 'new@example.org'],
    ['with escapes inside quotes', '[user]\n\temail = "j\\"d\\\\@example.org"\n', 'j"d\\@example.org'],
    ['continued on the next line', '[user]\n\temail = jane@\\\nexample.org\n', 'jane@example.org'],
    ['with CRLF line endings', '[user]\r\n\temail = jane@example.org\r\n', 'jane@example.org'],
    ['not in a subsection of another name', '[user "work"]\n\temail = work@example.org\n[sendemail]\n\temail = x@example.org\n', undefined],
    ['not in a commented-out line', '[user]\n#\temail = jane@example.org\n;\temail = jane@example.org\n', undefined],
    ['not as a key of another section', '[github]\n\temail = jane@example.org\n', undefined],
    ['not when empty', '[user]\n\temail =\n', undefined],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.equal(userEmailIn(text), expected));
});

describe('the git e-mail reader looks through the config files as git does', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-git-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const home = path.join(root, 'home');
  const noEnv = {};
  write(path.join(home, '.gitconfig'), '[user]\n\temail = global@example.org\n');

  it("prefers the repository's config, found from a folder inside the repository", () => {
    const repo = path.join(root, 'repo');
    write(path.join(repo, '.git', 'config'), '[core]\n\tbare = false\n[user]\n\temail = repo@example.org\n');
    fs.mkdirSync(path.join(repo, 'docker', 'app'), { recursive: true });
    assert.equal(gitAuthorEmail([path.join(repo, 'docker', 'app')], home, noEnv), 'repo@example.org');
  });

  it("reads a linked worktree's config from the main repository", () => {
    const main = path.join(root, 'main');
    write(path.join(main, '.git', 'config'), '[user]\n\temail = main@example.org\n');
    write(path.join(main, '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
    const wt = path.join(root, 'wt');
    write(path.join(wt, '.git'), `gitdir: ${path.join(main, '.git', 'worktrees', 'wt')}\n`);
    assert.equal(gitAuthorEmail([wt], home, noEnv), 'main@example.org');
  });

  it('falls back to ~/.gitconfig when the repository sets no e-mail', () => {
    const repo = path.join(root, 'plain');
    write(path.join(repo, '.git', 'config'), '[core]\n\tbare = false\n');
    assert.equal(gitAuthorEmail([repo], home, noEnv), 'global@example.org');
  });

  it('falls back to the XDG config, then to nothing', () => {
    const bare = path.join(root, 'bare-home');
    fs.mkdirSync(bare, { recursive: true });
    assert.equal(gitAuthorEmail([], bare, noEnv), undefined);
    write(path.join(bare, '.config', 'git', 'config'), '[user]\n\temail = xdg@example.org\n');
    assert.equal(gitAuthorEmail([], bare, noEnv), 'xdg@example.org');
  });

  it('honours GIT_CONFIG_GLOBAL and GIT_AUTHOR_EMAIL', () => {
    const other = path.join(root, 'other.gitconfig');
    write(other, '[user]\n\temail = other@example.org\n');
    assert.equal(gitAuthorEmail([], home, { GIT_CONFIG_GLOBAL: other }), 'other@example.org');
    assert.equal(gitAuthorEmail([], home, { GIT_AUTHOR_EMAIL: 'env@example.org' }), 'env@example.org');
  });
});
