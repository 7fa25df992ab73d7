#!/usr/bin/env node
// Bundles the extension with esbuild: dist/client.js (VS Code side, `vscode` external),
// dist/server.js (language server), dist/cli.js (command line) and dist/probe.js (the MCP
// probe, loaded by the client only when its command runs, to keep activation fast).
// An entry whose source does not exist yet is skipped with a note, so the build works while
// parts of the project are still being written.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { build } from 'esbuild';

/** A relative import of a module that is not written yet stays a run-time require, with a warning. */
const notWrittenYet = {
  name: 'not-written-yet',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const base = resolve(args.resolveDir || dirname(args.importer), args.path);
      const found = ['', '.ts', '.js', '.json', '/index.ts', '/index.js'].some((ext) => existsSync(base + ext));
      if (found) return undefined;
      console.error(`bundle: ${args.path} (imported by ${args.importer}) does not exist yet; left as a run-time require`);
      return { path: args.path, external: true };
    });
  },
};

const production = !process.argv.includes('--dev');
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'dist/server.js', external: [] },
  { in: 'server/src/cli.ts', out: 'dist/cli.js', external: [] },
  { in: 'server/src/probe/main.ts', out: 'dist/probe.js', external: [] },
];

mkdirSync('dist', { recursive: true });
let failed = false;
for (const e of entries) {
  if (!existsSync(e.in)) {
    console.error(`bundle: skipping ${e.out} (${e.in} does not exist yet)`);
    continue;
  }
  try {
    const t0 = Date.now();
    await build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: e.external,
      minify: production,
      sourcemap: production ? false : 'inline',
      legalComments: 'none',
      logLevel: 'warning',
      // JSON schemas imported by the engine are inlined; schemas/ is still shipped for hover.
      loader: { '.json': 'json' },
      plugins: [notWrittenYet],
    });
    console.error(`bundle: ${e.out} ${(statSync(e.out).size / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`);
  } catch (err) {
    failed = true;
    console.error(`bundle: ${e.out} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
