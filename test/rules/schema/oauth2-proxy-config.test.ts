import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../support/ruleTester';
import { rule, suggestKey } from '../../../server/src/rules/schema/oauth2-proxy-config';
import { ansibleTask, appValuesObject, appValuesString, y } from '../oauth2-proxy/fixtures';

const cfgFile = (lines: string[]) => ['config:', '  configFile: |-', ...lines.map((l) => `    ${l}`)];
const configMap = (lines: string[]) => y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: oauth2-proxy', 'data:', '  oauth2_proxy.cfg: |', ...lines.map((l) => `    ${l}`));

ruleTester(rule, {
  valid: [
    { name: 'the corpus config file', code: appValuesObject('10.7.0', cfgFile(['email_domains = []', 'upstreams = ["file:///dev/null"]'])) },
    {
      name: 'a full file with comments, a multi-line array and the hyphenated show-debug-on-error',
      code: appValuesObject('10.7.0', cfgFile(['# who may log in', 'email_domains = [', '  "example.com", # main', '  "example.org",', ']', 'cookie_domains = [".example.com"]', 'whitelist_domains = [".example.com"]', 'skip_auth_routes = ["GET=^/healthz$"]', 'cookie_secure = true', 'show-debug-on-error = false'])),
    },
    { name: 'keys are case-insensitive for viper', code: configMap(['Email_Domains = ["example.com"]', 'UPSTREAMS = ["static://202"]']) },
    { name: 'a templated key stays silent', code: appValuesObject('10.7.0', cfgFile(['email_domains = ["example.com"]', '{{ .Values.extraKey }} = true'])) },
    { name: 'a ConfigMap not for oauth2-proxy is not read', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app', 'data:', '  app.cfg: |', '    cookie-domain = 1') },
  ],
  invalid: [
    {
      name: 'flag-style key cookie-domain (valuesObject)',
      code: appValuesObject('10.7.0', cfgFile(['email_domains = ["example.com"]', 'cookie-domain = ".example.com"'])),
      errors: [{ line: 20, column: 13, endLine: 20, endColumn: 26, message: /has invalid keys: cookie-domain.*`cookie_domains`/ }],
      output: appValuesObject('10.7.0', cfgFile(['email_domains = ["example.com"]', 'cookie_domains = ".example.com"'])),
    },
    {
      name: 'singular whitelist_domain (helm.values string)',
      code: appValuesString('10.7.0', cfgFile(['whitelist_domain = [".example.com"]', 'upstreams = ["static://202"]'])),
      errors: [{ line: 17, column: 13, endLine: 17, endColumn: 29, message: /`whitelist_domains`/ }],
      output: appValuesString('10.7.0', cfgFile(['whitelist_domains = [".example.com"]', 'upstreams = ["static://202"]'])),
    },
    {
      name: 'upstream and authenticated-emails-file (Ansible task)',
      code: ansibleTask('10.7.0', cfgFile(['upstream = "static://202"', 'authenticated-emails-file = "/etc/emails"'])),
      errors: [
        { line: 10, column: 11, endLine: 10, endColumn: 19, message: /`upstreams`/ },
        { line: 11, column: 11, endLine: 11, endColumn: 36, message: /`authenticated_emails_file`/ },
      ],
      output: ansibleTask('10.7.0', cfgFile(['upstreams = "static://202"', 'authenticated_emails_file = "/etc/emails"'])),
    },
    {
      name: 'an env-style key in a ConfigMap',
      code: configMap(['email_domains = ["example.com"]', 'OAUTH2_PROXY_COOKIE_NAME = "_app"']),
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 29, message: /`cookie_name`/ }],
      output: configMap(['email_domains = ["example.com"]', 'cookie_name = "_app"']),
    },
    {
      name: 'an unknown key without a suggestion, and a TOML table',
      code: configMap(['email_domains = ["example.com"]', 'magic_login = true', '[providers]', 'id = "github"']),
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 16, message: /config-file keys are the flag names/ }, { line: 9, column: 5, endLine: 9, endColumn: 16, message: /TOML table/ }, { line: 10, column: 5, endLine: 10, endColumn: 7 }],
      output: null,
    },
  ],
});

describe('suggestKey', () => {
  const cases: Array<[string, string | undefined]> = [
    ['cookie-domain', 'cookie_domains'],
    ['cookie_domain', 'cookie_domains'],
    ['--email-domain', 'email_domains'],
    ['emailDomains', 'email_domains'],
    ['skip_auth_route', 'skip_auth_routes'],
    ['OAUTH2_PROXY_SET_XAUTHREQUEST', 'set_xauthrequest'],
    ['pass-access-token', 'pass_access_token'],
    ['frobnicate', undefined],
  ];
  for (const [k, want] of cases) it(`${k} → ${want}`, () => assert.equal(suggestKey(k), want));
});
