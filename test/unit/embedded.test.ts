import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMap } from 'yaml';
import { buildModel } from '../../server/src/engine/model';
import { argoCdSettings, secretRefs } from '../../server/src/engine/views/argocd';
import { childSource, embeddedYaml } from '../../server/src/engine/source';
import { getIn, asScalar } from '../../server/src/engine/yamlnav';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** 1-based line/column of an offset in the outer file. */
function at(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

const cases: Array<{ name: string; path?: string; text: string; ref: string; line: number; column: number }> = [
  {
    name: 'dex.config block scalar in a raw argocd-cm',
    text: lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: argocd-cm',
      'data:',
      '  url: https://argocd.example.com',
      '  dex.config: |',
      '    connectors:',
      '      - type: github',
      '        id: github',
      '        config:',
      '          clientID: $argocd-dex-secret:dex.github.clientID',
    ),
    ref: '$argocd-dex-secret:dex.github.clientID',
    line: 12,
    column: 21,
  },
  {
    name: 'dex.config in Application valuesObject with a Helm control line at column 0 inside the block',
    text: lines(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: argocd',
      'spec:',
      '  source:',
      '    chart: argo-cd',
      '    targetRevision: 7.7.0',
      '    helm:',
      '      valuesObject:',
      '        configs:',
      '          cm:',
      '            dex.config: |',
      '              connectors:',
      '{{- if .Values.github }}',
      '                - type: github',
      '                  config:',
      '                    clientSecret: $dex-secret:github.secret',
      '{{- end }}',
    ),
    ref: '$dex-secret:github.secret',
    line: 18,
    column: 35,
  },
  {
    name: 'dex.config inside helm.values (YAML in a string in YAML)',
    text: lines(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: argocd',
      'spec:',
      '  source:',
      '    chart: argo-cd',
      '    helm:',
      '      values: |',
      '        configs:',
      '          cm:',
      '            dex.config: |',
      '              connectors:',
      '                - type: github',
      '                  config:',
      '                    clientID: $argocd-dex-secret:client',
    ),
    ref: '$argocd-dex-secret:client',
    line: 16,
    column: 31,
  },
  {
    name: 'CRLF line endings',
    text: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', 'data:', '  dex.config: |', '    staticClients:', '      - secret: $s:k').replace(/\n/g, '\r\n'),
    ref: '$s:k',
    line: 8,
    column: 17,
  },
];

describe('embedded YAML positions map to the outer file', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = buildModel(c.path ?? '/repo/file.yaml', c.text);
      const settings = argoCdSettings(m);
      assert.equal(settings.length, 1);
      const refs = secretRefs(settings[0]);
      const ref = refs.find((r) => r.val.text === c.ref);
      assert.ok(ref, `reference found among ${refs.map((r) => r.val.text)}`);
      const normalised = c.text.replace(/\r\n/g, '\n');
      const startOuter = c.text.includes('\r\n') ? ref.val.start - (c.text.slice(0, ref.val.start).match(/\r/g)?.length ?? 0) : ref.val.start;
      assert.deepEqual(at(normalised, startOuter), [c.line, c.column]);
      assert.equal(c.text.slice(ref.val.start, ref.val.end), c.ref, 'the range covers exactly the user text');
    });
  }

  it('a quoted string holding YAML maps to the scalar range, and is marked inexact', () => {
    const text = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', 'data:', '  dex.config: "connectors:\\n- type: github\\n"');
    const m = buildModel('/f.yaml', text);
    const s = argoCdSettings(m)[0];
    assert.ok(s.dexConfig && !s.dexConfig.src.exact);
    assert.ok(isMap(s.dexConfig.root));
    assert.equal(s.dexConfig.src.toOuter(5), text.indexOf('"connectors'));
  });

  it('childSource keeps offsets for key = value text in a block scalar', () => {
    const text = lines('config:', '  configFile: |-', '    email_domains = []', '    upstreams = ["file:///dev/null"]');
    const m = buildModel('/values.yaml', text);
    const node = asScalar(getIn(m.root.docs[0].contents, ['config', 'configFile']))!;
    const child = childSource(m.root, node)!;
    const k = child.masked.indexOf('upstreams');
    assert.equal(text.slice(child.toOuter(k), child.toOuter(k) + 9), 'upstreams');
    assert.ok(embeddedYaml(m.root, node));
  });
});
