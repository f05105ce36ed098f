// Measure and Build against their peers, in the same run (the machine is
// shared, so only figures taken side by side compare):
// - the analysis of `docker save` (our stream reader and waste analysis) beside
//   a plain `docker save > /dev/null`, alternated; throughput budget 85% of it;
// - the analysis process's peak memory (budget 150 MB whatever the image);
// - Build's overhead over interleaved cached builds: our wall time less the
//   docker process's, as a share of the build (budget 3%).
// Images: a 500 MB+ one (the lesson's apt Dockerfile.2), or with --short a
// 75 MB one. Usage: node --import tsx bench/measure.ts [--short]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../server/src/container/build';
import { ContainerEngine } from '../server/src/container/engine';
import { saveAndRead } from '../server/src/container/imageArchive';
import { analyseLayers } from '../server/src/container/layerWaste';
import { formatBytes } from '../server/src/container/units';
import { aptImage } from '../test/support/aptImages';

const short = process.argv.includes('--short');
const engine = new ContainerEngine();

function plainSave(image: string): Promise<{ ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const devNull = fs.openSync('/dev/null', 'w');
    const child = spawn('docker', ['save', image], { stdio: ['ignore', devNull, 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      fs.closeSync(devNull);
      if (code === 0) resolve({ ms: performance.now() - start });
      else reject(new Error(`docker save exited ${code}`));
    });
  });
}

async function ourAnalysis(image: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const saved = await saveAndRead(engine, image);
  analyseLayers(saved.layers.map((l) => l.entries));
  return { ms: performance.now() - start, bytes: saved.bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  if (spawnSync('docker', ['version']).status !== 0) {
    console.log('Measure/Build bench not run: no Docker engine answers');
    return;
  }
  const image = short ? 'debian:bookworm-slim' : aptImage(2);
  const rounds = short ? 2 : 4;
  const plain: number[] = [];
  const ours: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    // Each goes first in turn, so that neither always finds the engine's files in the page cache.
    const first = i % 2 === 0;
    const p = first ? await plainSave(image) : null;
    const o = await ourAnalysis(image);
    const q = p ?? (await plainSave(image));
    bytes = o.bytes;
    plain.push(bytes / q.ms);
    ours.push(o.bytes / o.ms);
  }
  const plainRate = median(plain) / 1000;
  const ourRate = median(ours) / 1000;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`\nMeasure image: ${image}, archive ${formatBytes(bytes)}, ${rounds} alternated rounds`);
  console.log(`  analysis throughput   ${ourRate.toFixed(0)} MB/s   peer docker save > /dev/null ${plainRate.toFixed(0)} MB/s   = ${((ourRate / plainRate) * 100).toFixed(0)}% (budget >= 85%)`);
  console.log(`  peak memory (this process, node included) ${peak.toFixed(0)} MB   (budget < 150 MB)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-'));
  const tag = `layerwise-bench/cached:${process.pid}`;
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:bookworm-slim\nRUN echo cached > /cached\nENV A=1\n');
    spawnSync('docker', ['build', '-q', '-t', tag, dir]);
    const bare: number[] = [];
    const overhead: number[] = [];
    const builds = short ? 3 : 7;
    for (let i = 0; i < builds; i++) {
      const t = performance.now();
      spawnSync('docker', ['build', '-q', '-t', tag, dir]);
      bare.push(performance.now() - t);
      const r = await buildImage(engine, { dockerfile: path.join(dir, 'Dockerfile'), tag, extraArgs: ['-q'] });
      overhead.push(r.totalMs - r.dockerMs);
    }
    const share = (median(overhead) / median(bare)) * 100;
    console.log(`\nBuild image: ${builds} interleaved cached builds, bare docker build median ${median(bare).toFixed(0)} ms`);
    console.log(`  our overhead (wall time less docker's) median ${median(overhead).toFixed(1)} ms = ${share.toFixed(2)}% of the build (budget < 3%)`);
  } finally {
    spawnSync('docker', ['image', 'rm', '-f', tag]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
