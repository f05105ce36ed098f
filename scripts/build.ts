// Bundles the client, the server and the CLI into dist/ with esbuild, so the
// .vsix carries no node_modules.
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle';

const shebang = { js: '#!/usr/bin/env node' };

async function main(): Promise<void> {
  await Promise.all([
    build({ ...BUNDLE_OPTIONS, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    // The Docker commands (Build, Measure, Generate lockfile, Capture environment changes), loaded on first use
    // so that activation stays light.
    build({ ...BUNDLE_OPTIONS, entryPoints: ['client/src/docker/module.ts'], outfile: 'dist/docker.js', external: ['vscode'] }),
    build({ ...BUNDLE_OPTIONS, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', banner: shebang }),
    build({ ...BUNDLE_OPTIONS, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: shebang }),
    // undici's fetch and ProxyAgent for the server's and the CLI's lookups, loaded only when a request goes through
    // a proxy (server/src/lookup/proxy.ts), so that start-up and a machine without a proxy do not pay for it.
    build({ ...BUNDLE_OPTIONS, entryPoints: ['server/src/lookup/proxyAgent.ts'], outfile: 'dist/proxy.js' }),
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
