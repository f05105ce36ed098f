// The real language server with one extra rule that throws (see
// throwingRule.ts). The resilience tests start it with tsx, so no broken rule
// ships in dist/server.js and no switch in the product turns one on.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { rules } from '../../server/src/rules';
import { throwsOnBoom } from './throwingRule';

startServer(createConnection(ProposedFeatures.all), { rules: [...rules, throwsOnBoom] });
