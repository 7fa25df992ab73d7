import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oidc/issuer-url';

import { y } from '../../support/yaml';

const proxyApp = (argLines: string[]) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: oauth2-proxy',
    '  namespace: argo-cd',
    'spec:',
    '  source:',
    '    chart: oauth2-proxy',
    '    repoURL: https://oauth2-proxy.github.io/manifests',
    '    targetRevision: 10.7.0',
    '    helm:',
    '      valuesObject:',
    '        extraArgs:',
    '          provider: oidc',
    ...argLines,
  );

const proxyValues = (argLines: string[]) => y('config:', '  existingSecret: oauth2-proxy-credentials', 'extraArgs:', ...argLines);
const proxyFiles = { '/repo/oauth2-proxy/Chart.yaml': y('apiVersion: v2', 'name: oauth2-proxy', 'version: 10.7.0') };

const sidecar = (args: string[]) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: mcp',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: oauth2-proxy',
    '          image: quay.io/oauth2-proxy/oauth2-proxy:v7.9.0',
    '          args:',
    ...args.map((a) => `            - ${a}`),
  );

const argoCm = (issuer: string) =>
  y(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: argocd-cm',
    '  namespace: argocd',
    '  labels:',
    '    app.kubernetes.io/part-of: argocd',
    'data:',
    '  url: https://argocd.example.org',
    '  oidc.config: |',
    '    name: Keycloak',
    `    issuer: ${issuer}`,
    '    clientID: argocd',
    '    clientSecret: $oidc.keycloak.clientSecret',
  );

const monitorApp = (issuer: string) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd-monitor',
    'spec:',
    '  sources:',
    '    - chart: argocd-monitor',
    '      targetRevision: 1.0.0',
    '      repoURL: ghcr.io/epics-containers/charts',
    '      helm:',
    '        valuesObject:',
    '          oauth2Proxy:',
    '            enabled: true',
    `            issuerUrl: ${issuer}`,
    '            existingSecret: argocd-monitor-oauth',
  );

ruleTester(rule, {
  valid: [
    { name: 'Dex issuer through the chart', code: proxyApp(['          oidc-issuer-url: https://argocd.example.org/api/dex']) },
    { name: 'embedded oauth2Proxy, templated domain (the corpus)', code: monitorApp('https://argocd.{{ .Values.cluster_domain }}/api/dex') },
    { name: 'Argo CD oidc.config Keycloak realm', code: argoCm('https://sso.example.org/realms/ops') },
    { name: 'Auth0 issuers do end in /', code: sidecar(['--provider=oidc', '--oidc-issuer-url=https://example.eu.auth0.com/']) },
    { name: 'fully templated', code: proxyApp(['          oidc-issuer-url: "{{ .Values.issuer }}"']) },
    { name: 'a slash inside a template is unknown', code: sidecar(['--oidc-issuer-url={{ .Values.issuer | trimSuffix "/" }}']) },
  ],
  invalid: [
    {
      name: 'chart extraArgs map, trailing slash (Application)',
      code: proxyApp(['          oidc-issuer-url: https://argocd.example.org/api/dex/']),
      errors: [{ line: 15, column: 28, endLine: 15, endColumn: 63, message: /ends with "\/".*issuer did not match/ }],
      output: proxyApp(['          oidc-issuer-url: https://argocd.example.org/api/dex']),
    },
    {
      name: 'chart extraArgs list, discovery suffix (values file)',
      file: '/repo/oauth2-proxy/values.yaml',
      files: proxyFiles,
      code: proxyValues(['  - --provider=oidc', '  - "--oidc-issuer-url=https://sso.example.org/realms/ops/.well-known/openid-configuration"']),
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 92, message: /is an issuer, not a discovery URL/ }],
      output: proxyValues(['  - --provider=oidc', '  - "--oidc-issuer-url=https://sso.example.org/realms/ops"']),
    },
    {
      name: 'container args, flag and value as two items, templated host',
      code: sidecar(['--provider=oidc', '--oidc-issuer-url', 'https://argocd.{{ .Values.domain }}/api/dex/']),
      errors: [{ line: 14, column: 15, endLine: 14, endColumn: 59 }],
      output: sidecar(['--provider=oidc', '--oidc-issuer-url', 'https://argocd.{{ .Values.domain }}/api/dex']),
    },
    {
      name: 'Argo CD oidc.config issuer inside the block scalar',
      code: argoCm('https://sso.example.org/realms/ops/'),
      errors: [{ line: 12, column: 13, endLine: 12, endColumn: 48, message: /oidc\.config issuer/ }],
      output: argoCm('https://sso.example.org/realms/ops'),
    },
    {
      name: 'embedded oauth2Proxy.issuerUrl',
      code: monitorApp('https://argocd.{{ .Values.cluster_domain }}/api/dex/.well-known/openid-configuration'),
      errors: [{ line: 14, column: 24, endLine: 14, endColumn: 108 }],
      output: monitorApp('https://argocd.{{ .Values.cluster_domain }}/api/dex'),
    },
  ],
});
