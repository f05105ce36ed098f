// Neovim as an LSP client of layerwise-language-server: Debian's nvim
// (0.7.2), headless, with a small Lua config of this test's own that starts
// the bundled server over stdio for a Dockerfile and prints the diagnostics
// Neovim received, as a user's config would show them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withEditor } from '../support/editors';
import { SERVER } from '../support/lspClient';

// Neovim 0.7 predates vim.lsp.start and vim.lsp.config: start_client, then attach the buffer (docs/EDITORS.md gives both forms).
const INIT_LUA = `
local id = vim.lsp.start_client({
  name = 'layerwise',
  cmd = { vim.env.LAYERWISE_NODE, vim.env.LAYERWISE_SERVER, '--stdio' },
  root_dir = vim.fn.getcwd(),
  init_options = { workspaceTrusted = false },
})
vim.cmd('edit Dockerfile')
vim.lsp.buf_attach_client(0, id)
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local severities = { 'error', 'warning', 'info', 'hint' }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  io.stdout:write(string.format('%d:%d %s %s %s\\n', d.lnum + 1, d.col + 1, severities[d.severity], d.source or '?', code))
end
vim.cmd('qa!')
`;

withEditor('nvim', 'neovim', (version) => {
  describe(`Neovim (${version}) with layerwise-language-server`, () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-nvim-'));
      fs.writeFileSync(path.join(dir, 'init.lua'), INIT_LUA);
      fs.copyFileSync(path.resolve(__dirname, '../fixtures/seed-workshop/exercises/2.ubuntu/Dockerfile.2'), path.join(dir, 'Dockerfile'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('shows the findings of the lesson Dockerfile, with their lines and rule ids', () => {
      const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'init.lua'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60000,
        env: { ...process.env, LAYERWISE_NODE: process.execPath, LAYERWISE_SERVER: SERVER, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      });
      assert.equal(r.status, 0, `${r.stderr}${r.error ?? ''}`);
      const lines = r.stdout.trim().split(/\r?\n/);
      for (const expected of ['3:5 warning layerwise apt-lists-not-removed', '10:5 warning layerwise cleanup-in-separate-layer', '4:10 info layerwise apt-recommends-not-disabled']) {
        assert.ok(lines.includes(expected), `${expected} not in what Neovim printed:\n${r.stdout}${r.stderr}`);
      }
    });
  });
});
