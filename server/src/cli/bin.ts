// Entry point of the `layerwise` command.
import { run } from './main';

// A closed pipe (`layerwise lint . | head`) is not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Ctrl+C cancels what runs (a build, a lock): the command stops the container CLI, removes what it started, and exits 130.
const interrupted = new AbortController();
function interrupt(): void {
  interrupted.abort();
  // A lint has nothing to cancel; anything still running after the clean-up window is ended.
  setTimeout(() => process.exit(130), 10_000).unref();
}
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);

void run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  signal: interrupted.signal,
}).then((code) => {
  process.exitCode = code;
});
