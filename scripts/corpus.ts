// Sweeps a corpus of real Dockerfiles: every file is linted and fixed, nothing
// may throw, every fixed text must lint without new parse problems, keystrokes
// linted as the language server lints them must find what a fresh lint finds,
// and the number of findings per rule is printed for reading samples by hand.
// Every safe fix is also applied on its own and held to what a safe fix
// promises (scripts/safeFixChecks.ts): it parses, it adds no finding, it
// touches only its own instructions, a version it moves leaves no copy behind;
// and fix-all leaves no safe finding and a second fix-all changes nothing.
// Usage: npm run test:corpus -- DIR [--samples RULE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { expandPaths } from '../server/src/cli/files';
import { fixUntilStable } from '../server/src/engine/fix';
import { looksBinary } from '../server/src/engine/input';
import { lint, type LintResult } from '../server/src/engine/lint';
import { buildModel } from '../server/src/model/build';
import { updateModel } from '../server/src/model/incremental';
import { positionAt } from '../server/src/model/lines';
import { detachAst } from '../server/src/model/moved';
import { rules } from '../server/src/rules';
import { seededRandom } from '../test/support/seededRandom';
import { fixAllProblems, safeFixProblems } from './safeFixChecks';

const args = process.argv.slice(2);
const sampleRule = args.includes('--samples') ? args[args.indexOf('--samples') + 1] : null;
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--samples');
if (dirs.length === 0) {
  console.error('usage: npm run test:corpus -- DIR [--samples RULE]');
  process.exit(2);
}

/** What a user types: words, versions, line breaks, continuations, pragmas, new instructions. */
const TYPED = ['x', ' ', '\n', '==1.0', ' \\\n  ', '# ', '|', '"', '$V', 'RUN pip install a\n', 'apt-get install b ', 'ARG V=1\n', 'ENV DEBIAN_FRONTEND=noninteractive\n', 'FROM x AS y\n', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', '# layerwise-ignore=pipe-without-pipefail\n', 'wget https://example.org/t-1.2.tar.gz '];

const shape = (r: LintResult) => JSON.stringify(r.findings.map((f) => [f.rule, f.severity, f.message, f.span, f.fixes]));

/**
 * Keystrokes at random places, each model built from the one before and
 * linted as the language server does (keeping what the previous lint found):
 * the first keystroke whose findings differ from a fresh lint's, or null.
 */
function editedLikeTheServer(text: string, keystrokes: number): string | null {
  const next = seededRandom(text.length);
  let model = detachAst(buildModel(text));
  lint(model);
  for (let i = 0; i < keystrokes; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const end = Math.min(text.length, at + (next() < 0.3 ? Math.floor(next() * 6) : 0));
    const typed = next() < 0.8 ? TYPED[Math.floor(next() * TYPED.length)] : '';
    text = text.slice(0, at) + typed + text.slice(end);
    const result = lint(updateModel(model, text, { start: at, oldEnd: end }));
    if (shape(result) !== shape(lint(text))) return `keystroke ${i} (${JSON.stringify(typed)} at ${at}, ${end - at} deleted)`;
    model = result.model;
  }
  return null;
}

const counts = new Map<string, number>(rules.map((r) => [r.meta.id, 0]));
const problems: string[] = [];
let files = 0;
const { files: paths, errors } = expandPaths(dirs);
problems.push(...errors);
for (const file of paths) {
  const bytes = fs.readFileSync(file);
  if (looksBinary(bytes)) continue;
  const text = bytes.toString('utf8');
  files++;
  try {
    const result = lint(text);
    for (const f of result.failures) problems.push(`${file}: rule ${f.rule} threw: ${f.error.message}`);
    for (const f of result.findings) {
      counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
      if (f.rule === sampleRule) {
        const p = positionAt(result.model.lineStarts, f.span.start);
        console.log(`${path.relative(process.cwd(), file)}:${p.line + 1}:${p.character + 1} ${f.message}\n    ${text.slice(f.span.start, f.span.end).split('\n')[0]}`);
      }
    }
    const fixed = fixUntilStable(text, (t) => lint(t).findings, 'safe').text;
    const before = new Set(validate(text).map((d) => d.message));
    const worse = validate(fixed).filter((d) => !before.has(d.message));
    if (worse.length > 0) problems.push(`${file}: the fixed text parses worse: ${worse.map((d) => d.message).join('; ')}`);
    for (const p of [...safeFixProblems(result), ...fixAllProblems(fixed)]) problems.push(`${file}: ${p}`);
    const differs = editedLikeTheServer(text, 60);
    if (differs) problems.push(`${file}: linted as the language server lints an edit, ${differs} finds other than a fresh lint`);
  } catch (e) {
    problems.push(`${file}: crashed: ${(e as Error).stack}`);
  }
}

console.log(`Linted ${files} Dockerfiles.`);
console.log('Findings per rule:');
for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${String(n).padStart(5)}  ${id}`);
for (const p of problems) console.error(`problem: ${p}`);
console.log(`${files - new Set(problems.map((p) => p.split(':')[0])).size} passed, ${new Set(problems.map((p) => p.split(':')[0])).size} failed`);
process.exitCode = problems.length > 0 || files === 0 ? 1 : 0;
