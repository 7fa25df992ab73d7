#!/usr/bin/env node
// The cluster-auth-lint language server for any LSP client:
//   cluster-auth-lint-server --stdio        (Neovim, Helix, Emacs, ...)
//   cluster-auth-lint-server --node-ipc     (a Node parent process, e.g. VS Code)
'use strict';
const path = require('node:path');
const fs = require('node:fs');

if (process.argv.includes('--version') || process.argv.includes('-v')) {
  process.stdout.write(require('../package.json').version + '\n');
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: cluster-auth-lint-server (--stdio | --node-ipc | --socket=<port>)\n');
  process.exit(0);
}

const candidates = [path.join(__dirname, '..', 'dist', 'server.js'), path.join(__dirname, '..', 'out', 'server', 'src', 'server.js')];
const entry = candidates.find((p) => fs.existsSync(p));
if (!entry) {
  process.stderr.write('cluster-auth-lint-server: not built yet; run `npm run build` first.\n');
  process.exit(1);
}
require(entry);
