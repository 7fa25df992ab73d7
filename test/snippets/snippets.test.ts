import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expandSnippet } from './expand';
import { lintText } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { fileSource } from '../../server/src/engine/source';

const ROOT = resolve(__dirname, '../../..');
const FILE = join(ROOT, 'snippets/cluster-auth-lint.code-snippets.json');
type Snippet = { prefix: string; body: string[]; description: string };
const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Snippet>;

/** Fragments are also linted where they belong, so that the rules that read them get to see them. */
const hosts: Record<string, (s: string) => string> = {
  'cal-oauth2-proxy-sidecar': (s) =>
    ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: my-app', 'spec:', '  replicas: 1', '  template:', '    spec:', '      containers:', indent(s, 8)].join('\n'),
  'cal-dex-static-client': (s) =>
    ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', '  labels:', '    app.kubernetes.io/part-of: argocd', 'data:', '  url: https://argocd.example.com', '  dex.config: |', '    connectors:', '      - type: github', '        id: github', '        name: GitHub', '        config:', '          clientID: $dex-github:clientID', '          clientSecret: $dex-github:clientSecret', '    staticClients:', indent(s, 6)].join('\n'),
  'cal-grafana-oauth': (s) =>
    ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: grafana', 'spec:', '  source:', '    chart: kube-prometheus-stack', '    targetRevision: 87.19.0', '    helm:', '      valuesObject:', indent(s, 8)].join('\n'),
};

function indent(s: string, n: number): string {
  return s.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
}

describe('snippets', () => {
  it('the file is a valid VS Code snippet file: prefixes unique, every snippet described', () => {
    const prefixes = new Set<string>();
    for (const [name, s] of Object.entries(snippets)) {
      assert.equal(typeof s.prefix, 'string', name);
      assert.match(s.prefix, /^cal-[a-z0-9-]+$/, name);
      assert.ok(!prefixes.has(s.prefix), `duplicate prefix ${s.prefix}`);
      prefixes.add(s.prefix);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string') && s.body.length > 1, `${name}: body`);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, `${name}: description`);
      assert.doesNotThrow(() => expandSnippet(s.body), name);
    }
    assert.ok(prefixes.size >= 15);
  });

  it('the package contributes the snippet file for YAML', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes?.snippets ?? []) as Array<{ language: string; path: string }>;
    assert.ok(contributed.some((c) => c.language === 'yaml' && resolve(ROOT, c.path) === FILE));
  });

  for (const [name, s] of Object.entries(snippets)) {
    it(`${name}: expands to valid YAML with no findings`, () => {
      const text = expandSnippet(s.body);
      assert.ok(!text.includes('${'), 'fully expanded');
      const docs = fileSource('/snippet.yaml', text).docs;
      assert.deepEqual(docs.flatMap((d) => d.errors.map((e) => e.message)), []);
      const where = [text, ...(hosts[name] ? [hosts[name](text)] : [])];
      for (const t of where) {
        const findings = lintText(t, '/repo/snippet.yaml', { ...defaultConfig, clusterDomain: 'example.com' });
        assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.span.start.line + 1}: ${f.message}`), []);
      }
    });
  }
});
