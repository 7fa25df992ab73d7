// Every rule in the registry has its docs page, its test table, and (if fixable) a fix output case;
// the README's rule index matches the metadata.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rules } from '../../server/src/rules/index';
import { metaRules } from '../../server/src/engine/metaRules';
import { withRuleIndex } from '../../server/src/ruleIndex';

const ROOT = resolve(__dirname, '../../..');

describe('rule parity', () => {
  it('the registry has no duplicate ids and ids match their files', () => {
    const ids = rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(existsSync(join(ROOT, 'server/src/rules', `${id}.ts`)), `server/src/rules/${id}.ts`);
  });

  for (const r of rules) {
    const id = r.meta.id;
    it(`${id}: docs page, test table${r.meta.fixable ? ', fix output' : ''}`, () => {
      const doc = join(ROOT, 'docs/rules', `${id}.md`);
      assert.ok(existsSync(doc), `docs/rules/${id}.md is missing`);
      const text = readFileSync(doc, 'utf8');
      for (const section of [/what breaks/i, /how to fix/i, /bad/i, /good/i]) assert.match(text, section, `docs/rules/${id}.md lacks a section matching ${section}`);
      const test = join(ROOT, 'test/rules', `${id}.test.ts`);
      assert.ok(existsSync(test), `test/rules/${id}.test.ts is missing`);
      const t = readFileSync(test, 'utf8');
      assert.match(t, /ruleTester\(/, 'uses the rule tester');
      if (r.meta.fixable) assert.match(t, /output:\s*(['"`]|lines\(|dedent|[a-zA-Z_]+\()/, 'a fixable rule needs an output case');
      assert.ok(r.meta.summary.length > 10 && !r.meta.summary.includes('\n'), 'a one-line summary');
    });
  }

  it('engine findings (meta/*) have docs pages', () => {
    for (const m of metaRules) assert.ok(existsSync(join(ROOT, 'docs/rules', `${m.id}.md`)), `docs/rules/${m.id}.md`);
  });

  it('the README rule index is generated from the metadata (run `npm run docs:rules`)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.equal(readme, withRuleIndex(readme), 'README rule index is out of date: npm run docs:rules');
    for (const r of rules) assert.ok(readme.includes(`\`${r.meta.id}\``), `${r.meta.id} in README`);
  });
});
