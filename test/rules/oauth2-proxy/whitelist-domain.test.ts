import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/whitelist-domain';
import { PROXY_PATH, ansibleHelm, application, proxyApplication, rawIngress } from '../ingress/fixtures';

const URL_ANN = 'nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"';
const signin = (url: string) => `nginx.ingress.kubernetes.io/auth-signin: ${url}`;
const START = '"https://oauth2.example.com/oauth2/start?rd=https://$host$escaped_request_uri"';

const proxy = (extra: string[], hosts?: string[]) => ({ [PROXY_PATH]: proxyApplication(extra, hosts) });
const COOKIE_ONLY = proxy(['cookie-domain: .example.com']);
const WHITELISTED = proxy(['cookie-domain: .example.com', 'whitelist-domain: .example.com']);

const grafana = (host: string, signinUrl: string) => ['grafana:', '  ingress:', '    enabled: true', '    ingressClassName: nginx', '    annotations:', `      ${URL_ANN}`, `      ${signin(signinUrl)}`, '    hosts:', `      - ${host}`];

ruleTester(rule, {
  valid: [
    { name: 'raw: .example.com covers app.example.com', files: WHITELISTED, code: rawIngress({ annotations: [URL_ANN, signin(START)] }) },
    { name: 'raw: *.example.com covers it too', files: proxy(['whitelist-domain: "*.example.com"']), code: rawIngress({ annotations: [URL_ANN, signin(START)] }) },
    { name: 'raw: relative rd needs no whitelist', files: COOKIE_ONLY, code: rawIngress({ annotations: [URL_ANN, signin('"https://oauth2.example.com/oauth2/start?rd=$escaped_request_uri"')] }) },
    { name: 'raw: sign-in on the app host itself', files: COOKIE_ONLY, code: rawIngress({ annotations: [signin('"https://$host/oauth2/start?rd=$escaped_request_uri"')] }) },
    { name: 'raw: sign-in host served by no known proxy', files: COOKIE_ONLY, code: rawIngress({ annotations: [URL_ANN, signin('"https://login.example.com/oauth2/start"')] }) },
    {
      name: 'Application: the same template expression on both sides',
      files: proxy(['whitelist-domain: ".{{ .Values.cluster_domain }}"'], ['oauth2.{{ .Values.cluster_domain }}']),
      code: application('kube-prometheus-stack', '69.2.0', grafana('grafana.{{ .Values.cluster_domain }}', '"https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"')),
    },
    { name: 'Ansible: templated app host stays silent', files: COOKIE_ONLY, code: ansibleHelm('grafana/grafana', grafana('"{{ grafana_host }}"', START).slice(1).map((l) => l.slice(2))) },
  ],
  invalid: [
    {
      name: 'raw: cookie domain but no whitelist',
      files: COOKIE_ONLY,
      code: rawIngress({ annotations: [URL_ANN, signin(START)] }),
      errors: [{ line: 8, column: 46, endLine: 8, endColumn: 124, message: /will not send users back to app\.example\.com.*--whitelist-domain=\.example\.com/, related: 1 }],
    },
    {
      name: 'raw: no rd in the sign-in URL (ingress-nginx appends the app host); one host of two uncovered',
      files: proxy(['whitelist-domain: .example.com']),
      code: rawIngress({ annotations: [URL_ANN, signin('https://oauth2.example.com/oauth2/start')], hosts: ['app.example.com', 'app.example.org'] }),
      errors: [{ line: 8, column: 46, endLine: 8, endColumn: 85, message: /back to app\.example\.org: its whitelist_domains \(\.example\.com\)/ }],
    },
    {
      name: 'Application valuesObject: kube-prometheus-stack grafana.ingress on another domain',
      files: WHITELISTED,
      code: application('kube-prometheus-stack', '69.2.0', grafana('grafana.example.org', START)),
      errors: [{ line: 23, column: 56, endLine: 23, endColumn: 134, message: /grafana\.example\.org/ }],
    },
    {
      name: 'Application: templated hosts that provably differ, and a proxy with only a cookie domain',
      files: proxy(['cookie-domain: ".{{ .Values.cluster_domain }}"'], ['oauth2.{{ .Values.cluster_domain }}']),
      code: application('kube-prometheus-stack', '69.2.0', grafana('grafana.{{ .Values.cluster_domain }}', '"https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"')),
      errors: [{ line: 23, column: 56, endLine: 23, endColumn: 151, message: /back to grafana\.\{\{\.Values\.cluster_domain\}\}: it has no whitelist_domains.*--whitelist-domain=\.\{\{\.Values\.cluster_domain\}\}/ }],
    },
    {
      name: 'Ansible helm task: rd names another literal host',
      files: WHITELISTED,
      code: ansibleHelm('grafana/grafana', ['ingress:', '  enabled: true', '  annotations:', `    ${signin('"https://oauth2.example.com/oauth2/start?rd=https%3A%2F%2Fportal.example.net%2F"')}`, '  hosts:', '    - grafana.example.com']),
      errors: [{ line: 10, column: 52, endLine: 10, endColumn: 132, message: /portal\.example\.net/ }],
    },
  ],
});
