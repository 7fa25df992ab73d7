#!/usr/bin/env node
'use strict';
// Prefer the bundle (one file: fast start-up); fall back to the TypeScript output.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'dist', 'cli.js');
const cli = require(existsSync(bundle) ? bundle : join(__dirname, '..', 'out', 'server', 'src', 'cli.js'));
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`cluster-auth-lint: internal error (${(e && e.name) || 'Error'})\n`);
    process.exit(2);
  },
);
