// A second, independent LSP client: headless Neovim's built-in client (Debian's `neovim`
// package, installed here when missing) must show our diagnostics for a bad file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { serverCommand } from '../lsp/harness';
import { ARGOCD_CM_UNLABELLED, CM_LABEL_RULE, OAUTH2_PROXY_APP_WILDCARD, WILDCARD_RULE } from '../lsp/fixtures';

function hasNvim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Installs Debian's neovim when missing; returns why it could not, or undefined when nvim is there. */
function ensureNeovim(): string | undefined {
  if (hasNvim()) return undefined;
  if (spawnSync('apt-get', ['--version']).status !== 0) return 'nvim is not installed and apt-get is not available';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { env, encoding: 'utf8', timeout: 300_000 });
  if (update.status !== 0) return `apt-get update failed: ${update.stderr.slice(-500)}`;
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'neovim'], { env, encoding: 'utf8', timeout: 600_000 });
  if (install.status !== 0) return `apt-get install neovim failed: ${install.stderr.slice(-500)}`;
  return hasNvim() ? undefined : 'nvim still missing after apt-get install';
}

/** Lua for Neovim 0.7+ (Debian 12 ships 0.7.2, before vim.lsp.start): start, attach, wait, report. */
function script(file: string, root: string, result: string, code: string): string {
  const cmd = [process.execPath, ...serverCommand('--stdio')];
  const lua = (s: string) => JSON.stringify(s);
  return `
local result_file = ${lua(result)}
local function finish(tbl)
  local f = io.open(result_file, 'w')
  f:write(vim.fn.json_encode(tbl))
  f:close()
  vim.cmd('qa!')
end
local id = vim.lsp.start_client({
  name = 'cluster-auth-lint',
  cmd = { ${cmd.map(lua).join(', ')} },
  root_dir = ${lua(root)},
  workspace_folders = { { uri = vim.uri_from_fname(${lua(root)}), name = 'ws' } },
})
if not id then finish({ error = 'start_client failed' }) return end
vim.cmd('edit ' .. vim.fn.fnameescape(${lua(file)}))
vim.bo.filetype = 'yaml'
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = { waited = ok, diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(out.diagnostics, { code = d.code or lsp.code, source = d.source or lsp.source, message = d.message, lnum = d.lnum, severity = d.severity })
end
if ok then
  local first = vim.diagnostic.get(0)[1]
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    if (d.code or lsp.code) == ${lua(code)} then first = d end
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = first.lnum, character = first.col } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(responses) do
    if r.result and r.result.contents then out.hover = r.result.contents.value or vim.fn.json_encode(r.result.contents) end
  end
end
finish(out)
`;
}

interface NvimResult {
  error?: string;
  waited: boolean;
  diagnostics: Array<{ code?: string; source?: string; message: string; lnum: number; severity: number }>;
  hover?: string;
}

function runNeovim(files: Record<string, string>, open: string, code: string): NvimResult {
  const root = mkdtempSync(path.join(tmpdir(), 'cal-nvim-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const result = path.join(root, 'result.json');
    const lua = path.join(root, 'run.lua');
    writeFileSync(lua, script(path.join(root, open), root, result, code));
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${lua}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    let text: string;
    try {
      text = readFileSync(result, 'utf8');
    } catch {
      throw new Error(`nvim wrote no result (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-1000)} ${r.stdout.slice(-1000)}`);
    }
    return JSON.parse(text) as NvimResult;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('neovim: the built-in LSP client shows our diagnostics', { timeout: 900_000 }, async (t) => {
  const missing = ensureNeovim();
  if (missing) {
    t.skip(`cannot run Neovim: ${missing}`);
    return;
  }
  const cases: Array<{ name: string; files: Record<string, string>; open: string; code: string }> = [
    { name: 'a templated Application with wildcard email domains', files: { 'apps/oauth2-proxy.yaml': OAUTH2_PROXY_APP_WILDCARD }, open: 'apps/oauth2-proxy.yaml', code: WILDCARD_RULE },
    { name: 'a templated argocd-cm without its label', files: { 'argocd/argocd-cm.yaml': ARGOCD_CM_UNLABELLED }, open: 'argocd/argocd-cm.yaml', code: CM_LABEL_RULE },
    { name: 'a broken .cluster-auth-lint.yaml', files: { '.cluster-auth-lint.yaml': 'rules: [oops\n' }, open: '.cluster-auth-lint.yaml', code: 'meta/config' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const r = runNeovim(c.files, c.open, c.code);
      assert.equal(r.error, undefined);
      assert.ok(r.waited, 'diagnostics arrived in Neovim');
      const d = r.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `a ${c.code} diagnostic, got ${JSON.stringify(r.diagnostics)}`);
      assert.equal(d.source, 'cluster-auth-lint');
      assert.ok(r.hover && r.hover.includes(c.code), `hover names the rule: ${r.hover}`);
    });
  }
});
