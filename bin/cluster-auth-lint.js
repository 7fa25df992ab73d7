#!/usr/bin/env node
'use strict';
// Prefer the bundle (one file: fast start-up) unless the TypeScript output is newer (mid-development).
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'dist', 'cli.js');
const out = join(__dirname, '..', 'out', 'server', 'src', 'cli.js');
const useBundle = existsSync(bundle) && (!existsSync(out) || statSync(bundle).mtimeMs >= statSync(out).mtimeMs);
const cli = require(useBundle ? bundle : out);
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`cluster-auth-lint: internal error (${(e && e.name) || 'Error'})\n`);
    process.exit(2);
  },
);
