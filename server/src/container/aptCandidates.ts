// The version apt would install of each package, asked of the stage's own base
// image: one throwaway container per RUN (`apt-get update`, then `apt-cache
// policy`), with the user's run arguments (`--network host` on machines
// without a bridge) and the stage's platform. Package names reach the
// container's shell as arguments ("$@"), never inside the script's text.
// Cached per image ID and platform, so a second RUN on one base asks again
// only for what it has not seen.
import { ContainerEngine, EngineError } from './engine';

export type AptAnswer = { versions: Map<string, string>; unknown: Map<string, string> } | { problem: string };

const APT_NAME = /^[a-z0-9][a-z0-9+.-]*$/;
/** Exit code the script uses when `apt-get update` fails, so the message can say so. */
const UPDATE_FAILED = 90;
const SCRIPT = `apt-get update -qq >/dev/null 2>/tmp/update.err || { cat /tmp/update.err >&2; exit ${UPDATE_FAILED}; }; LC_ALL=C apt-cache policy "$@"`;

const cache = new Map<string, Map<string, string | null>>();

export interface AptOptions {
  runArgs?: readonly string[];
  platform?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function aptCandidates(engine: ContainerEngine, image: string, packages: readonly string[], options: AptOptions = {}): Promise<AptAnswer> {
  const bad = packages.find((p) => !APT_NAME.test(p));
  if (bad) return { problem: `'${bad}' is not an apt package name` };
  let id: string;
  try {
    id = (await engine.run(['image', 'inspect', '--format', '{{.Id}}', image], { signal: options.signal, timeoutMs: 20_000 })).stdout.trim();
  } catch (e) {
    if (e instanceof EngineError && e.kind === 'failed') return { problem: `${image} is not on the local engine: pull it first (${engine.command} pull ${image})` };
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  const key = `${id}|${options.platform ?? ''}`;
  const known = cache.get(key) ?? new Map<string, string | null>();
  const ask = [...new Set(packages)].filter((p) => !known.has(p));
  if (ask.length > 0) {
    let out: string;
    try {
      ({ stdout: out } = await engine.runContainer(image, ['-c', SCRIPT, 'sh', ...ask], {
        entrypoint: 'sh',
        runArgs: options.runArgs,
        platform: options.platform,
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 300_000,
      }));
    } catch (e) {
      if (e instanceof EngineError && e.code === UPDATE_FAILED) return { problem: `apt-get update failed in ${image} (does the container reach the network? docker.runArgs such as --network=host): ${e.stderr.trim().split('\n').pop()}` };
      return { problem: e instanceof Error ? e.message : String(e) };
    }
    const found = readPolicy(out);
    for (const p of ask) known.set(p, found.get(p) ?? null);
    if (cache.size > 64) cache.clear();
    cache.set(key, known);
  }
  const versions = new Map<string, string>();
  const unknown = new Map<string, string>();
  for (const p of packages) {
    const v = known.get(p);
    if (v) versions.set(p, v);
    else unknown.set(p, `${image}'s apt sources have no installable version of ${p}`);
  }
  return { versions, unknown };
}

/** `apt-cache policy` output: each package's `Candidate:` line, `(none)` left out. */
export function readPolicy(text: string): Map<string, string> {
  const found = new Map<string, string>();
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) {
      current = head[1].replace(/:[a-z0-9]+$/, '');
      continue;
    }
    const candidate = /^\s+Candidate:\s+(\S+)/.exec(line);
    if (current && candidate && candidate[1] !== '(none)') found.set(current, candidate[1]);
  }
  return found;
}
