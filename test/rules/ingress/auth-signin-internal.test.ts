import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/ingress/auth-signin-internal';
import { ansibleHelm, application, applicationValuesString, rawIngress, y } from './fixtures';

const URL_ANN = 'nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"';
const signin = (url: string) => `nginx.ingress.kubernetes.io/auth-signin: ${url}`;

const alertmanager = (signinUrl: string) => [
  'alertmanager:',
  '  ingress:',
  '    enabled: true',
  '    ingressClassName: nginx',
  '    annotations:',
  `      ${URL_ANN}`,
  `      ${signin(signinUrl)}`,
  '    hosts:',
  '      - alertmanager.example.com',
];

ruleTester(rule, {
  valid: [
    { name: 'raw: public signin host', code: rawIngress({ annotations: [URL_ANN, signin('"https://oauth2.example.com/oauth2/start?rd=https://$host$escaped_request_uri"')] }) },
    { name: 'raw: signin on the same host ($host)', code: rawIngress({ annotations: [signin('"https://$host/oauth2/start?rd=$escaped_request_uri"')] }) },
    { name: 'raw: relative signin path', code: rawIngress({ annotations: [signin('/oauth2/start')] }) },
    { name: 'raw: local dev host under .localhost resolves in the browser', code: rawIngress({ annotations: [signin('http://oauth2.localhost/oauth2/start')] }) },
    { name: 'raw: another ingress class ignores nginx annotations', code: rawIngress({ className: 'traefik', annotations: [signin('http://oauth2-proxy.auth.svc.cluster.local/oauth2/start')] }) },
    { name: 'Application: templated signin host stays silent', code: application('kube-prometheus-stack', '69.2.0', alertmanager('"https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"')) },
    { name: 'Ansible: whole signin URL templated', code: ansibleHelm('prometheus-community/kube-prometheus-stack', alertmanager('"{{ oauth2_signin_url }}"')) },
    {
      name: 'Application: ingress disabled',
      code: application('kube-prometheus-stack', '69.2.0', ['alertmanager:', '  ingress:', '    enabled: false', '    annotations:', '      nginx.ingress.kubernetes.io/auth-signin: http://oauth2-proxy/oauth2/start']),
    },
  ],
  invalid: [
    {
      name: 'raw: *.svc.cluster.local signin',
      code: rawIngress({ annotations: [URL_ANN, signin('"http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/start?rd=https://$host$escaped_request_uri"')] }),
      errors: [{ line: 8, column: 46, endLine: 8, endColumn: 148, message: /oauth2-proxy\.oauth2-proxy\.svc\.cluster\.local.*DNS_PROBE_FINISHED_NXDOMAIN/ }],
    },
    {
      name: 'raw: no ingress class (the nginx annotations say ingress-nginx)',
      code: rawIngress({ className: null, annotations: [signin('http://oauth2-proxy:4180/oauth2/start')] }),
      errors: [{ line: 7, column: 46, endLine: 7, endColumn: 83, message: /oauth2-proxy, a bare Service name/ }],
    },
    {
      name: 'Application valuesObject: kube-prometheus-stack alertmanager.ingress with a single-label host',
      code: application('kube-prometheus-stack', '69.2.0', alertmanager('http://oauth2-proxy/oauth2/start')),
      errors: [{ line: 23, column: 56, endLine: 23, endColumn: 88 }],
    },
    {
      name: 'Application values: | string with a Service IP',
      code: applicationValuesString('kube-prometheus-stack', '69.2.0', alertmanager('"http://10.43.12.7/oauth2/start"')),
      errors: [{ line: 21, column: 56, endLine: 21, endColumn: 88, message: /10\.43\.12\.7/ }],
    },
    {
      name: 'Ansible helm task: *.svc signin',
      code: ansibleHelm('oci://ghcr.io/example/charts/app', ['ingress:', '  enabled: true', '  className: nginx', '  annotations:', `    ${signin('https://oauth2-proxy.auth.svc/oauth2/start')}`, '  hosts:', '    - host: app.example.com']),
      errors: [{ line: 11, column: 52, endLine: 11, endColumn: 94 }],
    },
    {
      name: 'chart template: a signin under a values condition is wrong whenever it renders',
      file: '/repo/charts/app/templates/ingress.yaml',
      code: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: {{ include "app.fullname" . }}',
        '  annotations:',
        '    {{- if .Values.auth.enabled }}',
        '    nginx.ingress.kubernetes.io/auth-url: http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth',
        '    nginx.ingress.kubernetes.io/auth-signin: http://oauth2-proxy.auth.svc.cluster.local/oauth2/start',
        '    {{- end }}',
        'spec:',
        '  ingressClassName: {{ .Values.ingress.className }}',
        '  rules:',
        '    - host: {{ .Values.ingress.host }}',
      ),
      errors: [{ line: 8, column: 46, endLine: 8, endColumn: 101 }],
    },
  ],
});
