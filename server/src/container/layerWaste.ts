// What the layers of an image waste, and who wrote it. Layers stack: a file a
// later layer deletes (whiteout `.wh.NAME`, or an opaque folder `.wh..wh..opq`)
// or writes again still takes its bytes in the layer that wrote it. We count
// those bytes once per hidden copy: a file written N times wastes N-1 copies,
// a deleted folder wastes everything under it, and a chmod/chown of an earlier
// file copies it whole. Beside it, dive's efficiency score, computed the way
// dive defines it (github.com/wagoodman/dive, filetree/efficiency.go), so that
// its CI thresholds carry over.
import type { LayerEntry } from './layerTar';

export type WasteKind =
  /** Written by one layer, deleted by a later one. */
  | 'deleted'
  /** Written by one layer, written again (other content) by a later one. */
  | 'rewritten'
  /** Copied whole by a later layer that changed only its owner or mode. */
  | 'metadata';

export interface WasteGroup {
  kind: WasteKind;
  /** The layer whose bytes are wasted (index in the image's layers, base first). */
  writer: number;
  /** The layer that deleted, rewrote or re-owned them. */
  by: number;
  /** The folder they sit in, or the one path when there is one. */
  folder: string;
  bytes: number;
  files: number;
  /** Up to 20 of the paths, largest first. */
  paths: Array<{ path: string; bytes: number }>;
}

export interface LayerSummary {
  /** Bytes of regular files in the layer's tar. */
  bytes: number;
  files: number;
  /** The folders (up to 3 levels deep) holding the most bytes, largest first. */
  largestFolders: Array<{ folder: string; bytes: number }>;
}

export interface WasteAnalysis {
  layers: LayerSummary[];
  groups: WasteGroup[];
  /** Our count: each hidden copy once. */
  wastedBytes: number;
  /** dive's score: the smallest size seen at each path over the sum of every size seen there. */
  diveEfficiency: number;
  /** dive's "wasted bytes": every copy of a path seen more than once, the first included. */
  diveWastedBytes: number;
}

interface Node {
  children: Map<string, Node> | null;
  size: number;
  layer: number;
  mode: number;
  uid: number;
  gid: number;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
const MAX_PATHS = 20;

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Calls `visit` for every file under `node` (the node itself when it is a file), with its path. */
function eachFile(node: Node, path: string, visit: (n: Node, path: string) => void): void {
  if (!node.children) return visit(node, path);
  for (const [name, child] of node.children) eachFile(child, `${path}/${name}`, visit);
}

function subtreeBytes(node: Node): number {
  let total = 0;
  eachFile(node, '', (n) => (total += n.size));
  return total;
}

export function analyseLayers(layers: ReadonlyArray<readonly LayerEntry[]>): WasteAnalysis {
  const root: Node = { children: new Map(), size: 0, layer: -1, mode: 0, uid: 0, gid: 0 };
  const groups = new Map<string, WasteGroup & { targets: Set<string> }>();
  const dive = new Map<string, { count: number; total: number; min: number }>();
  const summaries: LayerSummary[] = [];

  const lookup = (path: string): { parent: Node; name: string; node: Node | undefined } | null => {
    const parts = path.split('/');
    let at = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = at.children?.get(parts[i]);
      if (!next || !next.children) return null;
      at = next;
    }
    const name = parts[parts.length - 1];
    return { parent: at, name, node: at.children!.get(name) };
  };

  const ensureDir = (path: string, layer: number): Node => {
    let at = root;
    if (!path) return at;
    for (const part of path.split('/')) {
      let next = at.children!.get(part);
      if (!next || !next.children) {
        next = { children: new Map(), size: 0, layer, mode: 0o755, uid: 0, gid: 0 };
        at.children!.set(part, next);
      }
      at = next;
    }
    return at;
  };

  const record = (kind: WasteKind, writer: number, by: number, target: string, file: string, bytes: number) => {
    if (bytes === 0) return;
    const folder = dirName(target);
    const key = `${kind}\0${writer}\0${by}\0${folder}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, writer, by, folder, bytes: 0, files: 0, paths: [], targets: new Set() }));
    g.bytes += bytes;
    g.files++;
    if (g.targets.size < 2) g.targets.add(target);
    g.paths.push({ path: `/${file}`, bytes });
    if (g.paths.length > MAX_PATHS * 2) {
      g.paths.sort((a, b) => b.bytes - a.bytes);
      g.paths.length = MAX_PATHS;
    }
  };

  const diveSee = (path: string, bytes: number) => {
    const seen = dive.get(path);
    if (!seen) dive.set(path, { count: 1, total: bytes, min: bytes });
    else {
      seen.count++;
      seen.total += bytes;
      if (bytes < seen.min) seen.min = bytes;
    }
  };

  /** A node (file or folder) from earlier layers is gone: every file under it is waste of the layer that wrote it. */
  const removed = (node: Node, path: string, by: number) => {
    eachFile(node, path, (n, p) => {
      if (n.layer >= 0) record('deleted', n.layer, by, path, p, n.size);
    });
  };

  layers.forEach((entries, layer) => {
    const folderBytes = new Map<string, number>();
    let bytes = 0;
    let files = 0;
    // Deletions first, against the layers below: a layer's whiteouts and opaque markers say what it hides of them.
    for (const e of entries) {
      const name = baseName(e.path);
      if (!name.startsWith(WHITEOUT)) continue;
      const dir = dirName(e.path);
      if (name === OPAQUE) {
        const found = dir ? lookup(dir) : { parent: root, name: '', node: root };
        const node = found?.node;
        if (!node?.children) continue;
        for (const [child, n] of node.children) removed(n, dir ? `${dir}/${child}` : child, layer);
        node.children.clear();
        continue;
      }
      const target = dir ? `${dir}/${name.slice(WHITEOUT.length)}` : name.slice(WHITEOUT.length);
      const found = lookup(target);
      // dive sizes a whiteout by what it hides when that was a folder, and as 0 when it was a file.
      diveSee(target, found?.node?.children ? subtreeBytes(found.node) : 0);
      if (!found?.node) continue;
      removed(found.node, target, layer);
      found.parent.children!.delete(found.name);
    }
    // Then what the layer writes.
    for (const e of entries) {
      if (!e.path || baseName(e.path).startsWith(WHITEOUT)) continue;
      if (e.kind === 'dir') {
        const found = lookup(e.path);
        if (found?.node && !found.node.children) removed(found.node, e.path, layer);
        const dir = ensureDir(e.path, layer);
        dir.mode = e.mode;
        dir.uid = e.uid;
        dir.gid = e.gid;
        continue;
      }
      diveSee(e.path, e.size);
      if (e.kind === 'file') {
        bytes += e.size;
        files++;
        const parts = e.path.split('/');
        const folder = parts.slice(0, Math.min(3, parts.length - 1)).join('/');
        folderBytes.set(folder, (folderBytes.get(folder) ?? 0) + e.size);
      }
      const parent = ensureDir(dirName(e.path), layer);
      const name = baseName(e.path);
      const old = parent.children!.get(name);
      if (old) {
        if (old.children) removed(old, e.path, layer);
        else if (old.layer >= 0 && old.size > 0) {
          const sameContent = e.kind === 'file' && e.size === old.size && (e.mode !== old.mode || e.uid !== old.uid || e.gid !== old.gid);
          // A change of owner or mode is the later line's doing: the waste is told there, naming the earlier line.
          if (sameContent) record('metadata', old.layer, layer, e.path, e.path, old.size);
          else record('rewritten', old.layer, layer, e.path, e.path, old.size);
        }
      }
      parent.children!.set(name, { children: null, size: e.size, layer, mode: e.mode, uid: e.uid, gid: e.gid });
    }
    const largestFolders = [...folderBytes]
      .map(([folder, b]) => ({ folder: `/${folder}`, bytes: b }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    summaries.push({ bytes, files, largestFolders });
  });

  let minimum = 0;
  let discovered = 0;
  let diveWasted = 0;
  for (const seen of dive.values()) {
    minimum += seen.min;
    discovered += seen.total;
    if (seen.count > 1) diveWasted += seen.total;
  }
  const list = [...groups.values()].map(({ targets, ...g }) => ({
    ...g,
    // One path deleted or rewritten: name it; several in one folder: name the folder.
    folder: targets.size === 1 ? `/${[...targets][0]}` : `/${g.folder}`,
    paths: g.paths.sort((a, b) => b.bytes - a.bytes).slice(0, MAX_PATHS),
  }));
  list.sort((a, b) => b.bytes - a.bytes);
  return {
    layers: summaries,
    groups: list,
    wastedBytes: list.reduce((s, g) => s + g.bytes, 0),
    diveEfficiency: discovered === 0 ? 1 : minimum / discovered,
    diveWastedBytes: diveWasted,
  };
}
