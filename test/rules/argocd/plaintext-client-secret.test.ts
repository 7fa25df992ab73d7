import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/plaintext-client-secret';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, dexSecret, githubConnectors, keycloakOidc, staticClients, y } from './fixtures';

// Test fixtures only: these strings are not credentials of anything.
const ansible = (oidcSecret: string, argoSecret: string) =>
  ansibleHelmTask(
    configsCm([
      'url: "https://argocd.{{ cluster_domain }}"',
      ...block('oidc.config', ['name: Dex', 'issuer: https://argocd.{{ cluster_domain }}/api/dex', 'clientID: argo-cd', `clientSecret: ${oidcSecret}`]),
      ...block('dex.config', [
        ...githubConnectors('$argocd-dex-secret:dex.github.'),
        'staticClients:',
        '  - id: argo-cd',
        '    name: Argo CD',
        '    redirectURIs:',
        '      - https://argocd.{{ cluster_domain }}/auth/callback',
        `    secret: ${argoSecret}`,
      ]),
    ]),
  );

const dexSealed = dexSecret({
  namespace: 'argo-cd',
  keys: [
    'argo-cd.clientSecret: AgATRz/rqxhe0j8f9r72E4tvRsmpvmybbS+lsOQo4GG',
    'dex.github.clientID: AgCDI5W9q/xp5ARa2nh8rShy05epETfcnWjWipq67',
    'dex.github.clientSecret: AgCEUbj65fylqPYs+pzGeKl1FpR/s+hoTCtE6BhR',
  ],
});

const rawCm = (clientSecret: string) =>
  argocdCm({
    namespace: 'argocd',
    data: ['url: https://argocd.example.org', ...block('oidc.config', keycloakOidc(clientSecret))],
  });

const valuesFile = (client: string[]) => y(...configsCm(['url: https://argocd.example.org', ...block('dex.config', [...githubConnectors('$dex.github.'), ...staticClients(client)])]));

const application = (client: string[]) => argoCdApplication(configsCm(block('dex.config', [...githubConnectors('$dex-github:', { clientSecret: false }), ...staticClients(client)])));

ruleTester(rule, {
  valid: [
    { name: 'both secrets are references', code: ansible('$argocd-dex-secret:argo-cd.clientSecret', '$argocd-dex-secret:argo-cd.clientSecret'), file: '/repo/roles/cluster/tasks/argocd.yml' },
    { name: 'bare $key reads argocd-secret', code: rawCm('$oidc.keycloak.clientSecret') },
    { name: 'public PKCE client with an empty clientSecret', code: rawCm('""') },
    { name: 'secretEnv keeps the secret out of the ConfigMap', code: valuesFile(['- id: grafana', '  name: Grafana', '  secretEnv: GRAFANA_CLIENT_SECRET', '  redirectURIs:', '    - https://grafana.example.org/login/generic_oauth']), file: '/repo/argocd/values.yaml' },
    { name: 'a template that renders a reference', code: application(['- id: grafana', '  name: Grafana', '  secret: $dex-clients:{{ .Values.grafanaKey }}']), file: '/repo/chart/templates/argocd.yaml' },
  ],
  invalid: [
    {
      name: 'Ansible task renders the derived secret into oidc.config and the argo-cd static client (corpus)',
      code: ansible('{{ cluster_argocd_dex_client_secret }}', '{{ cluster_argocd_dex_client_secret }}'),
      file: '/repo/roles/cluster/tasks/argocd.yml',
      files: { '/repo/kubernetes-services/additions/argocd/argocd-dex-secret.yaml': dexSealed },
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
      code: valuesFile(['- id: grafana', '  name: Grafana', '  secret: "b7Yc1pQ9rS3tU5vW"', '  redirectURIs:', '    - https://grafana.example.org/login/generic_oauth']),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 15, column: 19, endLine: 15, endColumn: 37 }],
      output: valuesFile(['- id: grafana', '  name: Grafana', '  secret: "$argocd-dex-secret:grafana.clientSecret"', '  redirectURIs:', '    - https://grafana.example.org/login/generic_oauth']),
    },
    {
      name: 'Application valuesObject: templated client id, no fix',
      code: application(['- id: {{ .Values.clientId }}', '  name: Grafana', '  secret: {{ .Values.clientSecret }}']),
      file: '/repo/chart/templates/argocd.yaml',
      errors: [{ line: 28, column: 27, endLine: 28, endColumn: 53, message: /\(templated id\)/ }],
      output: null,
    },
  ],
});
