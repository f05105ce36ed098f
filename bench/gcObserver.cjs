// Preloaded (node --require) into each server a typing session measures, ours
// and the peer alike: it writes the server's GC pauses, as epoch times, to the
// file LAYERWISE_BENCH_GC names when the server exits, so that bench/typing.ts
// can tell which keystrokes' diagnostics waited on one. Plain JavaScript, so
// that the server loads nothing else for it.
const { PerformanceObserver, performance } = require('node:perf_hooks');
const fs = require('node:fs');

const out = process.env.LAYERWISE_BENCH_GC;
if (out) {
  const pauses = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration });
  }).observe({ entryTypes: ['gc'] });
  process.on('exit', () => fs.writeFileSync(out, JSON.stringify(pauses)));
}
