import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar } from 'yaml';
import { lintText } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { disableLineEdit, disableFileEdit } from '../../server/src/engine/suppress';
import { applyEdits } from '../../server/src/engine/fix';
import { pairs, keyString } from '../../server/src/engine/yamlnav';
import type { Rule } from '../../server/src/engine/rule';

/** A real rule for these tests: flags every top-level key named `forbidden` (or `banned`). */
function keyRule(id: string, key: string): Rule {
  return {
    meta: { id, defaultSeverity: 'error', summary: `no ${key}`, fixable: false },
    check(ctx) {
      for (const d of ctx.file.root.docs)
        for (const p of pairs(d.contents))
          if (keyString(p) === key && isScalar(p.key)) ctx.report({ start: p.key.range![0], end: p.key.range![1], message: `${key} found` });
    },
  };
}
const rules = [keyRule('test/forbidden', 'forbidden'), keyRule('test/banned', 'banned')];
const lint = (text: string) => lintText(text, '/t.yaml', defaultConfig, {}, rules).map((f) => `${f.ruleId}@${f.span.start.line + 1}`);

const cases: Array<{ name: string; text: string; expect: string[] }> = [
  { name: 'no directive', text: 'forbidden: 1\n', expect: ['test/forbidden@1'] },
  { name: 'next-line with a reason', text: '# cluster-auth-lint-disable-next-line test/forbidden -- migrating\nforbidden: 1\n', expect: [] },
  { name: 'same line', text: 'forbidden: 1 # cluster-auth-lint-disable-line test/forbidden\n', expect: [] },
  { name: 'two ids', text: '# cluster-auth-lint-disable-next-line test/forbidden, test/banned\n{ forbidden: 1, banned: 2 }\n', expect: [] },
  { name: 'file-wide', text: '# cluster-auth-lint-disable-file test/forbidden\nforbidden: 1\n---\nforbidden: 2\n', expect: [] },
  { name: 'only the named rule is suppressed', text: '# cluster-auth-lint-disable-file test/banned\nforbidden: 1\nbanned: 2\n', expect: ['test/forbidden@2'] },
  { name: 'a suppression that suppresses nothing is reported', text: '# cluster-auth-lint-disable-next-line test/banned\nforbidden: 1\n', expect: ['meta/unused-suppression@1', 'test/forbidden@2'] },
  { name: 'an unknown rule id is reported', text: '# cluster-auth-lint-disable-next-line no/such-rule\nok: 1\n', expect: ['meta/unused-suppression@1'] },
  { name: 'the directive text inside a string is not a directive', text: 'a: "# cluster-auth-lint-disable-file test/forbidden"\nforbidden: 1\n', expect: ['test/forbidden@2'] },
];

describe('suppression comments', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(lint(c.text), c.expect));

  it('disable-for-line writes the directive with the line indentation, and merges a second rule', () => {
    const text = 'a:\n  forbidden: 1\n';
    const once = applyEdits(text, [disableLineEdit(text, 1, 'test/forbidden')]);
    assert.equal(once, 'a:\n  # cluster-auth-lint-disable-next-line test/forbidden\n  forbidden: 1\n');
    const twice = applyEdits(once, [disableLineEdit(once, 2, 'test/banned')]);
    assert.equal(twice, 'a:\n  # cluster-auth-lint-disable-next-line test/forbidden, test/banned\n  forbidden: 1\n');
  });

  it('disable-for-file writes the directive at the top', () => {
    const text = 'forbidden: 1\n';
    const fixed = applyEdits(text, [disableFileEdit(text, 'test/forbidden')]);
    assert.deepEqual(lint(fixed), []);
  });
});
