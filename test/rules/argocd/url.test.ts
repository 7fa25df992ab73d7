import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/url';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, githubConnectors, keycloakOidc, staticClients, y } from './fixtures';

const rawCm = (data: string[]) => argocdCm({ namespace: 'argocd', data });

const dexConfig = block('dex.config', githubConnectors('$dex-github:'));

const oidcThroughDex = block('oidc.config', ['name: Dex', 'issuer: https://argocd.example.org/api/dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli']);

const valuesWithoutUrl = y(
  ...configsCm(
    block('dex.config', [
      ...githubConnectors('$dex-github:'),
      ...staticClients(['- id: argo-cd', '  name: Argo CD', '  redirectURIs:', '    - https://argocd.example.org/auth/callback', '  secret: $argocd-dex-secret:argo-cd.clientSecret']),
    ]),
  ),
);

const application = (version: string, values: string[]) => argoCdApplication(values, { version });

const oidcKeycloak = block('oidc.config', keycloakOidc('$oidc-keycloak:clientSecret'));
const oidcValues = configsCm(oidcKeycloak);

const ansible = (url: string) => ansibleHelmTask(['global:', '  domain: argocd.{{ cluster_domain }}', ...configsCm([`url: ${url}`, ...dexConfig])]);

ruleTester(rule, {
  valid: [
    { name: 'Ansible task with a templated url (corpus shape)', code: ansible('"https://argocd.{{ cluster_domain }}"'), file: '/repo/roles/cluster/tasks/argocd.yml' },
    { name: 'raw ConfigMap with url and dex.config', code: rawCm(['url: https://argocd.example.org', ...dexConfig]) },
    { name: 'values file: url preset from global.domain', code: y('global:', '  domain: argocd.example.org', ...configsCm(dexConfig)), file: '/repo/argocd/values.yaml' },
    { name: 'raw ConfigMap without SSO needs no url', code: rawCm(['admin.enabled: "true"']) },
    { name: 'chart template: url from a value', code: rawCm(['url: {{ .Values.argocdUrl }}', ...dexConfig]), file: '/repo/chart/templates/argocd-cm.yaml' },
    { name: 'trailing slash without Dex (oidc.config joins the callback itself)', code: application('7.7.0', ['global:', '  domain: argocd.example.org', ...configsCm(['url: https://argocd.example.org/', ...oidcKeycloak])]) },
    { name: 'chart: an empty url keeps the global.domain preset', code: y('global:', '  domain: argocd.example.org', ...configsCm(['url: ""', ...dexConfig])), file: '/repo/argocd/values.yaml' },
    {
      name: 'kustomize patch: url comes from the base',
      code: rawCm(dexConfig),
      file: '/repo/overlays/prod/argocd-cm-patch.yaml',
      files: { '/repo/overlays/prod/kustomization.yaml': y('resources:', '  - ../../base', 'patches:', '  - path: argocd-cm-patch.yaml') },
    },
  ],
  invalid: [
    {
      name: 'values file: placeholder url, address taken from the chart ingress host',
      code: y('server:', '  ingress:', '    enabled: true', '    hostname: argocd.example.org', 'configs:', '  cm:', '    oidc.config: |', '      name: Okta', '      issuer: https://example.okta.com', '      clientID: 0oa1b2c3', '      clientSecret: $oidc.okta.clientSecret'),
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 16, message: /neither url nor global\.domain/ }],
      output: y('server:', '  ingress:', '    enabled: true', '    hostname: argocd.example.org', 'configs:', '  cm:', '    oidc.config: |', '      name: Okta', '      issuer: https://example.okta.com', '      clientID: 0oa1b2c3', '      clientSecret: $oidc.okta.clientSecret', '    url: https://argocd.example.org'),
    },
    {
      name: 'raw ConfigMap: dex.config without url, url derived from the Dex issuer',
      code: rawCm([...dexConfig, ...oidcThroughDex]),
      errors: [{ line: 9, column: 3, endLine: 9, endColumn: 13, message: /no url.*disables SSO/ }],
      output: rawCm([...dexConfig, ...oidcThroughDex, 'url: https://argocd.example.org']),
    },
    {
      name: 'raw ConfigMap: trailing slash',
      code: rawCm(['url: https://argocd.example.org/', ...dexConfig]),
      errors: [{ line: 9, column: 8, endLine: 9, endColumn: 35, message: /\/\/api\/dex/ }],
      output: rawCm(['url: https://argocd.example.org', ...dexConfig]),
    },
    {
      name: 'values file: no url and no global.domain, url derived from the argo-cd client callback',
      code: valuesWithoutUrl,
      file: '/repo/argocd/values.yaml',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 15, message: /https:\/\/argocd\.example\.com/ }],
      output: valuesWithoutUrl + '    url: https://argocd.example.org\n',
    },
    {
      name: 'Application valuesObject: global.domain is the chart placeholder',
      code: application('7.7.0', ['global:', '  domain: argocd.example.com', ...oidcValues]),
      errors: [{ line: 17, column: 19, endLine: 17, endColumn: 37, message: /placeholder/ }],
      output: null,
    },
    {
      name: 'Ansible task: templated url with a trailing slash',
      code: ansible('"https://argocd.{{ cluster_domain }}/"'),
      file: '/repo/roles/cluster/tasks/argocd.yml',
      errors: [{ line: 12, column: 16, endLine: 12, endColumn: 54 }],
      output: ansible('"https://argocd.{{ cluster_domain }}"'),
    },
    {
      name: 'Application with a chart older than 6.0: no preset, SSO off',
      code: application('5.51.6', oidcValues),
      errors: [{ line: 18, column: 13, endLine: 18, endColumn: 24, message: /chart 5\.51\.6 does not preset it/ }],
      output: null,
    },
  ],
});
