// Property-based fuzzing of the engine with fast-check: random and mutated YAML from real-world
// shapes must never make it throw or hang, findings stay inside the text, and fixes never break a
// file that parsed. Fixed seed; the seed and counterexample are printed on failure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { applyEdits, fixAllEdits } from '../../server/src/engine/fix';
import { fileSource } from '../../server/src/engine/source';

const ROOT = resolve(__dirname, '../../..');
const SEED = Number(process.env.CAL_FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.CAL_FUZZ_RUNS ?? 300);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

// Real shapes: the examples and fixtures of this repository (Helm templates, block scalars holding YAML, SealedSecrets, Ansible).
const seeds = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test'))]
  .map((f) => readFileSync(f, 'utf8'))
  .filter((t) => t.length < 20000);

const config = { ...defaultConfig, maxFileSize: 16 * 1024 * 1024 };

function parses(text: string): boolean {
  return fileSource('/p.yaml', text).docs.every((d) => d.errors.length === 0);
}

/** Lints and checks the invariants; returns the time taken. */
function check(text: string): number {
  const t0 = performance.now();
  const findings = lintText(text, '/repo/fuzz.yaml', config);
  const ms = performance.now() - t0;
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `finding ${f.ruleId} range ${f.start}-${f.end} outside 0-${text.length}`);
    assert.ok(f.span.start.line <= f.span.end.line);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `edit outside the text (${f.ruleId})`);
  }
  if (parses(text)) {
    const fixed = applyEdits(text, fixAllEdits(findings));
    assert.ok(parses(fixed), `fixes broke a file that parsed (${findings.filter((f) => f.fixes.length).map((f) => f.ruleId).join(', ')})`);
  }
  return ms;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), text: fc.constantFrom('{{', '}}', '{{- if .Values.x }}\n', '{% if x %}', '\t', '\r', '\r\n', '\u0000', '\ufeff', ': ', '- ', '|\n', '"', "'", '&a ', '*a', '#', '\n---\n', '[', '{', '$argocd-dex-secret:k', '\uD800') }),
  fc.record({ kind: fc.constant('delete'), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('crlf'), at: fc.constant(0) }),
  fc.record({ kind: fc.constant('lone-cr'), at: fc.constant(0) }),
  fc.record({ kind: fc.constant('tabs'), at: fc.constant(0) }),
  fc.record({ kind: fc.constant('bom'), at: fc.constant(0) }),
);

type Mutation = { kind: string; at: number; text?: string; len?: number };

function mutate(text: string, muts: Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.kind === 'truncate') t = t.slice(0, at);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + (m.len ?? 1));
    else if (m.kind === 'crlf') t = t.replace(/\r?\n/g, '\r\n');
    else if (m.kind === 'lone-cr') t = t.replace(/\r?\n/g, '\r');
    else if (m.kind === 'tabs') t = t.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2));
    else if (m.kind === 'bom') t = '\ufeff' + t;
  }
  return t;
}

describe('fuzzing the engine', () => {
  let slowest = 0;

  it(`mutated real-world YAML (${RUNS} cases, seed ${SEED})`, () => {
    assert.ok(seeds.length > 5, 'seed files found');
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
        const text = mutate(seed, muts as Mutation[]);
        const ms = check(text);
        slowest = Math.max(slowest, ms);
        // Linear time: generous for a noisy machine, tight enough to catch a hang or a quadratic walk.
        assert.ok(ms < 200 + text.length / 100, `${ms} ms for ${text.length} chars`);
      }),
      { seed: SEED, numRuns: RUNS, verbose: 1 },
    );
  });

  it(`random text and bytes (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('utf8'))), (text) => {
        slowest = Math.max(slowest, check(text));
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  const extremes: Array<[string, () => string]> = [
    ['10,000 nested flow sequences', () => '['.repeat(10000) + ']'.repeat(10000)],
    ['10,000 nested flow maps in a value', () => 'a: ' + '{a: '.repeat(10000) + '1' + '}'.repeat(10000)],
    ['a 10 MB single line', () => 'key: ' + 'x'.repeat(10 * 1024 * 1024)],
    ['unterminated templates everywhere', () => 'a: {{ .Values.x\n'.repeat(5000) + '{% if\n{#'],
    ['invalid UTF-8 decoded with replacement characters', () => Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]).toString('utf8')],
    ['NUL bytes', () => 'apiVersion: v1\u0000\nkind: Secret\n'],
    ['only a BOM', () => '\ufeff'],
  ];
  for (const [name, make] of extremes) {
    it(`extreme input: ${name}`, () => {
      const text = make();
      const ms = check(text);
      slowest = Math.max(slowest, ms);
      assert.ok(ms < 5000 + text.length / 1000, `${ms} ms`);
    });
  }

  it('reports the slowest case', () => {
    process.stdout.write(`# fuzz: ${RUNS * 2 + extremes.length} generated cases, slowest ${slowest.toFixed(1)} ms\n`);
  });
});

describe('alias bombs', () => {
  it('are bounded, reported, and cost no memory', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    const text = levels.join('\n') + '\n';
    const before = process.memoryUsage().heapUsed;
    const findings = lintText(text);
    assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024);
    assert.deepEqual(findings.map((f) => f.ruleId), ['meta/alias-bomb']);
  });

  it('ordinary anchors are fine', () => {
    assert.deepEqual(lintText('defaults: &d {cpu: 1}\nrequests: *d\nlimits: *d\n'), []);
  });
});
