// `npm run bench`: Layerwise beside its peers, in one run, on the same inputs.
// Every figure is a median of repeated runs and sits beside the peer figure of
// the same run, since these shared machines drift. `--short` is CI's quick
// pass: fewer sizes and repetitions, nothing written, no budget enforced.
// Usage: npm run bench [-- --short] [--corpus DIR] [--out FILE]
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/nodeOptions';
import { completionBench } from './completion';
import { compare, median, type CompareOptions } from './compare';
import { bundledEngine, engineBundle } from './engine';
import { lessonStagesDockerfile } from '../test/support/lessonStages';
import { corpusDir, generateDockerfile, readCorpus, type CorpusFile } from './inputs';
import { LspClient } from './lspClient';
import type { LintCostReply, LintCostRequest } from './lintCost';
import type { Keystroke, TypingRequest } from './typing';

const args = process.argv.slice(2);
const short = args.includes('--short');
const outIndex = args.indexOf('--out');
const root = path.resolve(__dirname, '..');
const outFile = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, 'docs/PERFORMANCE.md');

const SIZES = short ? [20, 500] : [20, 100, 500, 2000, 5000];
const EDIT_SIZES = short ? [500] : [500, 5000];
const KEYSTROKES = short ? 20 : 200;
/** Rounds of the in-process measurements, and the least time each figure is measured for. */
const ROUNDS = short ? 5 : 31;
const MIN_MS = short ? 20 : 400;
/** How long each task runs before it is timed, and how many calls it makes at least (unless that takes over WARM_CAP_MS). */
const WARM_MS = short ? 50 : 300;
const WARM_CALLS = short ? 200 : 5000;
const WARM_CAP_MS = short ? 500 : 4000;
const TIMING: CompareOptions = { rounds: ROUNDS, minMs: MIN_MS, warmMs: WARM_MS, warmCalls: WARM_CALLS, warmCapMs: WARM_CAP_MS };
/** Processes that each measure the whole lint table (bench/lintCost.ts); its figures are their medians. */
const LINT_PROCESSES = short ? 1 : 3;

const SERVER = path.join(root, 'dist/server.js');
/** Our server as the VS Code client starts it (with its Node.js options); the peer as its own bin does. */
const OURS = [...SERVER_NODE_OPTIONS, SERVER, '--stdio'];
const PEER_SERVER = require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver');
const CLI = path.join(root, 'dist/cli.js');
/** The engine bundled as dist bundles it, so that lint and fix-all are timed as they ship. */
const { lint, fixUntilStable } = bundledEngine();

interface Row {
  cells: string[];
}
const sections: Array<{ title: string; note: string; head: string[]; rows: Row[] }> = [];
function section(title: string, note: string, head: string[]): Row[] {
  const rows: Row[] = [];
  sections.push({ title, note, head, rows });
  console.log(`\n== ${title}`);
  return rows;
}
function addRow(rows: Row[], cells: Array<string | number>): void {
  const row = { cells: cells.map(String) };
  rows.push(row);
  console.log(row.cells.join('  |  '));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function lines(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

// 1. Lint against parsing and the peer.
async function lintCost(inputs: Array<{ name: string; texts: string[] }>): Promise<void> {
  const rows = section(
    'Lint cost against parsing and the peer',
    `Median time per file. Lint is the whole of \`lint(text)\`: the model (with every RUN tokenised) and every rule, bundled with the esbuild options of dist. ${LINT_PROCESSES === 1 ? 'One process measures' : `Each of ${LINT_PROCESSES} processes, one after the other, measures`} every row in turn, warm, in ${ROUNDS} interleaved rounds${LINT_PROCESSES === 1 ? '' : ', and each figure is the median over the processes (how well V8 optimises the same code differs from one process to the next)'}. Budget: lint at most 1.3x the dockerfile-ast parse.`,
    ['input', 'lines', 'dockerfile-ast parse (ms)', 'Layerwise lint (ms)', 'dockerfile-utils validate (ms)', 'lint / parse', 'lint / validate'],
  );
  const bundle = engineBundle();
  const replies: LintCostReply[] = [];
  try {
    for (let p = 0; p < LINT_PROCESSES; p++) replies.push(await lintCostProcess({ engineFile: bundle.file, inputs, options: TIMING }));
  } finally {
    bundle.dispose();
  }
  inputs.forEach(({ name, texts }, i) => {
    const [parse, linted, validated] = (['parse', 'lint', 'validate'] as const).map((task) => median(replies.map((r) => r[i][task])));
    const n = texts.length;
    const lineCount = texts.reduce((s, t) => s + lines(t), 0);
    addRow(rows, [name, n > 1 ? `${lineCount} in ${n} files` : lineCount, ms(parse), ms(linted), ms(validated), ratio(linted, parse), ratio(linted, validated)]);
  });
}

function lintCostProcess(request: LintCostRequest): Promise<LintCostReply> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'lintCost.ts'), [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (reply: LintCostReply) => resolve(reply));
    child.once('exit', (code) => code !== 0 && reject(new Error(`bench/lintCost.ts exited with ${code}`)));
    child.send(request);
  });
}

// 2. Keystroke to diagnostics, over stdio.
/** Typing sessions per server and size, interleaved with the peer's so that drift hits both alike. */
const SESSIONS = short ? 1 : 3;

/** One session's keystrokes, from a client process of its own (bench/typing.ts). */
function typingSession(command: string, args: string[], text: string, keystrokes: number, diagnosticChanges = false): Promise<Keystroke[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'typing.ts'), [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (reply: { keystrokes?: Keystroke[]; error?: string }) => (reply.keystrokes ? resolve(reply.keystrokes) : reject(new Error(reply.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`the typing client exited with ${code}`)));
    child.send({ command, args, text, keystrokes, diagnosticChanges } satisfies TypingRequest);
  });
}

/** How many of the slowest 5% of keystrokes waited on a GC of the server, as "k of n". */
function slowestWithGc(keystrokes: readonly Keystroke[]): string {
  const slowest = [...keystrokes].sort((a, b) => b.latency - a.latency).slice(0, Math.ceil(keystrokes.length / 20));
  return `${slowest.filter((k) => k.gc).length} of ${slowest.length}`;
}

/**
 * bench/resendServer.cjs, set up to re-send the diagnostics our server publishes for `text` when it opens it:
 * its arguments (with our server's Node.js options, so that both run on the same heap) and the file to remove.
 */
async function resendServerFor(text: string): Promise<{ args: string[]; count: number; dispose: () => void }> {
  const client = new LspClient(process.execPath, OURS);
  await client.initialize();
  const uri = 'file:///bench/Dockerfile';
  const opened = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await opened;
  const diagnostics = client.diagnostics.get(uri)!;
  await client.shutdown();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-resend-'));
  const file = path.join(dir, 'diagnostics.json');
  fs.writeFileSync(file, JSON.stringify(diagnostics));
  // bench/typing.ts starts each server with this process's environment.
  process.env.LAYERWISE_BENCH_DIAGNOSTICS = file;
  return {
    args: [...SERVER_NODE_OPTIONS, path.join(__dirname, 'resendServer.cjs'), '--stdio'],
    count: diagnostics.length,
    dispose: () => {
      delete process.env.LAYERWISE_BENCH_DIAGNOSTICS;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function editingLatency(corpus: CorpusFile[]): Promise<void> {
  const rows = section(
    'Editing latency: keystroke to diagnostics over stdio',
    `${KEYSTROKES} keystrokes, each sent as an incremental didChange once the diagnostics of the one before arrived, in ${SESSIONS === 1 ? 'one session' : `${SESSIONS} sessions per server, interleaved with the peer's`}; each session has a client process of its own (bench/typing.ts), and the figures are over all its keystrokes. Each server runs with bench/serverObserver.cjs, which records its GC pauses (the last columns count the keystrokes whose diagnostics waited on one) and when its stdin and stdout were used: the server columns are its own part of each keystroke, from the change's arrival to the start of its diagnostics' write, and the rest is the pipe and the client reading them. Layerwise runs twice: as its VS Code client takes diagnostics, as layerwise/diagnosticChanges (only what the keystroke changed, applied to the diagnostics the client holds before the time is taken), and as every other editor takes them, as publishDiagnostics (all of them, every keystroke); the peer sends publishDiagnostics. Budget, for the VS Code client: p95 under 5 ms at 500 lines, under 10 ms at 5,000, and under 10 ms and at most 0.1x the peer on the file dense with findings. Beside that file, the limit of a whole publish: bench/resendServer.cjs lints nothing and re-sends, on every keystroke, the diagnostics our server published for the file, encoded once when it started, through the same vscode-languageserver, so its row is what piping and parsing that many diagnostics costs and no server that publishes them all can be quicker.`,
    ['file', 'server', 'p50 (ms)', 'p95 (ms)', 'max (ms)', 'p95 / peer p95', 'in the server: p50 (ms)', 'p95 (ms)', 'keystrokes with a server GC', 'slowest 5% with one'],
  );
  // The generated files of the corpus's instructions, and one as dense with findings as a file of the lesson's
  // stages is, where every keystroke's diagnostics are a long list (budget: p95 under 10 ms, at most 0.1x the peer).
  const inputs = [
    ...EDIT_SIZES.map((size) => ({ text: generateDockerfile(corpus, size), dense: false })),
    { text: lessonStagesDockerfile(4500), dense: true },
  ];
  for (const { text, dense } of inputs) {
    const ours: Keystroke[] = [];
    const published: Keystroke[] = [];
    const peer: Keystroke[] = [];
    const resent: Keystroke[] = [];
    // Beside the dense file, the limit: a server that lints nothing and re-sends our diagnostics of the file.
    const resend = dense ? await resendServerFor(text) : null;
    try {
      for (let s = 0; s < SESSIONS; s++) {
        ours.push(...(await typingSession(process.execPath, OURS, text, KEYSTROKES, true)));
        published.push(...(await typingSession(process.execPath, OURS, text, KEYSTROKES)));
        peer.push(...(await typingSession(process.execPath, [PEER_SERVER, '--stdio'], text, KEYSTROKES)));
        if (resend) resent.push(...(await typingSession(process.execPath, resend.args, text, KEYSTROKES)));
      }
    } finally {
      resend?.dispose();
    }
    const peerP95 = percentile(peer.map((k) => k.latency), 95);
    const label = dense ? `${lines(text)} lines of the lesson's stages, ${lint(text).findings.length} findings` : `${lines(text)} lines`;
    const servers: Array<readonly [string, Keystroke[]]> = [
      ['Layerwise (dist/server.js), to its VS Code client: layerwise/diagnosticChanges', ours],
      ['Layerwise (dist/server.js), to other editors: publishDiagnostics', published],
      ['dockerfile-language-server-nodejs', peer],
    ];
    if (resend) servers.push([`limit of a whole publish: the same ${resend.count} diagnostics re-sent, no lint (bench/resendServer.cjs)`, resent]);
    for (const [server, keystrokes] of servers) {
      const latencies = keystrokes.map((k) => k.latency);
      const p95 = percentile(latencies, 95);
      const withGc = keystrokes.filter((k) => k.gc).length / keystrokes.length;
      const own = keystrokes.map((k) => k.server);
      addRow(rows, [label, server, ms(median(latencies)), ms(p95), ms(Math.max(...latencies)), ratio(p95, peerP95), ms(median(own)), ms(percentile(own, 95)), `${(100 * withGc).toFixed(0)}%`, slowestWithGc(keystrokes)]);
    }
  }
}

// 3. Fix-all.
function fixCost(corpus: CorpusFile[]): void {
  const rows = section(
    'Fix cost',
    'Median time of fix-all (safe fixes, applied and linted again until the text stops changing) beside one lint of the same text.',
    ['file', 'findings', 'lint (ms)', 'fix-all (ms)', 'passes', 'fix-all / lint'],
  );
  const text = generateDockerfile(corpus, 500);
  const relint = (t: string) => lint(t).findings;
  const result = fixUntilStable(text, relint, 'safe');
  const r = compare({ lint: () => lint(text), fix: () => fixUntilStable(text, relint, 'safe') }, { ...TIMING, rounds: short ? 3 : 11 });
  addRow(rows, [`${lines(text)} lines`, lint(text).findings.length, ms(r.lint), ms(r.fix), result.passes, ratio(r.fix, r.lint)]);
}

// 4. Memory with 50 open documents.
function residentMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** How long a server is left idle with the documents open before its settled reading: V8's memory reducer has returned the burst's slack by then (it starts about 8 s after allocation stops). */
const SETTLE_MS = 20_000;

interface MemoryReading {
  idle: number;
  /** 200 ms after the last document's diagnostics. */
  open: number;
  /** After SETTLE_MS more with nothing to do, as an editor's server sits while its user reads. */
  settled: number;
}

/** With `diagnosticChanges`, the client takes them as Layerwise's VS Code client does (layerwise/diagnosticChanges). */
async function openDocuments(command: string, serverArgs: string[], texts: string[], diagnosticChanges = false): Promise<MemoryReading> {
  const client = new LspClient(command, serverArgs);
  await client.initialize({}, diagnosticChanges);
  await new Promise((r) => setTimeout(r, 200));
  const idle = residentMB(client.child.pid!);
  await Promise.all(
    texts.map((text, i) => {
      const uri = `file:///bench/doc${i}/Dockerfile`;
      const done = client.nextDiagnostics(uri);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      return done;
    }),
  );
  await new Promise((r) => setTimeout(r, 200));
  const open = residentMB(client.child.pid!);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const settled = residentMB(client.child.pid!);
  await client.shutdown();
  return { idle, open, settled };
}

const MEMORY_RUNS = short ? 1 : 5;

async function memory(corpus: CorpusFile[]): Promise<void> {
  const count = short ? 5 : 50;
  const rows = section(
    'Server memory',
    `Resident set size (VmRSS) of the server process after initialize, and with ${count} different 500-line Dockerfiles open and linted: 200 ms after the last one's diagnostics, and again after ${SETTLE_MS / 1000} s more with nothing to do, as a server sits while its user reads; medians of ${MEMORY_RUNS} fresh servers each. Budget: under 100 MB with 50 open. Right after the burst the figure depends on where V8's GC stood when it ended (89 to 104 MB over fifteen servers of one build); V8's memory reducer returns that slack once allocation stops, which the settled column shows. Layerwise runs as the VS Code client starts it, with \`node ${SERVER_NODE_OPTIONS.join(' ')}\` (and so in the other server rows; without these options it takes about 130 MB either way), and sends diagnostics as layerwise/diagnosticChanges, as to that client; the peer as its bin starts it.`,
    ['server', 'idle (MB)', `${count} documents open (MB)`, `settled, ${SETTLE_MS / 1000} s later (MB)`],
  );
  const texts = Array.from({ length: count }, (_, i) => generateDockerfile(corpus, 500, 1000 + i));
  // One reading right after the burst depends on where it left the GC: the median of fresh servers, interleaved
  // with the peer's.
  const ours: MemoryReading[] = [];
  const peer: MemoryReading[] = [];
  for (let i = 0; i < MEMORY_RUNS; i++) {
    ours.push(await openDocuments(process.execPath, OURS, texts, true));
    peer.push(await openDocuments(process.execPath, [PEER_SERVER, '--stdio'], texts));
  }
  for (const [server, runs] of [['Layerwise (dist/server.js)', ours], ['dockerfile-language-server-nodejs', peer]] as const) {
    addRow(rows, [server, median(runs.map((r) => r.idle)).toFixed(1), median(runs.map((r) => r.open)).toFixed(1), median(runs.map((r) => r.settled)).toFixed(1)]);
  }
}

// 5. Start-up.
function wallTimes(command: string, argv: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

/** Loads dist/extension.js in a fresh node with a stub `vscode` module, and prints how long the require took. */
const CLIENT_LOAD = `
const Module = require('module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) });
  return load.call(this, request, parent, isMain);
};
const t = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t));
`;

async function firstDiagnostics(command: string, serverArgs: string[], text: string, diagnosticChanges = false): Promise<number> {
  const t = performance.now();
  const client = new LspClient(command, serverArgs);
  await client.initialize({}, diagnosticChanges);
  const uri = 'file:///bench/first/Dockerfile';
  const done = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  const at = await done;
  await client.shutdown();
  return at - t;
}

async function startUp(dir: string, corpus: CorpusFile[]): Promise<void> {
  const runs = short ? 3 : 11;
  const rows = section(
    'Start-up',
    'Medians of fresh processes. The client figure is only the time to require dist/extension.js, with a stub `vscode` module standing in for the editor, for timing the require alone (activation budget: 100 ms for the client\'s own work). Server figures run from spawning the process to the first diagnostics of a 500-line file (budget: 300 ms).',
    ['what', 'Layerwise (ms)', 'beside (ms)', 'beside what'],
  );
  const bare = wallTimes(process.execPath, ['-e', ''], runs);
  const cli = wallTimes(process.execPath, [CLI, 'lint', '--fail-on', 'never', dir], runs);
  addRow(rows, [`CLI: layerwise lint on the corpus (${corpus.length} files)`, ms(cli), ms(bare), "bare node -e ''"]);
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', CLIENT_LOAD, path.join(root, 'dist/extension.js')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`loading dist/extension.js failed: ${r.stderr}`);
    loads.push(Number(r.stdout));
  }
  addRow(rows, ['client: require dist/extension.js (stub vscode module, timing only)', ms(median(loads)), '', '']);
  const text = generateDockerfile(corpus, 500);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await firstDiagnostics(process.execPath, OURS, text, true));
    peer.push(await firstDiagnostics(process.execPath, [PEER_SERVER, '--stdio'], text));
  }
  addRow(rows, ['server: spawn to first diagnostics', ms(median(ours)), ms(median(peer)), 'dockerfile-language-server-nodejs']);
}

// 6. Package size.
function packageSize(): void {
  const rows = section('Package size', 'The .vsix that `npm run package` writes. Budget: under 1 MB.', ['file', 'size (KB)']);
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const file = path.join(root, 'layerwise-0.1.0.vsix');
  addRow(rows, [path.basename(file), (fs.statSync(file).size / 1024).toFixed(0)]);
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores, ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version} on ${os.type()} ${os.release()}`;
}

function report(date: string): string {
  const out = [
    '# Performance',
    '',
    'Written by `npm run bench` (see `bench/`); do not edit by hand. Inputs: generated Dockerfiles of 20 to 5,000 lines',
    'made of the instructions of the real files in `../shared/corpus` (the same seed every run), and those real files.',
    'Every figure is a median of repeated runs, printed beside the peer measured in the same run: the machine is',
    'shared, so ratios are what count. Budgets come from `../shared/DESIGN.md`.',
    '',
    `Machine: ${machine()}. Date: ${date}.`,
  ];
  for (const s of sections) {
    out.push('', `## ${s.title}`, '', s.note, '', `| ${s.head.join(' | ')} |`, `|${s.head.map(() => '---').join('|')}|`);
    for (const r of s.rows) out.push(`| ${r.cells.join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  for (const f of [SERVER, CLI, path.join(root, 'dist/extension.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first (npm run bench does)`);
  }
  const dir = corpusDir(args);
  const corpus = readCorpus(dir);
  console.log(`Machine: ${machine()}\nCorpus: ${dir} (${corpus.length} files)${short ? '\nShort run: fewer sizes and repetitions; nothing is written.' : ''}`);
  await lintCost([...SIZES.map((n) => ({ name: `generated ${n}`, texts: [generateDockerfile(corpus, n)] })), { name: 'real corpus, all files', texts: corpus.map((c) => c.text) }]);
  await editingLatency(corpus);
  fixCost(corpus);
  await memory(corpus);
  await startUp(dir, corpus);
  packageSize();
  await completionBench({
    server: OURS,
    text500: generateDockerfile(corpus, 500),
    short,
    report: (title, note, head, rows) => {
      const out = section(title, note, head);
      for (const r of rows) addRow(out, r);
    },
  });
  // Measure and Build against docker's own figures (bench/measure.ts), in a process of its own so its peak memory is its own.
  spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'measure.ts'), ...(short ? ['--short'] : [])], { stdio: 'inherit' });
  if (!short) {
    fs.writeFileSync(outFile, report(new Date().toISOString().slice(0, 10)));
    console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
