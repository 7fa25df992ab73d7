// A table-driven rule tester in the manner of ESLint's RuleTester: valid cases must produce no
// finding of the rule, invalid cases exactly the listed ones (rule, range), and a fixable rule's
// invalid cases state the exact text after its fixes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine/workspace';
import { defaultConfig, type ResolvedConfig } from '../../server/src/engine/config';
import { buildModel } from '../../server/src/engine/model';
import { FactStore, TrackingQuery } from '../../server/src/engine/facts';
import { extractFacts } from '../../server/src/engine/views/index';
import { applyEdits, fixAllEdits } from '../../server/src/engine/fix';
import { fileSource } from '../../server/src/engine/source';
import type { Rule } from '../../server/src/engine/rule';
import type { Finding, Report } from '../../server/src/engine/types';

export interface CaseBase {
  name?: string;
  code: string;
  /** Path of the file under test (decides values-file recognition, Chart.yaml lookups). */
  file?: string;
  /** Other workspace files, path → text. */
  files?: Record<string, string>;
  config?: Partial<ResolvedConfig>;
}

export interface ExpectedFinding {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message?: RegExp;
  severity?: 'error' | 'warning' | 'info';
  /** Number of related locations expected (cross-file rules). */
  related?: number;
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedFinding[];
  /** Text after applying every finding's preferred fix; null when this case offers no fix. Required for fixable rules. */
  output?: string | null;
}

export interface RuleTests {
  valid: Array<CaseBase | string>;
  invalid: InvalidCase[];
}

const DEFAULT_FILE = '/repo/test.yaml';

export function lintWith(rule: Rule, c: CaseBase): Finding[] {
  // The rule runs at its default severity unless the case configures it, so per-finding severities show.
  const config: ResolvedConfig = { ...defaultConfig, ...c.config, rules: { ...(c.config?.rules ?? {}) } };
  const ws = new Workspace(config, [rule]);
  for (const [p, t] of Object.entries(c.files ?? {})) ws.update(p, t);
  const file = c.file ?? DEFAULT_FILE;
  ws.update(file, c.code);
  return ws.lint(file).filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'meta/internal-error');
}

/** The rule's own reports, before the runner drops fixes a non-fixable rule should not offer. */
function rawReports(rule: Rule, c: CaseBase): Report[] {
  const store = new FactStore();
  for (const [p, t] of Object.entries(c.files ?? {})) store.set(p, extractFacts(buildModel(p, t)));
  const file = c.file ?? DEFAULT_FILE;
  const model = buildModel(file, c.code);
  store.set(file, extractFacts(model));
  const out: Report[] = [];
  rule.check({ file: model, config: { ...defaultConfig, ...c.config }, index: new TrackingQuery(store), report: (r) => out.push(r) });
  return out;
}

function where(f: Finding): string {
  return `${f.span.start.line + 1}:${f.span.start.character + 1}-${f.span.end.line + 1}:${f.span.end.character + 1} ${f.message}`;
}

export function parsesCleanly(text: string): boolean {
  return fileSource('/check.yaml', text).docs.every((d) => d.errors.length === 0);
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  const id = rule.meta.id;
  describe(id, () => {
    const key = (c: CaseBase) => JSON.stringify([c.code, c.file ?? '', c.files ?? {}, c.config ?? {}]);
    const cases = [...tests.valid, ...tests.invalid].map((raw) => (typeof raw === 'string' ? { code: raw } : raw));
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    it('has no duplicate cases', () => {
      const dupes = cases.filter((c) => counts.get(key(c))! > 1).map((c) => c.name ?? c.code.slice(0, 60));
      assert.deepEqual(dupes, [], 'duplicate test cases');
    });

    tests.valid.forEach((raw, i) => {
      const c = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lintWith(rule, c);
        assert.deepEqual(found.map(where), [], 'expected no findings');
      });
    });

    tests.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lintWith(rule, c);
        assert.equal(found.filter((f) => f.ruleId === 'meta/internal-error').length, 0, 'the rule threw');
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${found.map(where).join('\n')}`);
        c.errors.forEach((e, j) => {
          const f = found[j];
          assert.deepEqual(
            [f.span.start.line + 1, f.span.start.character + 1, f.span.end.line + 1, f.span.end.character + 1],
            [e.line, e.column, e.endLine, e.endColumn],
            `range of finding ${j + 1}: ${where(f)}`,
          );
          if (e.message) assert.match(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity);
          if (e.related !== undefined) assert.equal(f.related.length, e.related, 'related locations');
        });
        const offered = rawReports(rule, c).some((r) => (r.fixes ?? []).length > 0);
        if (!rule.meta.fixable) {
          assert.ok(!offered, `${id} is not fixable by its metadata but offered a fix`);
          assert.ok(c.output === undefined, 'output given for a rule that cannot fix');
          return;
        }
        assert.ok(c.output !== undefined, `fixable rule ${id}: every invalid case states its output (null for none)`);
        if (c.output === null) {
          assert.ok(!found.some((f) => f.fixes.length > 0), 'a fix was offered where output is null');
          return;
        }
        assert.notEqual(c.output, c.code, 'output must differ from the input');
        let text = c.code;
        for (let pass = 0; pass < 5; pass++) {
          const edits = fixAllEdits(lintWith(rule, { ...c, code: text }));
          if (edits.length === 0) break;
          text = applyEdits(text, edits);
        }
        assert.equal(text, c.output);
        if (parsesCleanly(c.code)) assert.ok(parsesCleanly(text), 'the fixed text must still parse');
        assert.deepEqual(lintWith(rule, { ...c, code: text }).map(where), [], 'the rule must not fire after its fix');
      });
    });
  });
}
