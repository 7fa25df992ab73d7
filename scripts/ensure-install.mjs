#!/usr/bin/env node
// `npm start` and `npm test` must work on a fresh clone: install the dependencies when they are
// missing or older than the lock file, and do nothing (quickly) otherwise.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const stamp = 'node_modules/.package-lock.json';
const stale = !existsSync(stamp) || statSync(stamp).mtimeMs < statSync('package-lock.json').mtimeMs - 1000;
if (stale) {
  console.error('cluster-auth-lint: installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
