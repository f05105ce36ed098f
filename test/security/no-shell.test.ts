// No user text passes through a shell. The source of the extension, the
// server and the scripts is scanned: no exec()/execSync() (they run a shell
// string), no `shell: true`, and child_process in client/ and server/ only in
// the container module and the credential helpers' reader, through argument arrays.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNED = ['client', 'server', 'scripts'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...sources(full));
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const files = SCANNED.flatMap((d) => sources(path.join(ROOT, d))).map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
const CHILD_PROCESS = /\bfrom\s+['"](?:node:)?child_process['"]|require\(\s*['"](?:node:)?child_process['"]\s*\)/;

/** Lines that match, as `file:line: text`. */
function matches(pattern: RegExp, among = files): string[] {
  return among.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('no shell', () => {
  it('scans a real source tree', () => {
    assert.ok(files.some((f) => f.file === path.join('server', 'src', 'lsp', 'server.ts')));
    assert.ok(files.length > 30);
  });

  it('has no exec( call that is not a RegExp match, and no execSync(', () => {
    // `.exec(` on a RegExp is fine; a bare exec( is child_process.exec imported by name.
    assert.deepEqual(matches(/(?<![.\w])exec\(|\bexecSync\(/), []);
  });

  it('has no shell: true where a process is started', () => {
    // Only a file that imports child_process can hand spawn a shell; elsewhere `shell:` is a rule's own word.
    assert.deepEqual(matches(/\bshell\s*:\s*(?!false\b)/, files.filter((f) => CHILD_PROCESS.test(f.text))), []);
  });

  it('calls no .exec( at all in a file that uses child_process', () => {
    assert.deepEqual(matches(/\.exec\s*\(/, files.filter((f) => CHILD_PROCESS.test(f.text))), []);
  });

  it('starts processes from the extension and the language server only in the modules made for it', () => {
    // The container module (the container CLI, and docker save's stream into mksquashfs) and docker's credential
    // helpers (credentials.ts), each with an argument array.
    const allowed = (f: string) => f.startsWith(path.join('server', 'src', 'container') + path.sep) || f === path.join('server', 'src', 'registry', 'credentials.ts');
    const starters = files.filter((f) => /^(client|server)[\\/]/.test(f.file) && CHILD_PROCESS.test(f.text)).map((f) => f.file);
    assert.ok(starters.length >= 2, 'the container module and the credential helpers start processes');
    assert.deepEqual(starters.filter((f) => !allowed(f)), []);
  });
});
