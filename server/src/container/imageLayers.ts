// An image's size, layer by layer, on the Dockerfile's own lines: from
// `docker image inspect` and `docker history --no-trunc` (sizes in bytes, as
// data, never parsed from build output), matched to the instructions of the
// stage the image was built from. Only that stage's instructions (and those of
// the stages it is FROM) made the image's entries; the rest of the history is
// the base image's.
import { buildModel } from '../model/build';
import { lineOf } from '../model/lines';
import type { DockerfileModel, InstructionNode } from '../model/types';
import { ContainerEngine, EngineError } from './engine';

export interface ImageInfo {
  id: string;
  tags: string[];
  /** Bytes, as `docker image inspect` reports them. */
  size: number;
  /** The layers' diff ids, base first. */
  layers: string[];
}

export interface HistoryRow {
  createdBy: string;
  /** Bytes. */
  size: number;
  comment: string;
}

/** Reads `image inspect`; an EngineError of kind 'failed' with "no such image" when there is none. */
export async function inspectImage(engine: ContainerEngine, image: string, signal?: AbortSignal): Promise<ImageInfo> {
  let stdout: string;
  try {
    ({ stdout } = await engine.run(['image', 'inspect', image], { signal, timeoutMs: 60_000 }));
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed' && /no such (image|object)|image not known|not found/i.test(e.stderr)) {
      throw new EngineError('failed', `no image ${image} in the ${engine.command} engine${engine.context ? ` of context ${engine.context}` : ''}: build it first, or check the name`, e.stderr, e.code);
    }
    throw e;
  }
  const [info] = JSON.parse(stdout) as Array<{ Id: string; RepoTags?: string[] | null; Size: number; RootFS?: { Layers?: string[] } }>;
  return { id: info.Id, tags: info.RepoTags ?? [], size: info.Size, layers: info.RootFS?.Layers ?? [] };
}

/** The image's history, oldest first (the CLI prints it newest first). */
export async function imageHistory(engine: ContainerEngine, image: string, signal?: AbortSignal): Promise<HistoryRow[]> {
  const { stdout } = await engine.run(['history', '--no-trunc', '--human=false', '--format', '{{json .}}', image], { signal, timeoutMs: 60_000 });
  const rows = stdout
    .split('\n')
    .filter((l) => l.trim())
    // docker prints one object a line; podman one array of them.
    .flatMap((l) => [JSON.parse(l)].flat() as Array<{ CreatedBy?: string; Size?: string | number; Comment?: string; size?: number; createdBy?: string; comment?: string }>);
  return rows
    .map((r) => ({
      createdBy: r.CreatedBy ?? r.createdBy ?? '',
      size: Number(r.Size ?? r.size ?? 0) || 0,
      comment: r.Comment ?? r.comment ?? '',
    }))
    .reverse();
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** The instruction a history entry records, in the classic builder's, BuildKit's and buildah's words. */
export function keywordOfHistory(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*([A-Z]+)\b/.exec(text);
  if (nop) return nop[1];
  const word = /^([A-Z]+)\b/.exec(text);
  if (word && KEYWORDS.has(word[1])) return word[1];
  return text ? 'RUN' : '';
}

export interface InstructionSize {
  /** 1-based first and last lines. */
  line: number;
  endLine: number;
  keyword: string;
  /** The instruction's first line, trimmed. */
  text: string;
  /** Bytes its layer added; 0 for a metadata-only entry. */
  size: number;
  /** Its entry in the image's history (oldest first), or null when it made none. */
  history: number | null;
  node: InstructionNode;
}

export interface MatchedImage {
  /** The stage the image was built from, by its name or number. */
  stage: string;
  /** What the chain of stages starts FROM. */
  baseImage: string;
  /** How many history entries (oldest first) are the base image's. */
  baseEntries: number;
  baseSize: number;
  instructions: InstructionSize[];
  /** Entries of the image's own part that no instruction matched (a base image's ONBUILD triggers). */
  unmatchedSize: number;
}

/** The instructions that built the target stage: its own, after those of the stages it is FROM. */
function stageChain(model: DockerfileModel, target: number): { base: string; nodes: InstructionNode[] } {
  const stage = model.stages[target];
  const own = stage.instructions.filter((n) => n !== stage.from);
  if (stage.baseStage !== null && stage.baseStage !== target) {
    const before = stageChain(model, stage.baseStage);
    return { base: before.base, nodes: [...before.nodes, ...own] };
  }
  return { base: stage.resolvedImage ?? stage.image, nodes: own };
}

export function stageIndex(model: DockerfileModel, target?: string): number {
  if (model.stages.length === 0) throw new Error('the Dockerfile has no FROM');
  if (target === undefined) return model.stages.length - 1;
  const byName = model.stages.findIndex((s) => s.name?.toLowerCase() === target.toLowerCase());
  if (byName >= 0) return byName;
  if (/^\d+$/.test(target) && Number(target) < model.stages.length) return Number(target);
  throw new Error(`the Dockerfile has no stage ${target} (stages: ${model.stages.map((s, i) => s.name ?? String(i)).join(', ')})`);
}

/**
 * Matches the history (oldest first) to the instructions: from the newest
 * entry backwards, each entry to the latest instruction of the same keyword
 * not yet matched; an instruction that made no entry (BuildKit records no ARG
 * of a stage that never uses it, for one) is passed over. `baseEntries`, when
 * known from the base image's own history, bounds the image's own part.
 */
export function matchHistory(text: string, history: readonly HistoryRow[], options: { target?: string; baseEntries?: number } = {}): MatchedImage {
  const model = buildModel(text);
  const target = stageIndex(model, options.target);
  const { base, nodes } = stageChain(model, target);
  const ownStart = options.baseEntries !== undefined ? Math.min(options.baseEntries, history.length) : 0;
  const matchedAt = new Map<InstructionNode, number>();
  let i = nodes.length - 1;
  let h = history.length - 1;
  let unmatchedSize = 0;
  for (; h >= ownStart && i >= 0; h--) {
    const keyword = keywordOfHistory(history[h].createdBy);
    let j = i;
    while (j >= 0 && nodes[j].keyword.toUpperCase() !== keyword) j--;
    if (j < 0) {
      // Not one of ours: with the base's length known, a stray entry of our part; without it, the base begins here.
      if (options.baseEntries === undefined) break;
      unmatchedSize += history[h].size;
      continue;
    }
    matchedAt.set(nodes[j], h);
    i = j - 1;
  }
  const baseEntries = options.baseEntries !== undefined ? ownStart : h + 1;
  if (options.baseEntries !== undefined) for (; h >= ownStart; h--) unmatchedSize += history[h].size;
  const baseSize = history.slice(0, baseEntries).reduce((s, r) => s + r.size, 0);
  const instructions = nodes.map((node): InstructionSize => {
    const at = matchedAt.get(node);
    const firstLine = model.text.slice(node.start, node.end).split(/\r?\n/)[0].trim();
    return {
      line: node.line + 1,
      endLine: lineOf(model.lineStarts, Math.max(node.start, node.end - 1)) + 1,
      keyword: node.keyword.toUpperCase(),
      text: firstLine,
      size: at === undefined ? 0 : history[at].size,
      history: at ?? null,
      node,
    };
  });
  const stage = model.stages[target];
  return { stage: stage.name ?? String(target), baseImage: base, baseEntries, baseSize, instructions, unmatchedSize };
}
