import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/email-domains-wildcard';
import { ansibleTask, appValuesObject, appValuesString, deployment, y } from './fixtures';

const emails = ['authenticatedEmailsFile:', '  enabled: true', '  restricted_access: |-', '    alice@example.com', '    bob@example.com'];

ruleTester(rule, {
  valid: [
    {
      name: 'the corpus shape: configFile with email_domains = [] and an emails file (chart 10.7.0)',
      code: appValuesObject('10.7.0', ['config:', '  existingSecret: oauth2-proxy-credentials', '  configFile: |-', '    email_domains = []', '    upstreams = ["file:///dev/null"]', ...emails]),
    },
    { name: '"*" without an emails file is a deliberate allow-all', code: appValuesObject('10.7.0', ['config:', '  emailDomains: ["*"]', 'extraArgs:', '  github-org: acme']) },
    { name: 'chart ≥ 10.4.0 with emailDomains: []', code: appValuesObject('10.4.0', ['config:', '  emailDomains: []', ...emails]) },
    { name: 'existingConfig: the config lives elsewhere', code: appValuesObject('10.3.0', ['config:', '  existingConfig: oauth2-proxy-cfg', ...emails]) },
    { name: 'templated email-domain flag stays silent', code: appValuesObject('10.7.0', ['extraArgs:', '  email-domain: "{{ .Values.email_domain }}"', ...emails]) },
    { name: 'templated emails-file toggle stays silent', code: appValuesObject('10.7.0', ['authenticatedEmailsFile:', '  enabled: {{ .Values.restrict }}']) },
    { name: 'alpha config with forceLegacyConfig: false uses emailDomains', code: appValuesObject('10.7.0', ['alphaConfig:', '  enabled: true', 'config:', '  forceLegacyConfig: false', '  configFile: |-', '    email_domains = [ "*" ]', '  emailDomains: [example.com]', ...emails]) },
    { name: 'unknown chart version with emailDomains: [] is ambiguous', code: ansibleTask(undefined, ['config:', '  emailDomains: []', ...emails]) },
    { name: 'a flag wins over the chart default', code: appValuesObject('10.3.0', ['extraArgs:', '  email-domain: example.com', ...emails]) },
    { name: 'container without a wildcard', code: deployment(['--email-domain=example.com', '--authenticated-emails-file=/etc/emails/list']) },
  ],
  invalid: [
    {
      name: 'chart 10.7.0 default emailDomains ["*"] with an emails file (valuesObject)',
      code: appValuesObject('10.7.0', ['config:', '  existingSecret: oauth2-proxy-credentials', ...emails]),
      errors: [{ line: 19, column: 9, endLine: 19, endColumn: 32, message: /"\*" matches every address/ }],
      output: appValuesObject('10.7.0', ['config:', '  emailDomains: []', '  existingSecret: oauth2-proxy-credentials', ...emails]),
    },
    {
      name: 'chart 10.3.0 default configFile (no config map yet): override it',
      code: appValuesObject('10.3.0', [...emails, 'ingress:', '  enabled: true']),
      errors: [{ line: 17, column: 9, endLine: 17, endColumn: 32 }],
      output: appValuesObject('10.3.0', ['config:', '  configFile: |-', '    email_domains = []', '    upstreams = [ "file:///dev/null" ]', ...emails, 'ingress:', '  enabled: true']),
    },
    {
      name: 'user configFile with email_domains = [ "*" ] keeps its other lines (helm.values string)',
      code: appValuesString('10.2.1', ['config:', '  configFile: |-', '    upstreams = [ "file:///dev/null" ]', '    email_domains = [ "*" ]', '    cookie_secure = true', ...emails]),
      errors: [{ line: 18, column: 31, endLine: 18, endColumn: 34, message: /config\.configFile email_domains/ }],
      output: appValuesString('10.2.1', ['config:', '  configFile: |-', '    upstreams = [ "file:///dev/null" ]', '    email_domains = []', '    cookie_secure = true', ...emails]),
    },
    {
      name: 'Ansible task: extraArgs email-domain "*" wins; both it and the chart default go',
      code: ansibleTask('10.5.0', ['config:', '  clientID: oauth2-proxy', 'extraArgs:', '  provider: github', '  email-domain: "*"', ...emails]),
      errors: [{ line: 12, column: 24, endLine: 12, endColumn: 25, message: /GitHub/ }],
      output: ansibleTask('10.5.0', ['config:', '  emailDomains: []', '  clientID: oauth2-proxy', 'extraArgs:', '  provider: github', ...emails]),
    },
    {
      name: 'a Deployment container with --email-domain=* and an emails file',
      code: deployment(['--provider=oidc', '--email-domain=*', '--authenticated-emails-file=/etc/emails/list']),
      errors: [{ line: 14, column: 30, endLine: 14, endColumn: 31 }],
      output: deployment(['--provider=oidc', '--authenticated-emails-file=/etc/emails/list']),
    },
    {
      name: 'values file next to nothing, recognised by its keys; unknown version gets the configFile override',
      file: '/repo/oauth2-proxy/values.yaml',
      code: y('config:', '  clientID: oauth2-proxy', ...emails),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 24, message: /chart version unknown/ }],
      output: y('config:', '  configFile: |-', '    email_domains = []', '    upstreams = [ "file:///dev/null" ]', '  clientID: oauth2-proxy', ...emails),
    },
    {
      name: 'chart 10.7.0 with emailDomains written as a block list',
      code: appValuesObject('10.7.0', ['config:', '  emailDomains:', '    - "*"', ...emails]),
      errors: [{ line: 19, column: 15, endLine: 19, endColumn: 18 }],
      output: appValuesObject('10.7.0', ['config:', '  emailDomains: []', ...emails]),
    },
  ],
});
