// Preloaded (node --require) into each server a typing session measures, ours
// and the peer alike. When the server exits it writes, in ms of the machine's
// monotonic clock, to the file LAYERWISE_BENCH_OBSERVED names: its GC pauses,
// so that bench/typing.ts can tell which keystrokes' diagnostics waited on
// one, and when its stdin received data and when it began each write to
// stdout, so that a keystroke can be split into the server's own time (from
// the change's arrival to the start of its diagnostics' write) and the pipe's
// and client's (the rest).
// The monotonic clock (process.hrtime) is one for every process of the
// machine; epoch times are not: each process's performance.timeOrigin is its
// own estimate, and two of them were seen 3 ms apart, more than a keystroke's
// pipe, after the machine's clock was stepped.
// Plain JavaScript, so that the server loads nothing else for it.
const { PerformanceObserver, performance } = require('node:perf_hooks');
const fs = require('node:fs');

const out = process.env.LAYERWISE_BENCH_OBSERVED;
if (out) {
  const monotonic = () => Number(process.hrtime.bigint()) / 1e6;
  // performance.now() runs on the same clock, from this process's own origin.
  const origin = monotonic() - performance.now();
  const pauses = [];
  const reads = [];
  const writes = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ at: origin + entry.startTime, ms: entry.duration });
  }).observe({ entryTypes: ['gc'] });
  // Seen in emit rather than by a listener of its own: a 'data' listener would start the stream flowing before
  // the server has its own, and the server would miss what came first.
  const emit = process.stdin.emit;
  process.stdin.emit = function (event, ...args) {
    if (event === 'data') reads.push(monotonic());
    return emit.call(this, event, ...args);
  };
  const write = process.stdout.write;
  process.stdout.write = function (...args) {
    writes.push(monotonic());
    return write.apply(this, args);
  };
  process.on('exit', () => fs.writeFileSync(out, JSON.stringify({ pauses, reads, writes })));
}
