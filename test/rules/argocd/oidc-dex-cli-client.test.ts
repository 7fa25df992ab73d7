import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/oidc-dex-cli-client';
import { ansibleHelmTask, argocdCm, block, configsCm, githubConnectors, y } from './fixtures';

/** The corpus's Ansible task (tpi-k3s-ansible roles/cluster/tasks/argocd.yml), oidc.config lines varied. */
const ansible = (oidc: string[]) =>
  ansibleHelmTask([
    'global:',
    '  domain: argocd.{{ cluster_domain }}',
    ...configsCm(['url: "https://argocd.{{ cluster_domain }}"', ...block('oidc.config', oidc), ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.'))]),
  ]);

const microsoftConnector = ['connectors:', '  - type: microsoft', '    id: microsoft', '    name: Microsoft', '    config:', '      clientID: $dex-ms:clientID', '      clientSecret: $dex-ms:clientSecret'];

const rawCm = (oidc: string[]) => argocdCm({ data: ['url: https://argocd.example.com', ...block('dex.config', microsoftConnector), ...block('oidc.config', oidc)] });

const corpusOidc = [
  'name: Dex',
  'issuer: https://argocd.{{ cluster_domain }}/api/dex',
  'clientID: argo-cd',
  'clientSecret: {{ cluster_argocd_dex_client_secret }}',
  'allowedAudiences:',
  '  - argo-cd',
  '  - argocd-monitor',
  'requestedScopes:',
  '  - openid',
];

ruleTester(rule, {
  valid: [
    {
      name: 'Ansible: cliClientID set and listed in allowedAudiences',
      code: ansible(['name: Dex', 'issuer: https://argocd.{{ cluster_domain }}/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli', 'allowedAudiences:', '  - argo-cd', '  - argo-cd-cli', '  - argocd-monitor']),
    },
    { name: 'raw ConfigMap: cliClientID set, no allowedAudiences (defaults include it)', code: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli']) },
    { name: 'raw ConfigMap: external issuer is another rule\'s business', code: rawCm(['name: Okta', 'issuer: https://example.okta.com', 'clientID: 0oa1']) },
    { name: 'templated audience list item stays silent', code: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'cliClientID: "{{ .Values.cliClient }}"', 'allowedAudiences:', '  - argo-cd', '  - "{{ .Values.cliClient }}"']) },
    { name: 'Helm control flow that may add cliClientID stays silent', code: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', '{{- if .Values.cli }}', 'cliClientID: argo-cd-cli', '{{- end }}']) },
  ],
  invalid: [
    {
      name: 'corpus Ansible task: no cliClientID, allowedAudiences without argo-cd-cli (one finding, one fix)',
      code: ansible(corpusOidc),
      errors: [{ line: 16, column: 13, endLine: 16, endColumn: 30, message: /without `cliClientID: argo-cd-cli`.*allowedAudiences must list `argo-cd-cli` too/ }],
      output: ansible([
        'name: Dex',
        'issuer: https://argocd.{{ cluster_domain }}/api/dex',
        'clientID: argo-cd',
        'cliClientID: argo-cd-cli',
        'clientSecret: {{ cluster_argocd_dex_client_secret }}',
        'allowedAudiences:',
        '  - argo-cd',
        '  - argocd-monitor',
        '  - argo-cd-cli',
        'requestedScopes:',
        '  - openid',
      ]),
    },
    {
      name: 'raw ConfigMap: cliClientID missing',
      code: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'clientSecret: $oidc.dex.clientSecret']),
      errors: [{ line: 20, column: 5, endLine: 20, endColumn: 22 }],
      output: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli', 'clientSecret: $oidc.dex.clientSecret']),
    },
    {
      name: 'raw ConfigMap: flow allowedAudiences misses the CLI client',
      code: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli', 'allowedAudiences: [argo-cd, grafana]']),
      errors: [{ line: 22, column: 5, endLine: 22, endColumn: 21, message: /invalid audience/ }],
      output: rawCm(['name: Dex', 'issuer: https://argocd.example.com/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli', 'allowedAudiences: [argo-cd, grafana, argo-cd-cli]']),
    },
    {
      name: 'values file: cliClientID missing, url preset from global.domain',
      file: '/repo/argocd/values.yaml',
      code: y('global:', '  domain: cd.example.org', 'configs:', '  cm:', '    dex.config: |', '      connectors:', '        - type: github', '          id: github', '          name: GitHub', '          config:', '            clientID: $dex:id', '    oidc.config: |', '      issuer: https://cd.example.org/api/dex', '      clientID: argo-cd'),
      errors: [{ line: 14, column: 7, endLine: 14, endColumn: 24 }],
      output: y('global:', '  domain: cd.example.org', 'configs:', '  cm:', '    dex.config: |', '      connectors:', '        - type: github', '          id: github', '          name: GitHub', '          config:', '            clientID: $dex:id', '    oidc.config: |', '      issuer: https://cd.example.org/api/dex', '      clientID: argo-cd', '      cliClientID: argo-cd-cli'),
    },
  ],
});
