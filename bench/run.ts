// `npm run bench`: prints a table and writes bench/results.json. Not part of `npm test`.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { throughput, fastPathMatchesFullRelint } from './engine';
import { ms } from './stats';

const ROOT = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (s: string) => only.length === 0 || only.includes(s);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };

  if (want('engine')) {
    const rows = [throughput(300, 7), throughput(3000, 5), throughput(10000, 3)];
    console.log('\nEngine throughput vs the parse floor (medians; same process, interleaved rounds)');
    console.log('| files | MB | parse only (ms) | full lint (ms) | ratio (target ≤ 2.0) | findings |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.files} | ${(r.bytes / 1e6).toFixed(1)} | ${ms(r.parseMs)} | ${ms(r.lintMs)} | ${r.ratio.toFixed(2)} | ${r.findings} |`);
    const growth = rows[2].lintMs / rows[0].lintMs;
    console.log(`Growth 300 → 10,000 files: ${growth.toFixed(1)}x (target ≤ 40x for 33x the files)`);
    const parity = fastPathMatchesFullRelint(600);
    console.log(`Fast path (incremental re-lint of dependents) equals a full re-lint after ${parity.edits} edits: ${parity.ok ? 'yes' : 'NO'}`);
    if (!parity.ok) process.exitCode = 1;
    results.engine = { rows, growth, fastPathParity: parity };
  }

  if (want('cli')) results.cli = await (await import('./cli')).cliBench();
  if (want('lsp') || want('latency')) results.latency = await (await import('./lsp')).latencyBench();
  if (want('lsp') || want('memory')) results.memory = await (await import('./lsp')).memoryBench();
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\nWrote bench/results.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
