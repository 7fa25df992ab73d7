import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/url';

const y = (...l: string[]) => l.join('\n') + '\n';

const rawCm = (data: string[]) =>
  y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', '  namespace: argocd', '  labels:', '    app.kubernetes.io/part-of: argocd', 'data:', ...data);

const dexConfig = (indent: string) =>
  [
    'dex.config: |',
    '  connectors:',
    '    - type: github',
    '      id: github',
    '      name: GitHub',
    '      config:',
    '        clientID: $dex-github:clientID',
    '        clientSecret: $dex-github:clientSecret',
  ].map((l) => indent + l);

const oidcThroughDex = ['  oidc.config: |', '    name: Dex', '    issuer: https://argocd.example.org/api/dex', '    clientID: argo-cd', '    cliClientID: argo-cd-cli'];

const valuesFile = (top: string[], cm: string[]) => y(...top, 'configs:', '  cm:', ...cm, ...dexConfig('    '), '      staticClients:', '        - id: argo-cd', '          name: Argo CD', '          redirectURIs:', '            - https://argocd.example.org/auth/callback', '          secret: $argocd-dex-secret:argo-cd.clientSecret');

const application = (version: string, values: string[]) =>
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
    `    targetRevision: ${version}`,
    '    helm:',
    '      valuesObject:',
    ...values,
  );

const oidcValues = ['        configs:', '          cm:', '            oidc.config: |', '              name: Keycloak', '              issuer: https://sso.example.org/realms/ops', '              clientID: argocd', '              clientSecret: $oidc-keycloak:clientSecret'];

const ansible = (url: string) =>
  y(
    '- name: Upgrade ArgoCD Helm release with full configuration',
    '  kubernetes.core.helm:',
    '    chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd',
    '    chart_version: 9.4.17',
    '    release_name: argocd',
    '    namespace: argo-cd',
    '    values:',
    '      global:',
    '        domain: argocd.{{ cluster_domain }}',
    '      configs:',
    '        cm:',
    `          url: ${url}`,
    ...dexConfig('          '),
  );

ruleTester(rule, {
  valid: [
    { name: 'Ansible task with a templated url (corpus shape)', code: ansible('"https://argocd.{{ cluster_domain }}"'), file: '/repo/roles/cluster/tasks/argocd.yml' },
    { name: 'raw ConfigMap with url and dex.config', code: rawCm(['  url: https://argocd.example.org', ...dexConfig('  ')]) },
    { name: 'values file: url preset from global.domain', code: y('global:', '  domain: argocd.example.org', 'configs:', '  cm:', ...dexConfig('    ')), file: '/repo/argocd/values.yaml' },
    { name: 'raw ConfigMap without SSO needs no url', code: rawCm(['  admin.enabled: "true"']) },
    { name: 'chart template: url from a value', code: rawCm(['  url: {{ .Values.argocdUrl }}', ...dexConfig('  ')]), file: '/repo/chart/templates/argocd-cm.yaml' },
    { name: 'trailing slash without Dex (oidc.config joins the callback itself)', code: application('7.7.0', ['        global:', '          domain: argocd.example.org', ...oidcValues.slice(0, 2), '            url: https://argocd.example.org/', ...oidcValues.slice(2)]) },
    { name: 'chart: an empty url keeps the global.domain preset', code: y('global:', '  domain: argocd.example.org', 'configs:', '  cm:', '    url: ""', ...dexConfig('    ')), file: '/repo/argocd/values.yaml' },
    {
      name: 'kustomize patch: url comes from the base',
      code: rawCm(dexConfig('  ')),
      file: '/repo/overlays/prod/argocd-cm-patch.yaml',
      files: { '/repo/overlays/prod/kustomization.yaml': y('resources:', '  - ../../base', 'patches:', '  - path: argocd-cm-patch.yaml') },
    },
  ],
  invalid: [
    {
      name: 'values file: placeholder url, address taken from the chart ingress host',
      code: y('server:', '  ingress:', '    enabled: true', '    hostname: argocd.example.org', 'configs:', '  cm:', '    oidc.config: |', '      name: Okta', '      issuer: https://example.okta.com', '      clientID: 0oa1b2c3', '      clientSecret: $oidc.okta.clientSecret'),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 16, message: /neither url nor global\.domain/ }],
      output: y('server:', '  ingress:', '    enabled: true', '    hostname: argocd.example.org', 'configs:', '  cm:', '    oidc.config: |', '      name: Okta', '      issuer: https://example.okta.com', '      clientID: 0oa1b2c3', '      clientSecret: $oidc.okta.clientSecret', '    url: https://argocd.example.org'),
    },
    {
      name: 'raw ConfigMap: dex.config without url, url derived from the Dex issuer',
      code: rawCm([...dexConfig('  '), ...oidcThroughDex]),
      errors: [{ line: 9, column: 3, endLine: 9, endColumn: 13, message: /no url.*disables SSO/ }],
      output: rawCm([...dexConfig('  '), ...oidcThroughDex, '  url: https://argocd.example.org']),
    },
    {
      name: 'raw ConfigMap: trailing slash',
      code: rawCm(['  url: https://argocd.example.org/', ...dexConfig('  ')]),
      errors: [{ line: 9, column: 8, endLine: 9, endColumn: 35, message: /\/\/api\/dex/ }],
      output: rawCm(['  url: https://argocd.example.org', ...dexConfig('  ')]),
    },
    {
      name: 'values file: no url and no global.domain, url derived from the argo-cd client callback',
      code: valuesFile([], []),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 15, message: /https:\/\/argocd\.example\.com/ }],
      output: valuesFile([], []) + '    url: https://argocd.example.org\n',
    },
    {
      name: 'Application valuesObject: global.domain is the chart placeholder',
      code: application('7.7.0', ['        global:', '          domain: argocd.example.com', ...oidcValues]),
      errors: [{ line: 17, column: 19, endLine: 17, endColumn: 37, message: /placeholder/ }],
      output: null,
    },
    {
      name: 'Ansible task: templated url with a trailing slash',
      code: ansible('"https://argocd.{{ cluster_domain }}/"'),
      file: '/repo/roles/cluster/tasks/argocd.yml',
      errors: [{ line: 12, column: 16, endLine: 12, endColumn: 54 }],
      output: ansible('"https://argocd.{{ cluster_domain }}"'),
    },
    {
      name: 'Application with a chart older than 6.0: no preset, SSO off',
      code: application('5.51.6', oidcValues),
      errors: [{ line: 18, column: 13, endLine: 18, endColumn: 24, message: /chart 5\.51\.6 does not preset it/ }],
      output: null,
    },
  ],
});
