// CLI wall time, as whole processes (Node start-up included).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { synthRepo } from './synth';
import { median, ms } from './stats';

const ROOT = resolve(__dirname, '../..');

export function writeRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `cal-bench-${count}-`));
  for (const [p, t] of synthRepo(count)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  return dir;
}

function timeProcess(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (r.status === 2 || r.status === null) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

export async function cliBench(): Promise<Record<string, number>> {
  const bin = join(ROOT, 'bin/cluster-auth-lint.js');
  const parseOnly = join(ROOT, 'out/bench/parseOnly.js');
  const small = writeRepo(300);
  const big = writeRepo(1150);
  const cli300 = timeProcess([bin, '--no-config', '--format', 'json', small], 7);
  const cli1150 = timeProcess([bin, '--no-config', '--format', 'json', big], 5);
  const parse1150 = timeProcess([parseOnly, big], 5);
  const result = { cli300Ms: cli300, cli1150Ms: cli1150, parseOnly1150Ms: parse1150, ratio1150: cli1150 / parse1150 };
  console.log('\nCLI wall time (whole processes, median)');
  console.log('| run | median (ms) | target |');
  console.log('| --- | ---: | --- |');
  console.log(`| CLI on 300 files | ${ms(cli300)} | < 1000 |`);
  console.log(`| CLI on 1,150 files | ${ms(cli1150)} | |`);
  console.log(`| node + yaml: read and parse the same 1,150 files | ${ms(parse1150)} | |`);
  console.log(`| ratio CLI / parse-only process | ${result.ratio1150.toFixed(2)} | ≤ 2.5 |`);
  return result;
}
