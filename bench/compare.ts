// The in-process timing the lint and fix tables use: tasks timed warm, in
// interleaved rounds, so that drift on a busy machine hits all of them alike.

export interface CompareOptions {
  rounds: number;
  /** The least time each task is measured for, over all rounds. */
  minMs: number;
  /** How long each task runs before it is timed, and how many calls it makes at least (unless that takes over warmCapMs). */
  warmMs: number;
  warmCalls: number;
  warmCapMs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median time of each task, measured in interleaved rounds; a round repeats a
 * task until it has run for long enough to time, and counts the time per call.
 */
export function compare(tasks: Record<string, () => unknown>, o: CompareOptions): Record<string, number> {
  const names = Object.keys(tasks);
  const reps: Record<string, number> = {};
  // Warm up until the JIT has compiled what each task runs, then time each task warm to pick how many calls make
  // a round of about minMs / rounds. Timed cold, a fast task got rounds of a few calls, which a single GC
  // pause or a tier-up in mid-round swamped.
  // A small file's lint runs thousands of times before V8 has optimised all 50 rules (measured: 0.8 ms a lint
  // over the first 1,000 runs of a 20-line file, 0.12 ms after 3,000), so warming also asks for a number of calls,
  // within a time cap that keeps the 5,000-line rows short.
  const runFor = (name: string, ms: number, calls = 3) => {
    const t0 = performance.now();
    let n = 0;
    while (n < 3 || performance.now() - t0 < ms || (n < calls && performance.now() - t0 < o.warmCapMs)) {
      tasks[name]();
      n++;
    }
    return (performance.now() - t0) / n;
  };
  for (const name of names) runFor(name, o.warmMs, o.warmCalls);
  for (const name of names) reps[name] = Math.max(1, Math.round(o.minMs / o.rounds / runFor(name, 20)));
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < o.rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t = performance.now();
      for (let i = 0; i < reps[name]; i++) tasks[name]();
      samples[name].push((performance.now() - t) / reps[name]);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}
