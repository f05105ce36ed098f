// `npm run fuzz [-- --cases N --seed S --workers W DIR...]`: mutates the
// Dockerfiles of a corpus and holds every result to the properties of
// test/support/fuzz/properties.ts. Cases are split between worker processes
// (one per core) in chunks; each chunk is sampled from its own seed, so any
// case can be replayed. Prints progress, the distinct failures, and
// "N passed, N failed"; exits 1 when a case failed.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { expandPaths } from '../server/src/cli/files';
import { looksBinary } from '../server/src/engine/input';
import { applyCase, describeCase, mutatedCase } from '../test/support/fuzz/mutations';
import { checkText } from '../test/support/fuzz/properties';

const CHUNK = 500;
/** Files up to this long are also cut at every offset. */
const SHORT_FILE = 400;

interface Options {
  cases: number;
  seed: number;
  workers: number;
  dirs: string[];
}

interface Failure {
  case: string;
  text: string;
  violations: string[];
}

type WorkerMessage = { kind: 'progress'; done: number; failed: number } | { kind: 'failure'; failure: Failure } | { kind: 'finished' };

function readOptions(argv: string[]): Options & { worker: number | null } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cases: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20261129' },
      workers: { type: 'string', default: String(Math.max(1, Math.min(os.availableParallelism(), 8))) },
      worker: { type: 'string' },
    },
  });
  const defaults = ['test/fixtures', '../shared/corpus'].filter((d) => fs.existsSync(d));
  return {
    cases: Number(values.cases),
    seed: Number(values.seed),
    workers: Number(values.workers),
    worker: values.worker === undefined ? null : Number(values.worker),
    dirs: positionals.length > 0 ? positionals : defaults,
  };
}

function loadSources(dirs: string[]): { names: string[]; texts: string[] } {
  const names: string[] = [];
  const texts: string[] = [];
  for (const file of expandPaths(dirs).files) {
    const bytes = fs.readFileSync(file);
    if (looksBinary(bytes)) continue;
    names.push(file);
    texts.push(bytes.toString('utf8'));
  }
  return { names, texts };
}

/** Every prefix of each short file comes first, then mutated cases up to the total. */
function truncations(names: string[], texts: string[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  texts.forEach((text, i) => {
    if (text.length > SHORT_FILE) return;
    for (let at = 0; at <= text.length; at++) out.push({ name: `${names[i]} cut at ${at}`, text: text.slice(0, at) });
  });
  return out;
}

function runWorker(options: Options, worker: number): void {
  const { names, texts } = loadSources(options.dirs);
  const cuts = truncations(names, texts);
  const arbitrary = mutatedCase(texts.length);
  const send = (m: WorkerMessage) => process.send!(m);
  const chunks = Math.ceil(options.cases / CHUNK);
  for (let chunk = worker; chunk < chunks; chunk += options.workers) {
    const first = chunk * CHUNK;
    const size = Math.min(CHUNK, options.cases - first);
    const sampled = fc.sample(arbitrary, { seed: options.seed + chunk, numRuns: size });
    let failed = 0;
    for (let k = 0; k < size; k++) {
      const index = first + k;
      const cut = index < cuts.length ? cuts[index] : null;
      const text = cut ? cut.text : applyCase(texts, sampled[k]);
      const violations = checkText(text);
      if (violations.length > 0) {
        failed++;
        const description = cut ? cut.name : `case ${index} (chunk seed ${options.seed + chunk}): ${describeCase(names, sampled[k])}`;
        send({ kind: 'failure', failure: { case: description, text, violations } });
      }
    }
    send({ kind: 'progress', done: size, failed });
  }
  send({ kind: 'finished' });
}

async function runParent(options: Options): Promise<number> {
  const { names } = loadSources(options.dirs);
  if (names.length === 0) {
    process.stderr.write(`fuzz: no Dockerfiles in ${options.dirs.join(', ')}\n`);
    return 2;
  }
  process.stdout.write(`fuzz: ${options.cases} cases from ${names.length} Dockerfiles in ${options.dirs.join(', ')}, seed ${options.seed}, ${options.workers} workers\n`);
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let nextReport = 0;
  const distinct = new Map<string, Failure>();
  const script = path.resolve(__filename);
  const forwarded = ['--cases', String(options.cases), '--seed', String(options.seed), '--workers', String(options.workers), ...options.dirs];
  await Promise.all(
    Array.from({ length: options.workers }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const child = fork(script, [...forwarded, '--worker', String(w)], { execArgv: ['--import', 'tsx'] });
        child.on('message', (m: WorkerMessage) => {
          if (m.kind === 'failure') {
            // Group by the first violation without its offsets, so one bug is listed once.
            const key = m.failure.violations[0].replace(/\d+/g, 'N');
            if (!distinct.has(key)) distinct.set(key, m.failure);
          } else if (m.kind === 'progress') {
            done += m.done;
            failed += m.failed;
            if (done >= nextReport || done === options.cases) {
              const seconds = Math.round((Date.now() - started) / 1000);
              process.stdout.write(`fuzz: ${done}/${options.cases} cases, ${failed} failed, ${seconds} s\n`);
              nextReport = done + Math.max(CHUNK, Math.floor(options.cases / 50));
            }
          }
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
      }),
    ),
  );
  for (const [, f] of distinct) {
    process.stdout.write(`\nFAILED ${f.case}\n  ${f.violations.join('\n  ')}\n  text: ${JSON.stringify(f.text.length > 2000 ? f.text.slice(0, 2000) + '…' : f.text)}\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\n${done - failed} passed, ${failed} failed (${distinct.size} distinct) in ${seconds} s\n`);
  return failed > 0 ? 1 : 0;
}

const options = readOptions(process.argv.slice(2));
if (options.worker !== null) runWorker(options, options.worker);
else runParent(options).then((code) => (process.exitCode = code));
