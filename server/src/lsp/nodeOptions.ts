// How the editor starts the language server's Node.js. Opening many files at
// once builds many models in a burst, and V8 then grows its young generation
// to 32 MB and its old generation up to 4 times what is live, which stays
// resident. Capped at 2 MB semi-spaces, and with the old generation grown by
// half at a time, 50 open 500-line Dockerfiles take about 92 MB (4 MB
// semi-spaces: about 100, over the budget, once this session's rules were in),
// and a keystroke in a 5,000-line file or in the finding-dense one is as quick
// (see docs/PERFORMANCE.md, which starts the server this way). Both are
// long-standing V8 flags; an unknown one would stop the server from starting,
// and the end-to-end tests start it this way in code-server's Node.js.
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=50'];
