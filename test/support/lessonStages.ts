// A Dockerfile dense with findings, made of the lesson's own stages: the
// bench's file for the editing latency such a file costs, and the protocol
// tests' for what a keystroke in it sends.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPaths } from '../../server/src/cli/files';

/**
 * A file dense with findings, as one made of the lesson's stages is: the short Dockerfiles of the seed
 * workshop's apt, pip and conda exercises (test/fixtures, comments left out), one after another as stages,
 * until the file has `lines` lines. About one finding in five lines, every stage with several.
 */
export function lessonStagesDockerfile(lines: number): string {
  const exercises = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');
  const files = expandPaths(['2.ubuntu', '2.pip', '2.conda'].map((d) => path.join(exercises, d))).files.sort();
  const stages = files.map((f) =>
    fs
      .readFileSync(f, 'utf8')
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#')),
  );
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(...stages[i % stages.length].map((l) => (/^FROM\s/i.test(l) ? `${l} AS stage${i}` : l)), '');
  }
  return out.join('\n');
}
