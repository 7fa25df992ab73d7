import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintWith, parsesCleanly, ruleTester } from '../../support/ruleTester';
import { applyEdits } from '../../../server/src/engine/fix';
import { rule } from '../../../server/src/rules/argocd/oidc-issuer-not-dex';

const y = (...l: string[]) => l.join('\n') + '\n';

const rawCm = (url: string, issuer: string) =>
  y(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: argocd-cm',
    '  namespace: argocd',
    '  labels:',
    '    app.kubernetes.io/part-of: argocd',
    'data:',
    `  url: ${url}`,
    '  dex.config: |',
    '    connectors:',
    '      - type: github',
    '        id: github',
    '        name: GitHub',
    '        config:',
    '          clientID: $dex-github:clientID',
    '          clientSecret: $dex-github:clientSecret',
    '  oidc.config: |',
    '    name: SSO',
    `    issuer: ${issuer}`,
    '    clientID: argo-cd',
    '    clientSecret: $oidc.clientSecret',
  );

const valuesFile = (issuer: string) =>
  y(
    'global:',
    '  domain: argocd.example.org',
    'configs:',
    '  cm:',
    '    dex.config: |',
    '      connectors:',
    '        - type: oidc',
    '          id: keycloak',
    '          name: Keycloak',
    '          config:',
    '            issuer: https://keycloak.example.org/realms/ops',
    '            clientID: argocd',
    '            clientSecret: $dex-oidc:secret',
    '    oidc.config: |',
    '      name: Dex',
    `      issuer: ${issuer}`,
    '      clientID: argo-cd',
    '      cliClientID: argo-cd-cli',
  );

const ansible = (issuer: string) =>
  y(
    '- name: Upgrade ArgoCD Helm release',
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
    `            issuer: ${issuer}`,
    '            clientID: argo-cd',
    '            clientSecret: {{ cluster_argocd_dex_client_secret }}',
    '          dex.config: |',
    '            connectors:',
    '              - type: github',
    '                id: github',
    '                name: GitHub',
    '                config:',
    '                  clientID: $argocd-dex-secret:dex.github.clientID',
  );

const application = (oidcLines: string[]) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd',
    '  namespace: argocd',
    'spec:',
    '  destination:',
    '    namespace: argocd',
    '  source:',
    '    repoURL: https://argoproj.github.io/argo-helm',
    '    chart: argo-cd',
    '    targetRevision: 7.7.0',
    '    helm:',
    '      valuesObject:',
    '        configs:',
    '          cm:',
    '            url: https://cd.example.net',
    '            dex.config: |',
    '              connectors:',
    '                - type: gitlab',
    '                  id: gitlab',
    '                  name: GitLab',
    '                  config:',
    '                    clientID: $dex-gitlab:id',
    '                    clientSecret: $dex-gitlab:secret',
    '            oidc.config: |',
    ...oidcLines.map((l) => `              ${l}`),
  );

ruleTester(rule, {
  valid: [
    { name: 'Ansible: issuer is url + /api/dex by the same template expression', code: ansible('https://argocd.{{ cluster_domain }}/api/dex') },
    { name: 'raw ConfigMap: issuer equals url + /api/dex', code: rawCm('https://argocd.example.com', 'https://argocd.example.com/api/dex') },
    { name: 'raw ConfigMap: trailing slash on url is joined like RedirectURL', code: rawCm('https://argocd.example.com/', 'https://argocd.example.com/api/dex') },
    { name: 'values file: issuer from the chart preset https://<global.domain>', file: '/repo/argocd/values.yaml', code: valuesFile('https://argocd.example.org/api/dex') },
    { name: 'templated issuer stays silent', code: ansible('"{{ argocd_oidc_issuer }}"') },
    {
      name: 'external OIDC without dex.config',
      code: y(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: argocd-cm',
        'data:',
        '  url: https://argocd.example.com',
        '  oidc.config: |',
        '    name: Okta',
        '    issuer: https://example.okta.com',
        '    clientID: 0oa1',
        '    clientSecret: $oidc.okta.clientSecret',
      ),
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
  const withoutDex = y(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: argocd-cm',
    '  namespace: argocd',
    '  labels:',
    '    app.kubernetes.io/part-of: argocd',
    'data:',
    '  url: https://argocd.example.com',
    '  oidc.config: |',
    '    name: SSO',
    '    issuer: https://login.microsoftonline.com/tenant/v2.0',
    '    clientID: argo-cd',
    '    clientSecret: $oidc.clientSecret',
  );
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
