import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/cookie-name-clash';
import { appValuesObject, appValuesString, deployment, indent, y } from './fixtures';

const SHARED_PATH = '/repo/apps/oauth2-proxy.yaml';
/** The shared proxy: cookie on the parent domain, served at oauth2.<domain>. */
const shared = (domain: string) =>
  appValuesObject('10.7.0', [
    'config:',
    '  existingSecret: oauth2-proxy-credentials',
    'extraArgs:',
    '  provider: github',
    `  cookie-domain: "${domain}"`,
    `  whitelist-domain: "${domain}"`,
    'ingress:',
    '  enabled: true',
    '  hosts:',
    `    - oauth2${domain}`,
  ]);
const SHARED = { [SHARED_PATH]: shared('.example.com') };

const monitor = (domain: string, extraArgs: string[]) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd-monitor',
    'spec:',
    '  destination:',
    '    namespace: argocd-monitor',
    '  source:',
    '    chart: argocd-monitor',
    '    repoURL: ghcr.io/epics-containers/charts',
    '    targetRevision: 1.0.0',
    '    helm:',
    '      valuesObject:',
    '        oauth2Proxy:',
    '          enabled: true',
    `          issuerUrl: https://argocd${domain}/api/dex`,
    '          extraArgs:',
    ...indent(12, [`- --redirect-url=https://argocd-monitor${domain}/oauth2/callback`, ...extraArgs.map((a) => `- ${a}`)]),
  );

const grafanaProxy = (values: string[]) => appValuesObject('10.7.0', values, 'grafana-proxy');

ruleTester(rule, {
  valid: [
    { name: 'the corpus: the embedded proxy has its own cookie name', files: SHARED, code: monitor('.example.com', ['--cookie-name=_oauth2_proxy_monitor']) },
    { name: 'disjoint domains', files: SHARED, code: monitor('.example.org', []) },
    { name: 'the same release in two files (replicas of one instance)', files: SHARED, file: '/repo/overlays/prod/oauth2-proxy.yaml', code: shared('.example.com') },
    { name: 'templated cookie name stays silent', files: SHARED, code: monitor('.example.com', ['--cookie-name={{ .Values.cookie_name }}']) },
    { name: 'a proxy whose hosts are unknown', files: SHARED, code: deployment(['--provider=github', '--upstream=http://127.0.0.1:8080']) },
    { name: 'no other proxy in the workspace', code: monitor('.example.com', []) },
  ],
  invalid: [
    {
      name: 'an embedded oauth2Proxy with the default name under the shared cookie domain',
      files: SHARED,
      code: monitor('.example.com', ['--scope=openid profile email']),
      errors: [{ line: 14, column: 9, endLine: 14, endColumn: 20, message: /`_oauth2_proxy` \(the default\).*\.example\.com.*argocd-monitor\.example\.com.*login loop/, related: 1 }],
      output: monitor('.example.com', ['--scope=openid profile email', '--cookie-name=_oauth2_proxy_argocd_monitor']),
    },
    {
      name: 'templated domains on both sides are the same expression',
      files: { [SHARED_PATH]: shared('.{{ .Values.cluster_domain }}') },
      code: monitor('.{{ .Values.cluster_domain }}', []),
      errors: [{ line: 14, column: 9, endLine: 14, endColumn: 20, related: 1 }],
      output: monitor('.{{ .Values.cluster_domain }}', ['--cookie-name=_oauth2_proxy_argocd_monitor']),
    },
    {
      name: 'a second chart release with an extraArgs map',
      files: SHARED,
      code: grafanaProxy(['extraArgs:', '  provider: oidc', 'ingress:', '  enabled: true', '  hosts:', '    - grafana.example.com']),
      errors: [{ line: 12, column: 12, endLine: 12, endColumn: 24 }],
      output: grafanaProxy(['extraArgs:', '  cookie-name: _oauth2_proxy_grafana_proxy', '  provider: oidc', 'ingress:', '  enabled: true', '  hosts:', '    - grafana.example.com']),
    },
    {
      name: 'a second release without extraArgs gets config.cookieName (helm.values string)',
      files: SHARED,
      code: appValuesString('10.7.0', ['config:', '  existingSecret: grafana-proxy', 'ingress:', '  enabled: true', '  hosts:', '    - grafana.example.com'], 'grafana-proxy'),
      errors: [{ line: 10, column: 12, endLine: 10, endColumn: 24 }],
      output: appValuesString('10.7.0', ['config:', '  cookieName: _oauth2_proxy_grafana_proxy', '  existingSecret: grafana-proxy', 'ingress:', '  enabled: true', '  hosts:', '    - grafana.example.com'], 'grafana-proxy'),
    },
    {
      name: 'a sidecar naming its cookie like the shared proxy',
      files: SHARED,
      code: deployment(['--provider=oidc', '--cookie-name=_oauth2_proxy', '--redirect-url=https://app.example.com/oauth2/callback']),
      errors: [{ line: 14, column: 29, endLine: 14, endColumn: 42 }],
      output: deployment(['--provider=oidc', '--cookie-name=_oauth2_proxy_app', '--redirect-url=https://app.example.com/oauth2/callback']),
    },
  ],
});
