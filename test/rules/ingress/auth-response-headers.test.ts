import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/ingress/auth-response-headers';
import { PROXY_PATH, ansibleHelm, application, proxyApplication, rawIngress } from './fixtures';

const URL_ANN = 'nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"';
const SIGNIN = 'nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.example.com/oauth2/start?rd=https://$host$escaped_request_uri"';
const headers = (h: string) => `nginx.ingress.kubernetes.io/auth-response-headers: ${h}`;

const proxy = (extra: string[]) => ({ [PROXY_PATH]: proxyApplication(['whitelist-domain: .example.com', ...extra]) });
const NO_FLAGS = proxy([]);
const XAUTH = proxy(['set-xauthrequest: "true"']);

const openWebui = (h: string) => ['ingress:', '  enabled: true', '  class: nginx', '  annotations:', `    ${URL_ANN}`, `    ${SIGNIN}`, `    ${headers(h)}`, '  host: chat.example.com'];

ruleTester(rule, {
  valid: [
    { name: 'raw: the proxy runs with --set-xauthrequest', files: XAUTH, code: rawIngress({ annotations: [URL_ANN, SIGNIN, headers('X-Auth-Request-User,X-Auth-Request-Email')] }) },
    { name: 'raw: headers other than X-Auth-Request-*', files: NO_FLAGS, code: rawIngress({ annotations: [URL_ANN, SIGNIN, headers('Authorization')] }) },
    { name: 'raw: access token with both flags', files: proxy(['set-xauthrequest: "true"', 'pass-access-token: "true"']), code: rawIngress({ annotations: [URL_ANN, SIGNIN, headers('X-Auth-Request-Access-Token')] }) },
    { name: 'Application: templated header list stays silent', files: NO_FLAGS, code: application('open-webui', '5.0.0', openWebui('"{{ .Values.auth_headers }}"')) },
    { name: 'Ansible: sign-in host served by no known proxy', files: NO_FLAGS, code: ansibleHelm('open-webui/open-webui', openWebui('X-Auth-Request-Email').map((l) => l.replace('oauth2.example.com', 'sso.example.com'))) },
  ],
  invalid: [
    {
      name: 'raw: the proxy never got --set-xauthrequest',
      files: NO_FLAGS,
      code: rawIngress({ annotations: [URL_ANN, SIGNIN, headers('X-Auth-Request-User,X-Auth-Request-Email')] }),
      errors: [{ line: 9, column: 56, endLine: 9, endColumn: 96, message: /X-Auth-Request-User, X-Auth-Request-Email.*without --set-xauthrequest/, related: 1 }],
    },
    {
      name: 'Application valuesObject: access token without --pass-access-token',
      files: XAUTH,
      code: application('open-webui', '5.0.0', openWebui('X-Auth-Request-Email, X-Auth-Request-Access-Token')),
      errors: [{ line: 23, column: 64, endLine: 23, endColumn: 113, message: /asks for X-Auth-Request-Access-Token.*without --pass-access-token/ }],
    },
    {
      name: 'Ansible helm task: set-xauthrequest explicitly false',
      files: proxy(['set-xauthrequest: "false"']),
      code: ansibleHelm('open-webui/open-webui', openWebui('X-Auth-Request-Groups')),
      errors: [{ line: 13, column: 62, endLine: 13, endColumn: 83, message: /X-Auth-Request-Groups/ }],
    },
  ],
});
