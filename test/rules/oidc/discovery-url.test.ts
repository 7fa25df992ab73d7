import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oidc/discovery-url';

import { y } from '../../support/yaml';

const webuiApp = (valueLine: string) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: open-webui',
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    namespace: open-webui',
    '  sources:',
    '    - chart: open-webui',
    '      repoURL: https://helm.openwebui.com/',
    '      targetRevision: 15.2.0',
    '      helm:',
    '        valuesObject:',
    '          extraEnvVars:',
    '            - name: ENABLE_OAUTH_SIGNUP',
    '              value: "true"',
    '            - name: OPENID_PROVIDER_URL',
    `              value: ${valueLine}`,
    '            - name: OAUTH_CLIENT_ID',
    '              value: "open-webui"',
  );

const webuiValues = (lines: string[]) => y(...lines);
const webuiFiles = { '/repo/open-webui/Chart.yaml': y('apiVersion: v2', 'name: open-webui', 'version: 15.2.0') };

const deployment = (value: string) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: open-webui',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: open-webui',
    '          image: ghcr.io/open-webui/open-webui:main',
    '          env:',
    '            - name: OPENID_PROVIDER_URL',
    `              value: ${value}`,
  );

ruleTester(rule, {
  valid: [
    { name: 'the corpus value', code: webuiApp('"https://argocd.{{ .Values.cluster_domain }}/api/dex/.well-known/openid-configuration"') },
    { name: 'Keycloak discovery URL', code: deployment('https://sso.example.org/realms/ops/.well-known/openid-configuration') },
    { name: 'entirely templated', code: webuiApp('"{{ .Values.oidc.discoveryUrl }}"') },
    { name: 'template supplies the tail', code: deployment('"https://sso.example.org{{ .Values.discoveryPath }}"') },
    { name: 'other env vars are not discovery URLs', code: deployment('https://argocd.example.org/api/dex').replace('OPENID_PROVIDER_URL', 'OPENID_REDIRECT_URI') },
  ],
  invalid: [
    {
      name: 'Application extraEnvVars list: Dex base URL, partly templated',
      code: webuiApp('"https://argocd.{{ .Values.cluster_domain }}/api/dex"'),
      errors: [{ line: 19, column: 22, endLine: 19, endColumn: 75, message: /OPENID_PROVIDER_URL must be the discovery document's URL/ }],
      output: webuiApp('"https://argocd.{{ .Values.cluster_domain }}/api/dex/.well-known/openid-configuration"'),
    },
    {
      name: 'values file, extraEnvVars map form, trailing slash',
      file: '/repo/open-webui/values.yaml',
      files: webuiFiles,
      code: webuiValues(['extraEnvVars:', '  OPENID_PROVIDER_URL: https://argocd.example.org/api/dex/', '  OAUTH_CLIENT_ID: open-webui']),
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 59 }],
      output: webuiValues(['extraEnvVars:', '  OPENID_PROVIDER_URL: https://argocd.example.org/api/dex/.well-known/openid-configuration', '  OAUTH_CLIENT_ID: open-webui']),
    },
    {
      name: 'open-webui chart sso.oidc.providerUrl',
      file: '/repo/open-webui/values.yaml',
      files: webuiFiles,
      code: webuiValues(['sso:', '  enabled: true', '  oidc:', '    enabled: true', '    providerUrl: "https://auth.example.org/application/o/webui"', '    clientId: open-webui']),
      errors: [{ line: 5, column: 18, endLine: 5, endColumn: 64, message: /sso\.oidc\.providerUrl/ }],
      output: webuiValues(['sso:', '  enabled: true', '  oidc:', '    enabled: true', '    providerUrl: "https://auth.example.org/application/o/webui/.well-known/openid-configuration"', '    clientId: open-webui']),
    },
    {
      name: 'container env, another .well-known document: no fix',
      code: deployment('https://sso.example.org/.well-known/oauth-authorization-server'),
      errors: [{ line: 13, column: 22, endLine: 13, endColumn: 84, message: /not another \.well-known document/ }],
      output: null,
    },
  ],
});
