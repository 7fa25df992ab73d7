// Secrets never leak: known secret values planted in a fixture must not appear in any finding
// message, related-location message, fix title, or CLI output in any format.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { assertNoSecret } from './planted';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/secrets/planted.yaml');
const text = readFileSync(FIXTURE, 'utf8');

describe('secrets never leak', () => {
  it('the fixture trips the rules that read secrets (so this test can fail)', () => {
    const ids = new Set(lintText(text, FIXTURE, defaultConfig).map((f) => f.ruleId));
    const expected = ['oauth2-proxy/cookie-secret', 'argocd/plaintext-client-secret', 'sealed-secrets/scope-mismatch', 'sealed-secrets/placeholder-data'];
    for (const id of expected) assert.ok(ids.has(id), `${id} fires on the fixture`);
  });

  it('finding messages, related messages and fix titles', () => {
    const findings = lintText(text, FIXTURE, defaultConfig);
    assertNoSecret('findings', JSON.stringify(findings.map((f) => ({ m: f.message, r: f.related.map((r) => r.message), t: f.fixes.map((x) => x.title) }))));
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`CLI output, --format ${format}`, () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/cluster-auth-lint.js'), '--no-config', '--format', format, FIXTURE], { encoding: 'utf8' });
      assert.notEqual(r.status, 2, r.stderr);
      assert.ok(r.stdout.length > 0);
      assertNoSecret(`CLI ${format} stdout`, r.stdout);
      assertNoSecret(`CLI ${format} stderr`, r.stderr);
    });
  }
});
