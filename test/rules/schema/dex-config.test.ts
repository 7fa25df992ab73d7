import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/schema/dex-config';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, corpusArgoCdClient, githubConnectors, ldapConnectors, staticClients, y } from '../argocd/fixtures';

const rawCm = (dex: string[]) => argocdCm({ data: ['url: https://argocd.example.com', ...block('dex.config', dex)] });

const ansible = (dex: string[]) => ansibleHelmTask(configsCm(['url: "https://argocd.{{ cluster_domain }}"', ...block('dex.config', dex)]));

const application = (dex: string[]) => argoCdApplication(configsCm(block('dex.config', dex)), { destination: false });

const github = githubConnectors('$argocd-dex-secret:dex.github.');

const corpusDex = [
  ...github,
  '      loadAllGroups: true',
  ...staticClients([...corpusArgoCdClient, '- id: grafana', '  name: Grafana', '  redirectURIs:', '    - https://grafana.{{ cluster_domain }}/login/generic_oauth', '  secret: $argocd-dex-secret:grafana.clientSecret']),
];

ruleTester(rule, {
  valid: [
    { name: 'corpus Ansible dex.config', code: ansible(corpusDex) },
    { name: 'public client without a secret; env-based client', code: rawCm([...github, 'staticClients:', '  - id: kubectl', '    name: kubectl', '    public: true', '    redirectURIs: [http://localhost:8000]', '  - idEnv: WF_CLIENT_ID', '    secretEnv: WF_CLIENT_SECRET', '    name: Argo Workflows']) },
    { name: 'ldap connector needs no config for Argo CD', code: application(ldapConnectors) },
    { name: 'templated connectors stay silent', code: rawCm(['connectors: {{ toJson .Values.dexConnectors }}']) },
    { name: 'a template line that may add the secret stays silent', code: rawCm([...github, 'staticClients:', '  - id: app', '    name: App', '{{- if .Values.appSecret }}', '    secret: $dex:app', '{{- end }}']) },
    { name: 'empty dex.config is not Dex configuration', code: rawCm(['']) },
  ],
  invalid: [
    {
      name: 'raw ConfigMap: no connectors',
      code: rawCm(['staticClients:', '  - id: grafana', '    name: Grafana', '    secret: $dex:grafana', '    redirectURIs: [https://grafana.example.com/login/generic_oauth]']),
      errors: [{ line: 9, column: 3, endLine: 9, endColumn: 13, message: /malformed Dex configuration found/ }],
    },
    {
      name: 'Ansible: github connector without config, client without name',
      code: ansible(['connectors:', '  - type: github', '    id: github', '    name: GitHub', 'staticClients:', '  - id: grafana', '    secret: $argocd-dex-secret:grafana.clientSecret']),
      errors: [
        { line: 13, column: 17, endLine: 13, endColumn: 29, message: /`github` connector's `config`/ },
        { line: 17, column: 17, endLine: 17, endColumn: 28, message: /static client `grafana` has no `name`/ },
      ],
    },
    {
      name: 'values file: connectors as a map',
      file: '/repo/argocd/values.yaml',
      code: y('configs:', '  cm:', '    url: https://cd.example.org', '    dex.config: |', '      connectors:', '        github:', '          clientID: $dex:id'),
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 17, message: /must be a list/ }],
    },
    {
      name: 'Application valuesObject: secret and secretEnv both, another client with no secret, public as a string',
      code: application([
        ...github,
        'staticClients:',
        '  - id: grafana',
        '    name: Grafana',
        '    secret: $dex:grafana',
        '    secretEnv: GRAFANA_SECRET',
        '  - id: wiki',
        '    name: Wiki',
        '    redirectURIs: [https://wiki.example.com/callback]',
        '  - id: cli',
        '    name: CLI',
        '    public: "true"',
      ]),
      errors: [
        { line: 26, column: 19, endLine: 26, endColumn: 28, message: /both `secret` and `secretEnv`/ },
        { line: 27, column: 19, endLine: 27, endColumn: 27, message: /static client `wiki` has neither `secret` nor `secretEnv`/ },
        { line: 30, column: 19, endLine: 30, endColumn: 26, message: /static client `cli` has neither/ },
        { line: 32, column: 27, endLine: 32, endColumn: 33, message: /must be boolean/ },
      ],
    },
    {
      name: 'raw ConfigMap: connector without type',
      code: rawCm(['connectors:', '  - id: corp', '    name: Corp SSO', '    config:', '      issuer: https://sso.example.com']),
      errors: [{ line: 11, column: 9, endLine: 11, endColumn: 17, message: /has no `type`/ }],
    },
  ],
});
