import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/dex-disabled-with-config';

const y = (...l: string[]) => l.join('\n') + '\n';

const dexConfig = (indent: string) =>
  ['dex.config: |', '  connectors:', '    - type: github', '      id: github', '      name: GitHub', '      config:', '        clientID: $dex-github:clientID', '        clientSecret: $dex-github:clientSecret'].map((l) => indent + l);

const valuesFile = (enabled: string, cm: string[]) => y('global:', '  domain: argocd.example.org', 'dex:', `  enabled: ${enabled}`, 'configs:', '  cm:', ...cm);

const application = (enabled: string, cm: string[]) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd',
    '  namespace: argocd',
    'spec:',
    '  destination:',
    '    namespace: argocd',
    '    server: https://kubernetes.default.svc',
    '  source:',
    '    repoURL: https://argoproj.github.io/argo-helm',
    '    chart: argo-cd',
    '    targetRevision: 7.7.0',
    '    helm:',
    '      values: |',
    '        dex:',
    `          enabled: ${enabled}`,
    '        configs:',
    '          cm:',
    ...cm,
  );

const oidcExternal = (indent: string) => ['oidc.config: |', '  name: Okta', '  issuer: https://example.okta.com', '  clientID: 0oa1b2c3', '  clientSecret: $oidc.okta.clientSecret'].map((l) => indent + l);

ruleTester(rule, {
  valid: [
    { name: 'Dex enabled (chart default)', code: y('configs:', '  cm:', ...dexConfig('    ')), file: '/repo/argocd/values.yaml' },
    { name: 'Dex disabled, OIDC only', code: valuesFile('false', oidcExternal('    ')), file: '/repo/argocd/values.yaml' },
    { name: 'Dex disabled, empty dex.config', code: valuesFile('false', ['    dex.config: ""', ...oidcExternal('    ')]), file: '/repo/argocd/values.yaml' },
    { name: 'templated dex.enabled', code: application('{{ .Values.dexEnabled }}', dexConfig('            ')), file: '/repo/chart/templates/argocd.yaml' },
    { name: 'raw ConfigMap: no dex.enabled there', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', 'data:', ...dexConfig('  ')) },
  ],
  invalid: [
    {
      name: 'values file: Dex disabled with connectors, Dex enabled by the fix',
      code: valuesFile('false', dexConfig('    ')),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 17, message: /argocd-dex-server, which is not deployed.*Failed to query provider/, related: 1 }],
      output: valuesFile('true', dexConfig('    ')),
    },
    {
      name: 'values file: Dex disabled beside an external oidc.config, dex.config removed',
      code: valuesFile('false', [...dexConfig('    '), ...oidcExternal('    ')]),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 17 }],
      output: valuesFile('false', oidcExternal('    ')),
    },
    {
      name: 'Application helm.values string',
      code: application('false', dexConfig('            ')),
      errors: [{ line: 17, column: 11, endLine: 17, endColumn: 25 }],
      output: application('true', dexConfig('            ')),
    },
    {
      name: 'Ansible task, quoted "false"',
      code: y(
        '- name: Install Argo CD',
        '  kubernetes.core.helm:',
        '    chart_ref: argo/argo-cd',
        '    release_name: argocd',
        '    release_namespace: argocd',
        '    values:',
        '      dex:',
        '        enabled: "false"',
        '      configs:',
        '        cm:',
        ...dexConfig('          '),
      ),
      file: '/repo/roles/argocd/tasks/main.yml',
      errors: [{ line: 8, column: 9, endLine: 8, endColumn: 25 }],
      output: y(
        '- name: Install Argo CD',
        '  kubernetes.core.helm:',
        '    chart_ref: argo/argo-cd',
        '    release_name: argocd',
        '    release_namespace: argocd',
        '    values:',
        '      dex:',
        '        enabled: "true"',
        '      configs:',
        '        cm:',
        ...dexConfig('          '),
      ),
    },
  ],
});
