import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/dex-disabled-with-config';
import { ansibleHelmTask, argoCdApplication, block, configMap, githubConnectors, indent, y } from './fixtures';

const dexConfig = (n: number) => indent(n, block('dex.config', githubConnectors('$dex-github:')));

const valuesFile = (enabled: string, cm: string[]) => y('global:', '  domain: argocd.example.org', 'dex:', `  enabled: ${enabled}`, 'configs:', '  cm:', ...cm);

/** `cm` lines are indented for their place under configs.cm (4 spaces). */
const application = (enabled: string, cm: string[]) => argoCdApplication(['dex:', `  enabled: ${enabled}`, 'configs:', '  cm:', ...cm], { valuesString: true });

const oidcExternal = (n: number) => indent(n, block('oidc.config', ['name: Okta', 'issuer: https://example.okta.com', 'clientID: 0oa1b2c3', 'clientSecret: $oidc.okta.clientSecret']));

const ansible = (enabled: string) =>
  ansibleHelmTask(['dex:', `  enabled: ${enabled}`, 'configs:', '  cm:', ...dexConfig(4)], { name: 'Install Argo CD', chartRef: 'argo/argo-cd', chartVersion: null, namespaceLine: 'release_namespace: argocd' });

ruleTester(rule, {
  valid: [
    { name: 'Dex enabled (chart default)', code: y('configs:', '  cm:', ...dexConfig(4)), file: '/repo/argocd/values.yaml' },
    { name: 'Dex disabled, OIDC only', code: valuesFile('false', oidcExternal(4)), file: '/repo/argocd/values.yaml' },
    { name: 'Dex disabled, empty dex.config', code: valuesFile('false', ['    dex.config: ""', ...oidcExternal(4)]), file: '/repo/argocd/values.yaml' },
    { name: 'templated dex.enabled', code: application('{{ .Values.dexEnabled }}', dexConfig(4)), file: '/repo/chart/templates/argocd.yaml' },
    { name: 'raw ConfigMap: no dex.enabled there', code: configMap('argocd-cm', [], dexConfig(2)) },
  ],
  invalid: [
    {
      name: 'values file: Dex disabled with connectors, Dex enabled by the fix',
      code: valuesFile('false', dexConfig(4)),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 17, message: /argocd-dex-server, which is not deployed.*Failed to query provider/, related: 1 }],
      output: valuesFile('true', dexConfig(4)),
    },
    {
      name: 'values file: Dex disabled beside an external oidc.config, dex.config removed',
      code: valuesFile('false', [...dexConfig(4), ...oidcExternal(4)]),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 17 }],
      output: valuesFile('false', oidcExternal(4)),
    },
    {
      name: 'Application helm.values string',
      code: application('false', dexConfig(4)),
      errors: [{ line: 17, column: 11, endLine: 17, endColumn: 25 }],
      output: application('true', dexConfig(4)),
    },
    {
      name: 'Ansible task, quoted "false"',
      code: ansible('"false"'),
      file: '/repo/roles/argocd/tasks/main.yml',
      errors: [{ line: 8, column: 9, endLine: 8, endColumn: 25 }],
      output: ansible('"true"'),
    },
  ],
});
