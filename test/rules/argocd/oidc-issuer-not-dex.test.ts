import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintWith, parsesCleanly, ruleTester } from '../../support/ruleTester';
import { applyEdits } from '../../../server/src/engine/fix';
import { rule } from '../../../server/src/rules/argocd/oidc-issuer-not-dex';
import { ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, githubConnectors, y } from './fixtures';

const rawCm = (url: string, issuer: string) =>
  argocdCm({
    namespace: 'argocd',
    data: [`url: ${url}`, ...block('dex.config', githubConnectors('$dex-github:')), ...block('oidc.config', ['name: SSO', `issuer: ${issuer}`, 'clientID: argo-cd', 'clientSecret: $oidc.clientSecret'])],
  });

const keycloakConnector = [
  'connectors:',
  '  - type: oidc',
  '    id: keycloak',
  '    name: Keycloak',
  '    config:',
  '      issuer: https://keycloak.example.org/realms/ops',
  '      clientID: argocd',
  '      clientSecret: $dex-oidc:secret',
];

const valuesFile = (issuer: string) =>
  y('global:', '  domain: argocd.example.org', ...configsCm([...block('dex.config', keycloakConnector), ...block('oidc.config', ['name: Dex', `issuer: ${issuer}`, 'clientID: argo-cd', 'cliClientID: argo-cd-cli'])]));

const ansible = (issuer: string) =>
  ansibleHelmTask(
    configsCm([
      'url: "https://argocd.{{ cluster_domain }}"',
      ...block('oidc.config', ['name: Dex', `issuer: ${issuer}`, 'clientID: argo-cd', 'clientSecret: {{ cluster_argocd_dex_client_secret }}']),
      ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.', { clientSecret: false })),
    ]),
    { name: 'Upgrade ArgoCD Helm release' },
  );

const gitlabConnector = ['connectors:', '  - type: gitlab', '    id: gitlab', '    name: GitLab', '    config:', '      clientID: $dex-gitlab:id', '      clientSecret: $dex-gitlab:secret'];

const application = (oidcLines: string[]) =>
  argoCdApplication(configsCm(['url: https://cd.example.net', ...block('dex.config', gitlabConnector), ...block('oidc.config', oidcLines)]), { server: false });

ruleTester(rule, {
  valid: [
    { name: 'Ansible: issuer is url + /api/dex by the same template expression', code: ansible('https://argocd.{{ cluster_domain }}/api/dex') },
    { name: 'raw ConfigMap: issuer equals url + /api/dex', code: rawCm('https://argocd.example.com', 'https://argocd.example.com/api/dex') },
    { name: 'raw ConfigMap: trailing slash on url is joined like RedirectURL', code: rawCm('https://argocd.example.com/', 'https://argocd.example.com/api/dex') },
    { name: 'values file: issuer from the chart preset https://<global.domain>', file: '/repo/argocd/values.yaml', code: valuesFile('https://argocd.example.org/api/dex') },
    { name: 'templated issuer stays silent', code: ansible('"{{ argocd_oidc_issuer }}"') },
    {
      name: 'external OIDC without dex.config',
      code: argocdCm({ labelled: false, data: ['url: https://argocd.example.com', ...block('oidc.config', ['name: Okta', 'issuer: https://example.okta.com', 'clientID: 0oa1', 'clientSecret: $oidc.okta.clientSecret'])] }),
    },
  ],
  invalid: [
    {
      name: 'raw ConfigMap: foreign issuer beside dex.config',
      code: rawCm('https://argocd.example.com', 'https://login.microsoftonline.com/tenant/v2.0'),
      errors: [{ line: 20, column: 13, endLine: 20, endColumn: 58, message: /foreign issuer breaks SSO/ }],
      output: rawCm('https://argocd.example.com', 'https://argocd.example.com/api/dex'),
    },
    {
      name: 'values file: issuer is the external IdP, url preset from global.domain',
      file: '/repo/argocd/values.yaml',
      code: valuesFile('https://keycloak.example.org/realms/ops'),
      errors: [{ line: 16, column: 15, endLine: 16, endColumn: 54, message: /https:\/\/argocd\.example\.org\/api\/dex/ }],
      output: valuesFile('https://argocd.example.org/api/dex'),
    },
    {
      name: 'Ansible: templated issuer on another host is provably different',
      code: ansible('https://dex.{{ cluster_domain }}'),
      errors: [{ line: 13, column: 21, endLine: 13, endColumn: 53 }],
      output: ansible('https://argocd.{{ cluster_domain }}/api/dex'),
    },
    {
      name: 'Application valuesObject: oidc.config without issuer',
      code: application(['name: Dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli']),
      errors: [{ line: 26, column: 13, endLine: 26, endColumn: 24, message: /no issuer/ }],
      output: application(['issuer: https://cd.example.net/api/dex', 'name: Dex', 'clientID: argo-cd', 'cliClientID: argo-cd-cli']),
    },
  ],
});

// The second fix (not preferred): drop dex.config for a pure external-OIDC setup.
describe('argocd/oidc-issuer-not-dex: the "remove dex.config" fix', () => {
  const withoutDex = argocdCm({
    namespace: 'argocd',
    data: ['url: https://argocd.example.com', ...block('oidc.config', ['name: SSO', 'issuer: https://login.microsoftonline.com/tenant/v2.0', 'clientID: argo-cd', 'clientSecret: $oidc.clientSecret'])],
  });
  it('removes the whole dex.config block and nothing else', () => {
    const code = rawCm('https://argocd.example.com', 'https://login.microsoftonline.com/tenant/v2.0');
    const [f] = lintWith(rule, { code });
    const remove = f.fixes.find((x) => !x.preferred);
    assert.ok(remove, 'a second fix is offered');
    const out = applyEdits(code, remove.edits);
    assert.equal(out, withoutDex);
    assert.ok(parsesCleanly(out));
    assert.deepEqual(lintWith(rule, { code: out }), []);
  });
});
