// No user text passes through a shell. The source of the extension, the
// server and the scripts is scanned: no exec()/execSync() (they run a shell
// string), no `shell: true`, and no child_process at all in client/ or server/,
// which start no process today (Docker commands will, through an argument array).
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

  it('has no shell: true', () => {
    assert.deepEqual(matches(/\bshell\s*:\s*(?!false\b)/), []);
  });

  it('calls no .exec( at all in a file that uses child_process', () => {
    assert.deepEqual(matches(/\.exec\s*\(/, files.filter((f) => CHILD_PROCESS.test(f.text))), []);
  });

  it('starts processes from the extension and the language server only in the modules made for it', () => {
    // The container CLI (engine.ts), docker's credential helpers (credentials.ts) and mksquashfs for Measure's SIF
    // size (imageArchive.ts), each with an argument array.
    const allowed = ['server/src/container/engine.ts', 'server/src/registry/credentials.ts', 'server/src/container/imageArchive.ts'].map((f) => path.join(...f.split('/')));
    const starters = files.filter((f) => /^(client|server)[\\/]/.test(f.file) && CHILD_PROCESS.test(f.text)).map((f) => f.file);
    assert.deepEqual(starters.filter((f) => !allowed.includes(f)), []);
  });
});
