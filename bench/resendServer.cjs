// The limit the finding-dense keystroke rows are printed beside: a language
// server that lints nothing and, on every change, re-sends the diagnostics
// Layerwise published for the file when it was opened (read from the JSON file
// LAYERWISE_BENCH_DIAGNOSTICS names), as new objects, as a server that builds
// them does. It speaks through vscode-languageserver as dist/server.js does, so
// its keystroke is what encoding, piping and parsing that many diagnostics
// cost over stdio, and no server that sends them all can be quicker.
// Plain JavaScript, started by bench/typing.ts as it starts the servers.
const fs = require('node:fs');
const { createConnection, ProposedFeatures, TextDocumentSyncKind } = require('vscode-languageserver/node');

const diagnostics = JSON.parse(fs.readFileSync(process.env.LAYERWISE_BENCH_DIAGNOSTICS, 'utf8'));
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
const resend = (uri, version) =>
  connection.sendDiagnostics({
    uri,
    version,
    diagnostics: diagnostics.map((d) => ({ ...d, range: { start: { ...d.range.start }, end: { ...d.range.end } }, codeDescription: d.codeDescription && { ...d.codeDescription } })),
  });
connection.onDidOpenTextDocument(({ textDocument }) => resend(textDocument.uri, textDocument.version));
connection.onDidChangeTextDocument(({ textDocument }) => resend(textDocument.uri, textDocument.version));
connection.listen();
