import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/ingress/auth-url-external';
import { ansibleHelm, application, applicationValuesString, rawIngress } from './fixtures';

const authUrl = (url: string) => `nginx.ingress.kubernetes.io/auth-url: ${url}`;
const SIGNIN = 'nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.example.com/oauth2/start?rd=https://$host$escaped_request_uri"';
const INTERNAL = 'http://oauth2-proxy.oauth2-proxy.svc.cluster.local';

const grafanaIngress = (url: string) => ['grafana:', '  ingress:', '    enabled: true', '    ingressClassName: nginx', '    annotations:', `      ${authUrl(url)}`, `      ${SIGNIN}`, '    hosts:', '      - grafana.example.com'];

const sameHostIngress = (url: string) => [
  'alertmanager:',
  '  ingress:',
  '    enabled: true',
  '    annotations:',
  `      ${authUrl(url)}`,
  '      nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"',
  '    hosts:',
  '      - alertmanager.{{ .Values.cluster_domain }}',
];

ruleTester(rule, {
  valid: [
    { name: 'raw: the proxy Service URL', code: rawIngress({ annotations: [authUrl(`"${INTERNAL}/oauth2/auth"`), SIGNIN] }) },
    { name: 'raw: $host (the proxy serves /oauth2 on every host, as in the upstream example)', code: rawIngress({ annotations: [authUrl('"https://$host/oauth2/auth"')] }) },
    { name: 'raw: split-horizon LAN name', code: rawIngress({ annotations: [authUrl('http://oauth2.home.arpa/oauth2/auth')] }) },
    { name: 'raw: a traefik ingress is not ingress-nginx', code: rawIngress({ className: 'traefik', annotations: [authUrl('https://oauth2.example.com/oauth2/auth')] }) },
    { name: 'Application: templated auth-url host (not the sign-in host) stays silent', code: application('kube-prometheus-stack', '69.2.0', grafanaIngress('"https://oauth2.{{ .Values.cluster_domain }}/oauth2/auth"')) },
    { name: 'Ansible: templated ingress class stays silent', code: ansibleHelm('grafana/grafana', ['ingress:', '  enabled: true', '  ingressClassName: "{{ ingress_class }}"', '  annotations:', `    ${authUrl('https://oauth2.example.com/oauth2/auth')}`]) },
  ],
  invalid: [
    {
      name: 'raw: public proxy host, quoted',
      code: rawIngress({ annotations: [authUrl('"https://oauth2.example.com/oauth2/auth"'), SIGNIN] }),
      errors: [{ line: 7, column: 43, endLine: 7, endColumn: 83, message: /public host oauth2\.example\.com.*500 Internal Server Error/ }],
      output: rawIngress({ annotations: [authUrl(`"${INTERNAL}/oauth2/auth"`), SIGNIN] }),
    },
    {
      name: 'raw: no class, plain value with a query kept',
      code: rawIngress({ className: null, annotations: [authUrl('https://auth.example.org/oauth2/auth?allowed_groups=admins')] }),
      errors: [{ line: 7, column: 43, endLine: 7, endColumn: 101 }],
      output: rawIngress({ className: null, annotations: [authUrl(`${INTERNAL}/oauth2/auth?allowed_groups=admins`)] }),
    },
    {
      name: 'Application valuesObject: configured internal URL',
      code: application('kube-prometheus-stack', '69.2.0', grafanaIngress("'https://oauth2.example.com/oauth2/auth'")),
      config: { oauth2Proxy: { internalUrl: 'http://oauth2-proxy.auth.svc' } },
      errors: [{ line: 22, column: 53, endLine: 22, endColumn: 93 }],
      output: application('kube-prometheus-stack', '69.2.0', grafanaIngress("'http://oauth2-proxy.auth.svc/oauth2/auth'")),
    },
    {
      name: 'Application values: | string',
      code: applicationValuesString('kube-prometheus-stack', '69.2.0', grafanaIngress('https://sso.example.net/oauth2/auth')),
      errors: [{ line: 20, column: 53, endLine: 20, endColumn: 88 }],
      output: applicationValuesString('kube-prometheus-stack', '69.2.0', grafanaIngress(`${INTERNAL}/oauth2/auth`)),
    },
    {
      name: 'Application: templated host that is the sign-in host the browser uses, so it is public',
      code: application('kube-prometheus-stack', '69.2.0', sameHostIngress('"https://oauth2.{{ .Values.cluster_domain }}/oauth2/auth"')),
      errors: [{ line: 21, column: 53, endLine: 21, endColumn: 110, message: /oauth2\.\{\{\.Values\.cluster_domain\}\}/ }],
      output: application('kube-prometheus-stack', '69.2.0', sameHostIngress(`"${INTERNAL}/oauth2/auth"`)),
    },
    {
      name: 'Ansible: another auth service (authentik outpost) gets no oauth2-proxy fix',
      code: ansibleHelm('oci://ghcr.io/example/charts/app', ['ingress:', '  enabled: true', '  className: nginx', '  annotations:', `    ${authUrl('https://authentik.example.com/outpost.goauthentik.io/auth/nginx')}`]),
      errors: [{ line: 11, column: 49, endLine: 11, endColumn: 112, message: /authentik\.example\.com/ }],
      output: null,
    },
  ],
});
