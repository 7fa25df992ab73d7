import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, findConfigFile, effectiveSetting, defaultConfig } from '../../server/src/engine/config';

const cases: Array<{ name: string; text: string; problems: Array<{ line: number; message: RegExp }>; check?: (c: ReturnType<typeof parseConfig>['config']) => void }> = [
  {
    name: 'a full, valid file',
    text: 'extends: strict\nrules:\n  oauth2-proxy/cookie-secret: warning\nclusterDomain: .example.com\noauth2Proxy:\n  internalUrl: http://oauth2-proxy.auth.svc.cluster.local/\nmcp:\n  hosts: [mcp.example.com]\nignore: ["charts/**"]\nmaxFileSize: 1000\n',
    problems: [],
    check: (c) => {
      assert.equal(c.preset, 'strict');
      assert.equal(c.rules['oauth2-proxy/cookie-secret'], 'warning');
      assert.equal(c.clusterDomain, 'example.com');
      assert.equal(c.oauth2Proxy.internalUrl, 'http://oauth2-proxy.auth.svc.cluster.local');
      assert.deepEqual(c.mcp.hosts, ['mcp.example.com']);
      assert.deepEqual(c.ignore, ['charts/**']);
      assert.equal(c.maxFileSize, 1000);
    },
  },
  { name: 'an unknown top-level key is named, on its line', text: 'clusterDomain: a.b\nrulez: {}\n', problems: [{ line: 2, message: /unknown key `rulez`/ }], check: (c) => assert.equal(c.clusterDomain, 'a.b') },
  { name: 'a bad severity is named and ignored', text: 'rules:\n  x/y: loud\n', problems: [{ line: 2, message: /rules\.x\/y: must be one of/ }], check: (c) => assert.deepEqual(c.rules, {}) },
  { name: 'a bad preset', text: 'extends: everything\n', problems: [{ line: 1, message: /extends: must be one of/ }], check: (c) => assert.equal(c.preset, 'recommended') },
  { name: 'not YAML at all', text: 'rules: [\n', problems: [{ line: 2, message: /not valid YAML/ }], check: (c) => assert.deepEqual(c.rules, {}) },
  { name: 'a non-URL internalUrl keeps the default', text: 'oauth2Proxy:\n  internalUrl: oauth2-proxy\n', problems: [{ line: 2, message: /internalUrl/ }], check: (c) => assert.equal(c.oauth2Proxy.internalUrl, defaultConfig.oauth2Proxy.internalUrl) },
  { name: 'empty file', text: '', problems: [] },
];

describe('config file', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { config, findings } = parseConfig('/repo/.cluster-auth-lint.yaml', c.text);
      assert.deepEqual(
        findings.map((f) => f.span.start.line + 1),
        c.problems.map((p) => p.line),
        findings.map((f) => f.message).join('\n'),
      );
      findings.forEach((f, i) => {
        assert.match(f.message, c.problems[i].message);
        assert.equal(f.ruleId, 'meta/config');
      });
      c.check?.(config);
    });
  }

  it('is found in a parent folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'cal-config-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, '.cluster-auth-lint.yaml'), 'rules: {}\n');
    assert.equal(findConfigFile(join(root, 'a', 'b')), join(root, '.cluster-auth-lint.yaml'));
  });

  it('presets: strict raises info and warning one step, explicit settings win', () => {
    const strict = { ...defaultConfig, preset: 'strict' as const, rules: { 'a/b': 'off' as const } };
    assert.equal(effectiveSetting(strict, 'x/y', 'info'), 'warning');
    assert.equal(effectiveSetting(strict, 'x/y', 'warning'), 'error');
    assert.equal(effectiveSetting(strict, 'a/b', 'error'), 'off');
    assert.equal(effectiveSetting(defaultConfig, 'x/y', 'info'), 'info');
  });
});
