import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/plaintext-client-secret';

const y = (...l: string[]) => l.join('\n') + '\n';

// Test fixtures only: these strings are not credentials of anything.
const ansible = (oidcSecret: string, argoSecret: string) =>
  y(
    '- name: Upgrade ArgoCD Helm release with full configuration',
    '  kubernetes.core.helm:',
    '    chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd',
    '    chart_version: 9.4.17',
    '    release_name: argocd',
    '    namespace: argo-cd',
    '    values:',
    '      configs:',
    '        cm:',
    '          url: "https://argocd.{{ cluster_domain }}"',
    '          oidc.config: |',
    '            name: Dex',
    '            issuer: https://argocd.{{ cluster_domain }}/api/dex',
    '            clientID: argo-cd',
    `            clientSecret: ${oidcSecret}`,
    '          dex.config: |',
    '            connectors:',
    '              - type: github',
    '                id: github',
    '                name: GitHub',
    '                config:',
    '                  clientID: $argocd-dex-secret:dex.github.clientID',
    '                  clientSecret: $argocd-dex-secret:dex.github.clientSecret',
    '            staticClients:',
    '              - id: argo-cd',
    '                name: Argo CD',
    '                redirectURIs:',
    '                  - https://argocd.{{ cluster_domain }}/auth/callback',
    `                secret: ${argoSecret}`,
  );

const dexSecret = y(
  'apiVersion: bitnami.com/v1alpha1',
  'kind: SealedSecret',
  'metadata:',
  '  name: argocd-dex-secret',
  '  namespace: argo-cd',
  'spec:',
  '  encryptedData:',
  '    argo-cd.clientSecret: AgATRz/rqxhe0j8f9r72E4tvRsmpvmybbS+lsOQo4GG',
  '    dex.github.clientID: AgCDI5W9q/xp5ARa2nh8rShy05epETfcnWjWipq67',
  '    dex.github.clientSecret: AgCEUbj65fylqPYs+pzGeKl1FpR/s+hoTCtE6BhR',
  '  template:',
  '    metadata:',
  '      name: argocd-dex-secret',
  '      namespace: argo-cd',
  '      labels:',
  '        app.kubernetes.io/part-of: argocd',
);

const rawCm = (clientSecret: string) =>
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
    '    issuer: https://sso.example.org/realms/ops',
    '    clientID: argocd',
    `    clientSecret: ${clientSecret}`,
  );

const valuesFile = (client: string[]) => y('configs:', '  cm:', '    url: https://argocd.example.org', '    dex.config: |', '      connectors:', '        - type: github', '          id: github', '          name: GitHub', '          config:', '            clientID: $dex.github.clientID', '            clientSecret: $dex.github.clientSecret', '      staticClients:', ...client);

const application = (client: string[]) =>
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
    '      valuesObject:',
    '        configs:',
    '          cm:',
    '            dex.config: |',
    '              connectors:',
    '                - type: github',
    '                  id: github',
    '                  name: GitHub',
    '                  config:',
    '                    clientID: $dex-github:clientID',
    '              staticClients:',
    ...client,
  );

ruleTester(rule, {
  valid: [
    { name: 'both secrets are references', code: ansible('$argocd-dex-secret:argo-cd.clientSecret', '$argocd-dex-secret:argo-cd.clientSecret'), file: '/repo/roles/cluster/tasks/argocd.yml' },
    { name: 'bare $key reads argocd-secret', code: rawCm('$oidc.keycloak.clientSecret') },
    { name: 'public PKCE client with an empty clientSecret', code: rawCm('""') },
    { name: 'secretEnv keeps the secret out of the ConfigMap', code: valuesFile(['        - id: grafana', '          name: Grafana', '          secretEnv: GRAFANA_CLIENT_SECRET', '          redirectURIs:', '            - https://grafana.example.org/login/generic_oauth']), file: '/repo/argocd/values.yaml' },
    { name: 'a template that renders a reference', code: application(['                - id: grafana', '                  name: Grafana', '                  secret: $dex-clients:{{ .Values.grafanaKey }}']), file: '/repo/chart/templates/argocd.yaml' },
  ],
  invalid: [
    {
      name: 'Ansible task renders the derived secret into oidc.config and the argo-cd static client (corpus)',
      code: ansible('{{ cluster_argocd_dex_client_secret }}', '{{ cluster_argocd_dex_client_secret }}'),
      file: '/repo/roles/cluster/tasks/argocd.yml',
      files: { '/repo/kubernetes-services/additions/argocd/argocd-dex-secret.yaml': dexSecret },
      errors: [
        { line: 15, column: 27, endLine: 15, endColumn: 65, message: /oidc\.config clientSecret is rendered from a template in argocd-cm/ },
        { line: 29, column: 25, endLine: 29, endColumn: 63, message: /static client "argo-cd" is rendered from a template/ },
      ],
      output: ansible('$argocd-dex-secret:argo-cd.clientSecret', '$argocd-dex-secret:argo-cd.clientSecret'),
    },
    {
      name: 'raw ConfigMap: literal oidc clientSecret (length only in the message)',
      code: rawCm('Zq8vT2nL5kR1wX9c'),
      errors: [{ line: 14, column: 19, endLine: 14, endColumn: 35, message: /a literal \(16 characters\)/ }],
      output: rawCm('$argocd-dex-secret:argocd.clientSecret'),
    },
    {
      name: 'values file: quoted literal static client secret',
      code: valuesFile(['        - id: grafana', '          name: Grafana', '          secret: "b7Yc1pQ9rS3tU5vW"', '          redirectURIs:', '            - https://grafana.example.org/login/generic_oauth']),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 15, column: 19, endLine: 15, endColumn: 37 }],
      output: valuesFile(['        - id: grafana', '          name: Grafana', '          secret: "$argocd-dex-secret:grafana.clientSecret"', '          redirectURIs:', '            - https://grafana.example.org/login/generic_oauth']),
    },
    {
      name: 'Application valuesObject: templated client id, no fix',
      code: application(['                - id: {{ .Values.clientId }}', '                  name: Grafana', '                  secret: {{ .Values.clientSecret }}']),
      file: '/repo/chart/templates/argocd.yaml',
      errors: [{ line: 28, column: 27, endLine: 28, endColumn: 53, message: /\(templated id\)/ }],
      output: null,
    },
  ],
});
