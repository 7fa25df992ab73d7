import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/secret-ref-missing-key';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, dexSecret, githubConnectors, keycloakOidc, staticClients, y } from './fixtures';

const rawCm = (clientID: string) =>
  argocdCm({ namespace: 'argocd', data: ['url: https://argocd.example.org', ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.', { clientID }))] });

const dexSealed = dexSecret({
  keys: [
    'dex.github.clientID: AgBy3i4OJSWK+PiTySYZZA3rO43cEYZmY8a7d2',
    'dex.github.clientSecret: AgCk9b4jX0m8eZQw7rYt1uV2pLs6dF5gH3',
    'argo-cd.clientSecret: AgA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv',
  ],
});

const ansible = (grafanaRef: string) =>
  ansibleHelmTask(
    configsCm([
      'url: "https://argocd.{{ cluster_domain }}"',
      ...block('dex.config', [
        ...githubConnectors('$argocd-dex-secret:dex.github.'),
        ...staticClients(['- id: grafana', '  name: Grafana', '  redirectURIs:', '    - https://grafana.{{ cluster_domain }}/login/generic_oauth', `  secret: ${grafanaRef}`]),
      ]),
    ]),
    { namespaceLine: 'namespace: argocd' },
  );

const plainSecret = y('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: dex-github', '  namespace: argocd', '  labels:', '    app.kubernetes.io/part-of: argocd', 'type: Opaque', 'stringData:', '  clientSecret: REDACTED-IN-TESTS');

const application = (ref: string) => argoCdApplication(configsCm(block('oidc.config', keycloakOidc(ref))));

const valuesFile = (ref: string) => y(...configsCm(['url: https://argocd.example.org', ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.', { clientSecret: ref }))]));

ruleTester(rule, {
  valid: [
    { name: 'every key exists (corpus shape)', code: ansible('$argocd-dex-secret:argo-cd.clientSecret'), files: { '/repo/additions/argocd-dex-secret.yaml': dexSealed } },
    { name: 'producer not in the workspace', code: rawCm('$argocd-dex-secret:dex.github.clientId') },
    {
      name: 'keys produced by a template loop (keysComplete=false)',
      code: rawCm('$argocd-dex-secret:dex.github.clientId'),
      files: { '/repo/chart/templates/dex-secret.yaml': dexSecret({ keys: ['{{- range $k, $v := .Values.sealed }}', '{{ $k }}: {{ $v }}', '{{- end }}'] }) },
    },
    {
      name: 'an ExternalSecret produces the same Secret',
      code: application('$dex-github:client-secret'),
      files: { '/repo/s.yaml': plainSecret, '/repo/es.yaml': y('apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata:', '  name: dex-github', '  namespace: argocd', 'spec:', '  target:', '    name: dex-github') },
    },
    { name: 'templated key in the reference', code: valuesFile('$argocd-dex-secret:{{ .Values.dexSecretKey }}'), file: '/repo/argocd/values.yaml', files: { '/repo/s.yaml': dexSealed } },
    { name: 'bare $key (argocd-secret) is not checked here', code: rawCm('$dex.github.clientId'), files: { '/repo/s.yaml': dexSealed } },
  ],
  invalid: [
    {
      name: 'raw argocd-cm: case near miss fixed to the existing key',
      code: rawCm('$argocd-dex-secret:dex.github.clientId'),
      files: { '/repo/secrets/argocd-dex-secret.yaml': dexSealed },
      errors: [{ line: 16, column: 21, endLine: 16, endColumn: 59, message: /has no key "dex\.github\.clientId".*invalid_client.*did you mean "dex\.github\.clientID"\?/, related: 1 }],
      output: rawCm('$argocd-dex-secret:dex.github.clientID'),
    },
    {
      name: 'Ansible task: static client secret key never sealed',
      code: ansible('$argocd-dex-secret:grafana.clientSecret'),
      file: '/repo/roles/cluster/tasks/argocd.yml',
      files: { '/repo/additions/argocd-dex-secret.yaml': dexSealed },
      errors: [{ line: 24, column: 25, endLine: 24, endColumn: 64, message: /seal the key "grafana\.clientSecret" into Secret argocd-dex-secret/ }],
      output: null,
    },
    {
      name: 'Application valuesObject: quoted reference, punctuation near miss',
      code: application('"$dex-github:client-secret"'),
      files: { '/repo/secrets/dex-github.yaml': plainSecret },
      errors: [{ line: 22, column: 29, endLine: 22, endColumn: 56, message: /did you mean "clientSecret"/ }],
      output: application('"$dex-github:clientSecret"'),
    },
    {
      name: 'values file: one-letter typo',
      code: valuesFile('$argocd-dex-secret:dex.github.clientSecrt'),
      file: '/repo/argocd/values.yaml',
      files: { '/repo/secrets/argocd-dex-secret.yaml': dexSealed },
      errors: [{ line: 11, column: 27, endLine: 11, endColumn: 68 }],
      output: valuesFile('$argocd-dex-secret:dex.github.clientSecret'),
    },
  ],
});
