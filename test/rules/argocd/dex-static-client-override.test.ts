import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/dex-static-client-override';
import { Workspace } from '../../../server/src/engine/workspace';
import { defaultConfig } from '../../../server/src/engine/config';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, corpusArgoCdClient, githubConnectors, ldapConnectors, staticClients, y } from './fixtures';

const rawCm = (clients: string[]) =>
  argocdCm({ data: ['url: https://argocd.example.com', ...block('dex.config', [...githubConnectors('$dex-github:'), ...staticClients(clients)])] });

const ansible = (clients: string[]) =>
  ansibleHelmTask(
    configsCm(['url: "https://argocd.{{ cluster_domain }}"', ...block('dex.config', [...githubConnectors('$argocd-dex-secret:dex.github.', { clientSecret: false }), ...staticClients(clients)])]),
  );

const valuesFile = (clients: string[]) => y('global:', '  domain: argocd.example.org', ...configsCm(block('dex.config', [...ldapConnectors, ...staticClients(clients)])));

const gitlabConnector = ['connectors:', '  - type: gitlab', '    id: gitlab', '    name: GitLab', '    config:', '      clientID: $dex-gitlab:id'];

const appValuesString = (clients: string[]) =>
  argoCdApplication(configsCm(['url: https://cd.example.net', ...block('dex.config', [...gitlabConnector, ...staticClients(clients)])]), { valuesString: true, destination: false });

const corpusArgoCd = [
  ...corpusArgoCdClient,
  '- id: argocd-monitor',
  '  name: ArgoCD Monitor',
  '  redirectURIs:',
  '    - https://argocd-monitor.{{ cluster_domain }}/oauth2/callback',
  '  secret: $argocd-dex-secret:argocd-monitor.clientSecret',
];

ruleTester(rule, {
  valid: [
    { name: 'corpus Ansible: complete argo-cd override adding trustedPeers', code: ansible(corpusArgoCd) },
    { name: 'raw ConfigMap: only the user\'s own client ids', code: rawCm(['- id: grafana', '  name: Grafana', '  redirectURIs:', '    - https://grafana.example.com/login/generic_oauth', '  secret: $dex-clients:grafana']) },
    { name: 'templated client id stays silent', code: rawCm(['- id: "{{ .Values.clientId }}"', '  name: App', '  redirectURIs:', '    - https://app.example.com/callback', '  secret: $dex-clients:app']) },
    { name: 'values file: complete argo-cd-cli override', file: '/repo/argocd/values.yaml', code: valuesFile(['- id: argo-cd-cli', '  name: Argo CD CLI', '  public: true', '  redirectURIs:', '    - http://localhost', '    - http://localhost:8085/auth/callback', '  trustedPeers: [kubectl-oidc]']) },
    { name: 'templated redirect URI is not called another app', code: rawCm(['- id: argo-cd', '  name: Argo CD', '  secret: $dex.argocd.secret', '  redirectURIs:', '    - "{{ .Values.redirect }}"']) },
    { name: 'structural template inside the override stays silent', code: rawCm(['- id: argo-cd', '  name: Argo CD', '{{- toYaml .Values.argoCdClientExtra | nindent 8 }}']) },
  ],
  invalid: [
    {
      name: 'raw ConfigMap: another app\'s client reuses the argo-cd id',
      code: rawCm(['- id: argo-cd', '  name: Grafana', '  redirectURIs:', '    - https://grafana.example.com/login/generic_oauth', '  secret: $dex-clients:grafana']),
      errors: [{ line: 18, column: 13, endLine: 18, endColumn: 20, message: /rename the client id/ }],
      output: rawCm(['- id: grafana', '  name: Grafana', '  redirectURIs:', '    - https://grafana.example.com/login/generic_oauth', '  secret: $dex-clients:grafana']),
    },
    {
      name: 'Ansible: override without redirect URIs',
      code: ansible(['- id: argo-cd', '  name: Argo CD', '  secret: {{ cluster_argocd_dex_client_secret }}', '  trustedPeers:', '    - argocd-monitor']),
      errors: [{ line: 19, column: 21, endLine: 19, endColumn: 28, message: /Unregistered redirect_uri/ }],
      output: ansible(['- id: argo-cd', '  redirectURIs:', '    - https://argocd.{{ cluster_domain }}/auth/callback', '  name: Argo CD', '  secret: {{ cluster_argocd_dex_client_secret }}', '  trustedPeers:', '    - argocd-monitor']),
    },
    {
      name: 'values file: argo-cd-cli override neither public nor with the CLI callback',
      file: '/repo/argocd/values.yaml',
      code: valuesFile(['- id: argo-cd-cli', '  name: Argo CD CLI', '  redirectURIs:', '    - http://localhost', '  trustedPeers: [kubectl-oidc]']),
      errors: [{ line: 13, column: 15, endLine: 13, endColumn: 26, message: /public: true/ }],
      output: valuesFile(['- id: argo-cd-cli', '  public: true', '  name: Argo CD CLI', '  redirectURIs:', '    - http://localhost', '    - http://localhost:8085/auth/callback', '  trustedPeers: [kubectl-oidc]']),
    },
    {
      name: 'raw ConfigMap: two user clients with one id',
      code: rawCm(['- id: grafana', '  name: Grafana', '  redirectURIs:', '    - https://grafana.example.com/login/generic_oauth', '  secret: $dex-clients:grafana', '- id: grafana', '  name: Grafana (new)', '  redirectURIs:', '    - https://grafana2.example.com/login/generic_oauth', '  secret: $dex-clients:grafana2']),
      errors: [{ line: 18, column: 13, endLine: 18, endColumn: 20, message: /only the last static client/, related: 1 }],
      output: null,
    },
    {
      name: 'Application values string: override without name or secret',
      code: appValuesString(['- id: argo-cd', '  redirectURIs:', '    - https://cd.example.net/auth/callback', '  trustedPeers:', '    - argo-workflows']),
      errors: [{ line: 23, column: 23, endLine: 23, endColumn: 30, message: /lacks `name`, a `secret`/ }],
      output: null,
    },
  ],
});

// The rule tester configures each rule explicitly, which (rightly) pins every finding to the
// configured severity; at the default setting a reused id is an error and an incomplete override a warning.
describe('argocd/dex-static-client-override severities at the default setting', () => {
  const cases: Array<{ name: string; code: string; severity: 'error' | 'warning' }> = [
    { name: 'another app reusing argo-cd', code: rawCm(['- id: argo-cd', '  name: Grafana', '  redirectURIs:', '    - https://grafana.example.com/login/generic_oauth', '  secret: $dex-clients:grafana']), severity: 'error' },
    { name: 'incomplete override', code: ansible(['- id: argo-cd', '  name: Argo CD', '  secret: {{ cluster_argocd_dex_client_secret }}']), severity: 'warning' },
    { name: 'duplicate user ids', code: rawCm(['- id: app', '  name: A', '  secret: $s:a', '- id: app', '  name: B', '  secret: $s:b']), severity: 'warning' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ws = new Workspace(defaultConfig, [rule]);
      ws.update('/repo/argocd-cm.yaml', c.code);
      const found = ws.lint('/repo/argocd-cm.yaml').filter((f) => f.ruleId === rule.meta.id);
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, c.severity);
    });
  }
});
