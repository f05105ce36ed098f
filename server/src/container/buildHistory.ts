// The sizes of earlier builds, for "350 MB, down 29 MB (8%) since the last
// build". The editor keeps them in workspace state; the CLI in a JSON file
// under the user's state folder (LAYERWISE_BUILD_HISTORY names another).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeChange, formatBytes } from './units';

export interface BuildRecord {
  /** The tag built (the history's key). */
  tag: string;
  id: string;
  size: number;
  /** ISO time. */
  time: string;
  dockerfile?: string;
}

/** The most records kept per tag. */
const KEEP = 20;

export function addRecord(records: readonly BuildRecord[], record: BuildRecord): BuildRecord[] {
  const same = records.filter((r) => r.tag === record.tag);
  const others = records.filter((r) => r.tag !== record.tag);
  return [...others, ...same.slice(-(KEEP - 1)), record];
}

export function lastRecord(records: readonly BuildRecord[], tag: string): BuildRecord | undefined {
  return records.filter((r) => r.tag === tag).at(-1);
}

/** "350 MB, down 29 MB (8%) since the last build" or "350 MB (first build of T)". */
export function sizeLine(size: number, previous: { size: number } | undefined, against = 'since the last build'): string {
  if (!previous) return `${formatBytes(size)} (the first build measured of this tag)`;
  return `${formatBytes(size)}, ${describeChange(previous.size, size)} ${against}`;
}

export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAYERWISE_BUILD_HISTORY) return env.LAYERWISE_BUILD_HISTORY;
  const state = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'layerwise', 'builds.json');
}

export function readHistoryFile(file: string): BuildRecord[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as BuildRecord[]).filter((r) => r && typeof r.tag === 'string' && typeof r.size === 'number') : [];
  } catch {
    return [];
  }
}

export function writeHistoryFile(file: string, records: readonly BuildRecord[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(records, null, 1));
  fs.renameSync(temp, file);
}
