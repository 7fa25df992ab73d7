import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/unknown-audiences-key';
import { ansibleHelmTask, argocdCm, block, configMap, configsCm, githubConnectors, indent, staticClients, y } from './fixtures';

const rawCm = (extra: string[]) => argocdCm({ data: ['url: https://argocd.example.com', ...extra] });

const ansible = (cm: string[]) =>
  ansibleHelmTask(['configs:', '  params:', '    server.insecure: "true"', '  cm:', '    url: "https://argocd.{{ cluster_domain }}"', ...indent(4, cm)], { name: 'Install ArgoCD' });

/** `lines` follow the connectors inside dex.config. */
const dexWith = (lines: string[]) => block('dex.config', [...githubConnectors('$dex:', { clientID: '$dex:id', clientSecret: false }), ...lines]);

ruleTester(rule, {
  valid: [
    { name: 'allowedAudiences inside oidc.config is the real setting', code: rawCm(['oidc.config: |', '  name: Dex', '  issuer: https://argocd.example.com/api/dex', '  clientID: argo-cd', '  allowedAudiences: [argo-cd, argo-cd-cli, grafana]']) },
    { name: 'Ansible: trustedPeers on the argo-cd client', code: ansible(dexWith(['staticClients:', '  - id: argo-cd', '    name: Argo CD', '    secret: $dex:argocd', '    trustedPeers: [argocd-monitor]'])) },
    { name: 'templated key stays silent', code: rawCm(['"{{ .Values.audKey }}": grafana']) },
    {
      name: 'argocd-rbac-cm is not read for audiences',
      code: configMap('argocd-rbac-cm', [], ['  policy.default: role:readonly', '  scopes: "[groups, email]"']),
    },
  ],
  invalid: [
    {
      name: 'raw argocd-cm: server.additional.audiences',
      code: rawCm(['server.additional.audiences: argocd-monitor']),
      errors: [{ line: 9, column: 3, endLine: 9, endColumn: 30, message: /no `server\.additional\.audiences` setting in argocd-cm/ }],
    },
    {
      name: 'Ansible: audiences in chart configs.params and in dex.config',
      code: ansibleHelmTask(
        [
          'configs:',
          '  params:',
          '    server.additional.audiences: "argocd-monitor"',
          '  cm:',
          '    url: "https://argocd.{{ cluster_domain }}"',
          ...indent(4, block('dex.config', ['allowedAudiences:', '  - argocd-monitor', 'connectors: []'])),
        ],
        { name: 'Install ArgoCD', chartVersion: null, namespaceLine: null },
      ),
      errors: [
        { line: 8, column: 11, endLine: 8, endColumn: 38, message: /argocd-cmd-params-cm/ },
        { line: 12, column: 13, endLine: 12, endColumn: 29, message: /in dex\.config/ },
      ],
    },
    {
      name: 'values file: audiences on a Dex static client',
      file: '/repo/argocd/values.yaml',
      code: y(...configsCm(['url: https://cd.example.org', ...block('dex.config', ['connectors: []', ...staticClients(['- id: grafana', '  name: Grafana', '  secret: $dex:grafana', '  audiences: [argo-cd]'])])])),
      errors: [{ line: 10, column: 11, endLine: 10, endColumn: 20, message: /static client/ }],
    },
    {
      name: 'raw argocd-cmd-params-cm',
      code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cmd-params-cm', 'data:', '  server.insecure: "true"', '  server.oidc.audiences: grafana'),
      errors: [{ line: 7, column: 3, endLine: 7, endColumn: 24 }],
    },
  ],
});
