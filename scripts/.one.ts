import * as fs from 'node:fs';
import { lint } from '../server/src/engine/lint';
import { applyEdits } from '../server/src/engine/fix';
import { createTwoFilesPatch } from 'diff';
const [file, line, rule] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const r = lint(text);
for (const f of r.findings) {
  const l = text.slice(0, f.span.start).split('\n').length;
  if ((line === '*' || l === +line) && (!rule || f.rule === rule)) {
    console.log(l, f.rule, f.message);
    const fix = f.fixes[0];
    if (fix) console.log(createTwoFilesPatch('a', 'b', text, applyEdits(text, fix.edits), '', '', { context: 2 }));
  }
}
