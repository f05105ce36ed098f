// Measure image: the total size and the base image's share, each instruction's
// layer on its line, the bytes wasted by layers that later ones delete or
// rewrite (on the line that wrote them), the largest folders per layer, dive's
// efficiency beside ours, and optionally the SIF size for HPC.
import { lint } from '../engine/lint';
import type { TextEdit } from '../engine/rule';
import { cleanupInSeparateLayer } from '../rules/cleanupInSeparateLayer';
import { ContainerEngine } from './engine';
import { saveAndRead, squashfsSize } from './imageArchive';
import { imageHistory, inspectImage, matchHistory, type HistoryRow, type MatchedImage } from './imageLayers';
import { analyseLayers, type WasteGroup, type WasteKind } from './layerWaste';
import { formatBytes } from './units';

export interface WasteFinding {
  kind: WasteKind;
  /** The line the finding is shown on (1-based), or null when it lies in the base image. */
  line: number | null;
  /** The line that wrote the bytes (null: the base image) and the one that deleted, rewrote or re-owned them. */
  writerLine: number | null;
  byLine: number | null;
  folder: string;
  bytes: number;
  files: number;
  message: string;
  paths: Array<{ path: string; bytes: number }>;
  /** Text edits that merge the cleanup into the RUN that wrote the files, when the cleanup-in-separate-layer fix applies. */
  fix?: { title: string; edits: TextEdit[] };
}

export interface InstructionReport {
  line: number;
  endLine: number;
  instruction: string;
  text: string;
  size: number;
  waste: number;
  wastePaths: string[];
}

export interface LayerReport {
  index: number;
  /** The line that made it, or null for the base image's layers. */
  line: number | null;
  createdBy: string;
  bytes: number;
  files: number;
  largestFolders: Array<{ folder: string; bytes: number }>;
}

export interface MeasureReport {
  image: string;
  id: string;
  engine: { command: string; context: string | null };
  /** Bytes, as `image inspect` reports them. */
  size: number;
  baseImage: string | null;
  baseSize: number;
  stage: string | null;
  instructions: InstructionReport[];
  layers: LayerReport[];
  waste: {
    bytes: number;
    /** Of the bytes the Dockerfile's own layers add (the base image left out). */
    percent: number;
    findings: WasteFinding[];
  };
  dive: { efficiency: number; wastedBytes: number };
  sif: { bytes: number } | null;
  archiveBytes: number;
}

export interface MeasureOptions {
  /** The Dockerfile's text, to put sizes and waste on its lines. */
  dockerfile?: string;
  target?: string;
  sif?: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export async function measureImage(engine: ContainerEngine, image: string, options: MeasureOptions = {}): Promise<MeasureReport> {
  const { signal } = options;
  const info = await inspectImage(engine, image, signal);
  const history = await imageHistory(engine, image, signal);
  let matched: MatchedImage | null = null;
  if (options.dockerfile !== undefined) {
    const probe = matchHistory(options.dockerfile, history, { target: options.target });
    const baseEntries = await baseHistoryLength(engine, probe.baseImage, history, signal);
    matched = baseEntries === undefined ? probe : matchHistory(options.dockerfile, history, { target: options.target, baseEntries });
  }
  options.onProgress?.(`reading ${image} (${formatBytes(info.size)})`);
  let lastTold = 0;
  const saved = await saveAndRead(engine, image, {
    signal,
    onProgress: (bytes) => {
      if (bytes - lastTold < 50_000_000) return;
      lastTold = bytes;
      options.onProgress?.(`read ${formatBytes(bytes)} of about ${formatBytes(info.size)}`);
    },
  });
  const analysis = analyseLayers(saved.layers.map((l) => l.entries));
  const layerHistory = layersToHistory(saved.history.length ? saved.history.map((h) => !h.empty_layer) : history.map((h) => h.size > 0), saved.layers.length, history.length);
  const lineOfHistory = new Map<number, number>();
  for (const i of matched?.instructions ?? []) if (i.history !== null) lineOfHistory.set(i.history, i.line);
  const lineOfLayer = (layer: number): number | null => lineOfHistory.get(layerHistory[layer]) ?? null;
  const findings = analysis.groups.map((g) => wasteFinding(g, lineOfLayer(g.writer), lineOfLayer(g.by), matched));
  if (options.dockerfile !== undefined) attachFixes(options.dockerfile, findings, matched!);
  const instructions: InstructionReport[] = (matched?.instructions ?? []).map((i) => {
    const own = findings.filter((f) => f.line === i.line);
    return {
      line: i.line,
      endLine: i.endLine,
      instruction: i.keyword,
      text: i.text,
      size: i.size,
      waste: own.reduce((s, f) => s + f.bytes, 0),
      wastePaths: own.map((f) => f.folder),
    };
  });
  const baseSize = matched ? matched.baseSize : 0;
  const ownSize = info.size - baseSize;
  const wasteBytes = findings.filter((f) => f.line !== null || !matched).reduce((s, f) => s + f.bytes, 0);
  let sif: MeasureReport['sif'] = null;
  if (options.sif) {
    options.onProgress?.('making a squashfs of the flattened file system (mksquashfs)');
    sif = { bytes: await squashfsSize(engine, image, { signal }) };
  }
  return {
    image,
    id: info.id,
    engine: { command: engine.command, context: engine.context ?? null },
    size: info.size,
    baseImage: matched?.baseImage ?? null,
    baseSize,
    stage: matched?.stage ?? null,
    instructions,
    layers: saved.layers.map((_, index) => ({
      index,
      line: lineOfLayer(index),
      createdBy: history[layerHistory[index]]?.createdBy ?? '',
      bytes: analysis.layers[index].bytes,
      files: analysis.layers[index].files,
      largestFolders: analysis.layers[index].largestFolders,
    })),
    waste: { bytes: wasteBytes, percent: ownSize > 0 ? (wasteBytes / ownSize) * 100 : 0, findings },
    dive: { efficiency: analysis.diveEfficiency, wastedBytes: analysis.diveWastedBytes },
    sif,
    archiveBytes: saved.bytes,
  };
}

/** How many history entries the base image has, when the engine holds it; matching is then exact. */
async function baseHistoryLength(engine: ContainerEngine, base: string, history: readonly HistoryRow[], signal?: AbortSignal): Promise<number | undefined> {
  if (base.toLowerCase() === 'scratch') return 0;
  try {
    const own = await imageHistory(engine, base, signal);
    return own.length <= history.length ? own.length : undefined;
  } catch {
    return undefined;
  }
}

/** Layer k is the k-th history entry that made a layer; from the newest end when the counts differ. */
function layersToHistory(makesLayer: readonly boolean[], layers: number, historyLength: number): number[] {
  const positions = makesLayer.map((m, i) => (m ? i : -1)).filter((i) => i >= 0);
  if (positions.length === layers) return positions;
  const out: number[] = [];
  for (let k = 0; k < layers; k++) out.push(historyLength - layers + k);
  return out;
}

function wasteFinding(g: WasteGroup, writerLine: number | null, byLine: number | null, matched: MatchedImage | null): WasteFinding {
  const size = formatBytes(g.bytes);
  const writerKeyword = matched?.instructions.find((i) => i.line === writerLine)?.keyword;
  const base = { kind: g.kind, writerLine, byLine, folder: g.folder, bytes: g.bytes, files: g.files, paths: g.paths };
  const by = byLine === null ? 'a later layer' : `line ${byLine}`;
  if (g.kind === 'metadata') {
    const from = writerLine === null ? 'the base image' : `line ${writerLine}`;
    return {
      ...base,
      line: byLine,
      message: `${size} of ${g.folder} from ${from} are copied whole here to change their owner or mode: set them where they are written (COPY --chown/--chmod, or chmod in the same RUN)`,
    };
  }
  if (writerLine === null) {
    const from = matched ? 'the base image' : 'an earlier layer';
    const message =
      g.kind === 'deleted'
        ? `${size} of ${g.folder} from ${from} are deleted here: the bytes stay in the earlier layer, so this saves nothing`
        : `${size} of ${g.folder} from ${from} are written again here: the earlier copy stays in its layer`;
    return { ...base, line: byLine, message };
  }
  if (g.kind === 'deleted') {
    const advice = writerKeyword === 'RUN' ? 'merge the cleanup into this RUN' : 'leave them out here instead (.dockerignore, or a multi-stage build)';
    return { ...base, line: writerLine, message: `${size} of ${g.folder} written here are deleted by ${by}: ${advice}` };
  }
  return { ...base, line: writerLine, message: `${size} of ${g.folder} written here are written again by ${by}: the first copy stays in this layer` };
}

/** The cleanup-in-separate-layer fix, where it moves the deleting RUN's cleanup into the RUN that wrote the files. */
function attachFixes(text: string, findings: WasteFinding[], matched: MatchedImage): void {
  const cleanup = lint(text, { rules: [cleanupInSeparateLayer] }).findings;
  for (const f of findings) {
    if (f.kind !== 'deleted' || f.writerLine === null || f.byLine === null) continue;
    const writer = matched.instructions.find((i) => i.line === f.writerLine)?.node;
    const deleter = matched.instructions.find((i) => i.line === f.byLine)?.node;
    if (!writer || !deleter) continue;
    for (const finding of cleanup) {
      if (finding.span.start < deleter.start || finding.span.end > deleter.end) continue;
      const fix = finding.fixes.find((x) => x.edits.some((e) => e.start >= writer.start && e.start <= writer.end));
      if (fix) f.fix = { title: fix.title, edits: fix.edits };
    }
  }
}
