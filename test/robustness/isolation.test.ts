import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText, Workspace } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { collectFiles } from '../../server/src/cli/walk';
import type { Rule } from '../../server/src/engine/rule';

const throwing: Rule = {
  meta: { id: 'test/throws', defaultSeverity: 'error', summary: 'always throws', fixable: false },
  check() {
    throw new TypeError('boom with a s3cr3t inside');
  },
};
const working: Rule = {
  meta: { id: 'test/works', defaultSeverity: 'warning', summary: 'reports the first document', fixable: false },
  check(ctx) {
    ctx.report({ start: 0, end: 1, message: 'seen' });
  },
};

describe('fault isolation and odd files', () => {
  it('a rule that throws is reported once, by name, without its message, and the others still run', () => {
    const findings = lintText('a: 1\n---\nb: 2\n', '/t.yaml', defaultConfig, {}, [throwing, working]);
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['meta/internal-error', 'test/works']);
    const internal = findings.find((f) => f.ruleId === 'meta/internal-error')!;
    assert.match(internal.message, /test\/throws/);
    assert.doesNotMatch(internal.message, /s3cr3t/);
  });

  it('files over maxFileSize are skipped with one info finding', () => {
    const findings = lintText('a: ' + 'x'.repeat(3000) + '\n', '/big.yaml', { ...defaultConfig, maxFileSize: 1000 });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['meta/skipped-file', 'info']]);
  });

  it('binary files are skipped silently', () => {
    assert.deepEqual(lintText('\u0000\u0001\u0002PNG\u0000', '/x.yaml'), []);
  });

  it('a symlink loop in the workspace does not hang the walk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-loop-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'x.yaml'), 'a: 1\n');
    symlinkSync(dir, join(dir, 'a', 'loop'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'y.yaml'), 'a: 1\n');
    const { files } = collectFiles([dir], () => false);
    assert.deepEqual(files.map((f) => f.slice(dir.length)), ['/a/x.yaml']);
  });

  it('ignore globs are relative to the config folder', () => {
    const ws = new Workspace({ ...defaultConfig, ignore: ['vendor/**'], root: '/repo' });
    assert.equal(ws.isIgnored('/repo/vendor/chart/values.yaml'), true);
    assert.equal(ws.isIgnored('/repo/apps/values.yaml'), false);
  });
});
