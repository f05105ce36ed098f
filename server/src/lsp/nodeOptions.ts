// How the editor starts the language server's Node.js. Opening many files at
// once builds many models in a burst, and V8 then grows its young generation
// to 32 MB, which stays resident: capped at 4 MB semi-spaces, 50 open 500-line
// Dockerfiles take under 100 MB, and a keystroke in a 5,000-line file is as
// quick as before (see docs/PERFORMANCE.md, which starts the server this way).
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4'];
