// Sweeps a corpus of real Dockerfiles: every file is linted and fixed, nothing
// may throw, every fixed text must lint without new parse problems, and the
// number of findings per rule is printed for reading samples by hand.
// Usage: npm run test:corpus -- DIR [--samples RULE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { expandPaths } from '../server/src/cli/files';
import { fixUntilStable } from '../server/src/engine/fix';
import { looksBinary } from '../server/src/engine/input';
import { lint } from '../server/src/engine/lint';
import { positionAt } from '../server/src/model/lines';
import { rules } from '../server/src/rules';

const args = process.argv.slice(2);
const sampleRule = args.includes('--samples') ? args[args.indexOf('--samples') + 1] : null;
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--samples');
if (dirs.length === 0) {
  console.error('usage: npm run test:corpus -- DIR [--samples RULE]');
  process.exit(2);
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
