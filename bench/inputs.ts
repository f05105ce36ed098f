// The benchmark's inputs: the real Dockerfiles of the shared corpus, and
// generated files of a given length made of the corpus's own instructions
// (with the comments above them), cut into stages as real multi-stage files are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPaths } from '../server/src/cli/files';
import { looksBinary } from '../server/src/engine/input';
import { buildModel } from '../server/src/model/build';
import { lineOf } from '../server/src/model/lines';

export interface CorpusFile {
  file: string;
  text: string;
}

/** The corpus folder: `--corpus DIR`, else `../shared/corpus` beside the repository. */
export function corpusDir(args: readonly string[]): string {
  const i = args.indexOf('--corpus');
  if (i >= 0 && args[i + 1]) return path.resolve(args[i + 1]);
  const candidates = [path.resolve(__dirname, '../../shared/corpus'), path.resolve(__dirname, '../../../shared/corpus'), '/work/shared/corpus'];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`no corpus found; pass --corpus DIR (looked in ${candidates.join(', ')})`);
  return found;
}

export function readCorpus(dir: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const file of expandPaths([dir]).files) {
    const bytes = fs.readFileSync(file);
    if (!looksBinary(bytes)) out.push({ file, text: bytes.toString('utf8') });
  }
  return out;
}

/** Each instruction of the corpus but FROM, with the comment and blank lines just above it. */
function instructionBlocks(corpus: readonly CorpusFile[]): string[] {
  const blocks: string[] = [];
  for (const { text } of corpus) {
    const model = buildModel(text.replace(/\r\n?/g, '\n'));
    const lines = model.text.split('\n');
    let nextLine = 0;
    for (const node of model.instructions) {
      const lastLine = lineOf(model.lineStarts, Math.max(node.start, node.end - 1));
      const block = lines.slice(nextLine, lastLine + 1).join('\n');
      nextLine = lastLine + 1;
      if (node.keyword !== 'FROM' && node.keyword !== 'ONBUILD') blocks.push(block);
    }
  }
  return blocks;
}

/** A small deterministic generator, so that every run lints the same files. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASES = ['ubuntu:22.04', 'python:3.11-slim', 'continuumio/miniconda3:24.1.2-0', 'nvidia/cuda:12.2.0-devel-ubuntu22.04', 'quay.io/pawsey/mpich-base:3.4.3_ubuntu24.04'];

/** A Dockerfile of at least `lines` lines: stages of about 150 lines, the last copying from the one before. */
export function generateDockerfile(corpus: readonly CorpusFile[], lines: number, seed = lines): string {
  const blocks = instructionBlocks(corpus);
  const next = random(seed);
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG PYTHON_VERSION=3.11'];
  let stage = 0;
  let inStage = 0;
  const startStage = () => {
    out.push('', `FROM ${BASES[stage % BASES.length]} AS stage${stage}`);
    if (stage > 0) out.push(`COPY --from=stage${stage - 1} /opt /opt`);
    stage++;
    inStage = 0;
  };
  startStage();
  while (out.length < lines) {
    if (inStage > 150 && lines - out.length > 40) startStage();
    const block = blocks[Math.floor(next() * blocks.length)].split('\n');
    const room = lines - out.length;
    // Near the end, take only blocks that fit, so the length comes out close to the target.
    if (block.length > room && room > 3) continue;
    out.push(...block);
    inStage += block.length;
  }
  return out.join('\n') + '\n';
}
