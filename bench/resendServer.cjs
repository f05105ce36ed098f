// The limit the finding-dense keystroke rows are printed beside: a language
// server that lints nothing and, on every change, re-sends the diagnostics
// Layerwise published for the file when it was opened (read from the JSON file
// LAYERWISE_BENCH_DIAGNOSTICS names). It encodes them once, at start, and
// then writes those bytes with only the version changed, through the same
// vscode-languageserver and stdio as dist/server.js, so its keystroke is what
// piping that many diagnostics and parsing them in the client cost, and no
// server that sends them all can be quicker.
// Plain JavaScript, started by bench/typing.ts as it starts the servers.
const fs = require('node:fs');
const { createConnection, ProposedFeatures, StreamMessageWriter, TextDocumentSyncKind } = require('vscode-languageserver/node');

const diagnostics = Buffer.from(JSON.stringify(JSON.parse(fs.readFileSync(process.env.LAYERWISE_BENCH_DIAGNOSTICS, 'utf8'))));
const PUBLISH = 'textDocument/publishDiagnostics';
const encoder = {
  name: 'application/json',
  encode(message) {
    if (message.method !== PUBLISH) return Promise.resolve(Buffer.from(JSON.stringify(message)));
    const { uri, version } = message.params;
    const head = Buffer.from(`{"jsonrpc":"2.0","method":"${PUBLISH}","params":{"uri":${JSON.stringify(uri)},"version":${version},"diagnostics":`);
    return Promise.resolve(Buffer.concat([head, diagnostics, Buffer.from('}}')]));
  },
};
const connection = createConnection(ProposedFeatures.all, process.stdin, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: encoder }));
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
const resend = (uri, version) => connection.sendDiagnostics({ uri, version, diagnostics: [] });
connection.onDidOpenTextDocument(({ textDocument }) => resend(textDocument.uri, textDocument.version));
connection.onDidChangeTextDocument(({ textDocument }) => resend(textDocument.uri, textDocument.version));
connection.listen();
