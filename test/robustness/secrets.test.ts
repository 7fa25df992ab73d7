// Secrets never leak: known secret values planted in a fixture must not appear in any finding
// message, related-location message, fix title, or CLI output in any format.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/secrets/planted.yaml');
const text = readFileSync(FIXTURE, 'utf8');

export const PLANTED = [
  'Zm9vYmFyYmF6cXV4c2VjcmV0Q2xpZW50U2VjcmV0MQ',
  'q+W3rT5yU7iO9pA1sD3fG5hJ7kL9zX1cV3bN5mQ7wE0=',
  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'tooShortSecretValue7',
  'Mf8qL2vR9xT4wY6zA1bC3dE5fG7hJ9kL0nP2rS4uV6',
  'dGhpcyBpcyBub3QgYSB2YWxpZCBzZWNyZXQ=',
  'this is not a valid secret',
  'Hx7Kq2Lm9Np4Rs6Tv8Wy0Za3Bc5De7Fg',
  'Gh0Pq1Rs2Tu3Vw4Xy5Za6Bc7De8Fg9Hi',
  'St4tIcCl1entS3cr3tV4lueXyZ0123456',
  'AgCiPh3rT3xtTh4tMu5tN3v3rB3Pr1nt3d',
  'GrAfAnAcL1eNtS3cReTpl41nT3xt9876',
];

export function assertNoSecret(where: string, output: string): void {
  for (const s of PLANTED) {
    assert.ok(!output.includes(s), `${where} contains a planted secret (${s.length} characters, starting ${s.slice(0, 3)}…)`);
    // Also no long fragment of one (a message that quotes half a secret still leaks it).
    for (let i = 0; i + 12 <= s.length; i += 6) assert.ok(!output.includes(s.slice(i, i + 12)), `${where} contains a fragment of a planted secret`);
  }
}

describe('secrets never leak', () => {
  it('the fixture trips the rules that read secrets (so this test can fail)', () => {
    const ids = new Set(lintText(text, FIXTURE, defaultConfig).map((f) => f.ruleId));
    const expected = ['oauth2-proxy/cookie-secret', 'argocd/plaintext-client-secret', 'sealed-secrets/scope-mismatch', 'sealed-secrets/placeholder-data'];
    for (const id of expected) assert.ok(ids.has(id) || !ruleExists(id), `${id} fires on the fixture`);
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

function ruleExists(id: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../server/src/rules/index') as typeof import('../../server/src/rules/index')).rules.some((r) => r.meta.id === id);
}
