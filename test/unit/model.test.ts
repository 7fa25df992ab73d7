import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, versionAtLeast, chartName, type FileContext } from '../../server/src/engine/model';
import { getIn, str } from '../../server/src/engine/yamlnav';

const lines = (...l: string[]) => l.join('\n') + '\n';

const cases: Array<{ name: string; path?: string; context?: FileContext; text: string; expect: Array<[chart: string, version: string | undefined, via: string, probe?: string]> }> = [
  {
    name: 'Application with spec.source and helm.valuesObject',
    text: lines('apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata: {name: p}', 'spec:', '  source:', '    chart: oauth2-proxy', '    targetRevision: 10.7.0', '    helm:', '      valuesObject:', '        config: {cookieName: x}'),
    expect: [['oauth2-proxy', '10.7.0', 'application', 'config.cookieName=x']],
  },
  {
    name: 'Application with spec.sources[], helm.values as a string, and a git path source',
    text: lines(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata: {name: p}',
      'spec:',
      '  sources:',
      '    - chart: argo-cd',
      '      targetRevision: "{{ .Values.v }}"',
      '      helm:',
      '        values: |',
      '          configs:',
      '            cm: {url: "https://a.example.com"}',
      '    - path: ./charts/oauth2-proxy',
      '      repoURL: {{ .Values.repo }}',
    ),
    expect: [['argo-cd', undefined, 'application', 'configs.cm.url=https://a.example.com'], ['./charts/oauth2-proxy', undefined, 'application']],
  },
  {
    name: 'Ansible kubernetes.core.helm task inside a block, with Jinja',
    text: lines(
      '- name: argo',
      '  block:',
      '    - name: install',
      '      kubernetes.core.helm:',
      '        chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd',
      '        chart_version: 9.4.17',
      '        release_namespace: argo-cd',
      '        values:',
      '          global: {domain: "argocd.{{ cluster_domain }}"}',
      '{% if x %}',
      '          dex: {enabled: true}',
      '{% endif %}',
    ),
    expect: [['argo-cd', '9.4.17', 'ansible', 'dex.enabled=true']],
  },
  {
    name: 'Flux HelmRelease',
    text: lines('apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'metadata: {name: g, namespace: monitoring}', 'spec:', '  chart:', '    spec: {chart: kube-prometheus-stack, version: 60.0.0}', '  values:', '    grafana: {adminUser: a}'),
    expect: [['kube-prometheus-stack', '60.0.0', 'helmrelease', 'grafana.adminUser=a']],
  },
  {
    name: 'values file of an umbrella chart: own values and a dependency section by alias',
    path: '/repo/charts/auth/values.yaml',
    context: { chart: { name: 'auth', dir: '/repo/charts/auth', dependencies: [{ name: 'oauth2-proxy', alias: 'proxy', version: '10.3.0' }] } },
    text: lines('proxy:', '  config: {cookieName: p}', 'other: 1'),
    expect: [['auth', undefined, 'values-file', 'other=1'], ['oauth2-proxy', '10.3.0', 'values-file', 'config.cookieName=p']],
  },
  {
    name: 'a standalone values file recognised by the keys only its chart has',
    path: '/repo/argocd/values.yaml',
    text: lines('configs:', '  cm:', '    url: https://argocd.example.com'),
    expect: [['argo-cd', undefined, 'values-file', 'configs.cm.url=https://argocd.example.com']],
  },
  { name: 'a plain ConfigMap has no chart values', text: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'data: {config: a}'), expect: [] },
  { name: 'an Ansible vars file with nothing chart-like', path: '/repo/group_vars/all.yml', text: lines('cluster_domain: example.com', 'config: {a: 1}'), expect: [] },
];

describe('containers: chart values wherever they are written', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = buildModel(c.path ?? '/repo/app.yaml', c.text, c.context);
      assert.deepEqual(
        m.charts.map((x) => [x.chart, x.version, x.via]),
        c.expect.map((e) => [e[0], e[1], e[2]]),
      );
      c.expect.forEach((e, i) => {
        if (!e[3]) return;
        const [path, want] = e[3].split('=');
        assert.equal(str(getIn(m.charts[i].values, path.split(/\.(?=[a-zA-Z])/))), want);
      });
    });
  }

  it('Kubernetes objects in every document of a file', () => {
    const m = buildModel('/a.yaml', lines('apiVersion: v1', 'kind: Secret', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: Secret', 'metadata: {name: b}'));
    assert.deepEqual(m.manifests.map((x) => x.name?.text), ['a', 'b']);
    assert.deepEqual(m.manifests.map((x) => m.root.file.lines.positionAt(x.name!.start).line), [2, 6]);
  });

  it('chart names and versions', () => {
    assert.equal(chartName('oci://ghcr.io/argoproj/argo-helm/argo-cd'), 'argo-cd');
    assert.equal(chartName('argo/argo-cd'), 'argo-cd');
    assert.equal(versionAtLeast('10.4.0', [10, 4, 0]), true);
    assert.equal(versionAtLeast('10.3.2', [10, 4, 0]), false);
    assert.equal(versionAtLeast('~10.4', [10, 4, 0]), undefined);
  });
});
