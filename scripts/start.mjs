#!/usr/bin/env node
// `npm start [-- PATH...]`: lints the given paths, or the planted examples/ when none is given.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const demo = !args.some((a) => !a.startsWith('-'));
const r = spawnSync(process.execPath, ['bin/cluster-auth-lint.js', ...args, ...(demo ? ['examples'] : [])], { stdio: 'inherit' });
if (demo && r.status === 1) {
  console.log('(The CLI exits 1 here because examples/ holds planted errors; see examples/README.md.)');
  process.exit(0);
}
process.exit(r.status ?? 2);
