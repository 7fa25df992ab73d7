// Engine throughput against the parse floor, measured in one process and one run: (a) parsing every
// file's bytes with `yaml`'s parseAllDocuments alone, (b) the full lint (mask, parse, embedded,
// recognise, index, rules). Rounds interleave a and b so that machine noise hits both alike.
import { parseAllDocuments } from 'yaml';
import { Workspace, CLI_MODEL_CACHE_BYTES } from '../server/src/engine/workspace';
import { defaultConfig } from '../server/src/engine/config';
import type { Finding } from '../server/src/engine/types';
import { synthRepo } from './synth';
import { median } from './stats';

export interface ThroughputRow {
  files: number;
  bytes: number;
  parseMs: number;
  lintMs: number;
  ratio: number;
  findings: number;
}

function parseOnly(files: Map<string, string>): number {
  const t0 = performance.now();
  let docs = 0;
  for (const text of files.values()) docs += parseAllDocuments(text).length;
  const t = performance.now() - t0;
  if (docs < 0) throw new Error('unreachable');
  return t;
}

function fullLint(files: Map<string, string>): { ms: number; findings: Finding[] } {
  const t0 = performance.now();
  // As the CLI runs it: index every file, then lint every file, models kept in between.
  const ws = new Workspace(defaultConfig, undefined, { modelCacheBytes: CLI_MODEL_CACHE_BYTES });
  for (const [p, t] of files) ws.update(`/repo/${p}`, t);
  const findings: Finding[] = [];
  for (const p of files.keys()) findings.push(...ws.lint(`/repo/${p}`));
  return { ms: performance.now() - t0, findings };
}

export function throughput(count: number, rounds: number): ThroughputRow {
  const files = synthRepo(count);
  let bytes = 0;
  for (const t of files.values()) bytes += t.length;
  parseOnly(files);
  let last = fullLint(files);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(parseOnly(files));
    last = fullLint(files);
    b.push(last.ms);
  }
  const parseMs = median(a);
  const lintMs = median(b);
  return { files: count, bytes, parseMs, lintMs, ratio: lintMs / parseMs, findings: last.findings.length };
}

/**
 * The fast path (one workspace, a file edited, only it and its dependents re-linted) must give the
 * same findings as linting everything afresh.
 */
export function fastPathMatchesFullRelint(count: number): { ok: boolean; edits: number } {
  const files = synthRepo(count);
  const ws = new Workspace(defaultConfig);
  const current = new Map<string, Finding[]>();
  for (const [p, t] of files) ws.update(`/repo/${p}`, t);
  for (const p of files.keys()) current.set(`/repo/${p}`, ws.lint(`/repo/${p}`));
  const paths = [...files.keys()];
  let edits = 0;
  // Drop the label from some SealedSecrets and rename a key: facts change, dependents re-lint.
  for (const p of paths.filter((x) => x.endsWith('secret.yaml')).slice(0, 5)) {
    const text = files.get(p)!.replace('app.kubernetes.io/part-of: argocd', 'app.kubernetes.io/part-of: other').replace('key-0:', 'key-zero:');
    files.set(p, text);
    const abs = `/repo/${p}`;
    const deps = ws.update(abs, text);
    current.set(abs, ws.lint(abs));
    for (const d of deps) current.set(d, ws.lint(d));
    edits++;
  }
  const fresh = new Workspace(defaultConfig);
  for (const [p, t] of files) fresh.update(`/repo/${p}`, t);
  const key = (f: Finding) => `${f.file}:${f.start}:${f.end}:${f.ruleId}:${f.message}`;
  const a = [...current.values()].flat().map(key).sort();
  const b = paths.flatMap((p) => fresh.lint(`/repo/${p}`)).map(key).sort();
  return { ok: JSON.stringify(a) === JSON.stringify(b), edits };
}
