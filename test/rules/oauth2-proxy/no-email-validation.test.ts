import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/no-email-validation';
import { ansibleTask, appValuesObject, appValuesString, deployment, y } from './fixtures';

const emails = ['authenticatedEmailsFile:', '  enabled: true', '  restricted_access: |-', '    alice@example.com'];

const monitorApp = y(
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Application',
  'metadata:',
  '  name: argocd-monitor',
  'spec:',
  '  source:',
  '    chart: argocd-monitor',
  '    repoURL: ghcr.io/epics-containers/charts',
  '    targetRevision: 1.0.0',
  '    helm:',
  '      valuesObject:',
  '        oauth2Proxy:',
  '          enabled: true',
  '          issuerUrl: https://argocd.example.com/api/dex',
  '          extraArgs:',
  '            - --cookie-name=_oauth2_proxy_monitor',
);

ruleTester(rule, {
  valid: [
    { name: 'the corpus shape: email_domains = [] with an emails file', code: appValuesObject('10.7.0', ['config:', '  configFile: |-', '    email_domains = []', '    upstreams = ["file:///dev/null"]', ...emails]) },
    { name: 'the chart default admits "*"', code: appValuesObject('10.7.0', ['config:', '  clientID: app']) },
    { name: 'an htpasswd file is enough', code: appValuesObject('10.7.0', ['config:', '  emailDomains: []', 'htpasswdFile:', '  enabled: true', '  entries:', '    - admin:$2y$05$abc']) },
    { name: 'existingConfig: configured elsewhere', code: appValuesObject('10.2.0', ['config:', '  existingConfig: my-oauth2-proxy-config']) },
    { name: 'templated configFile stays silent', code: appValuesObject('10.7.0', ['config:', '  configFile: {{ .Values.oauth2ProxyConfig | quote }}']) },
    { name: 'an embedding chart sets its own email settings', code: monitorApp },
    { name: 'a container whose env comes from a Secret it reads whole', code: deployment(['--provider=github', '--upstream=static://202'], ['envFrom:', '  - secretRef:', '      name: oauth2-proxy-env']) },
    { name: 'a container with an email domain', code: deployment(['--provider=github', '--email-domain=example.com']) },
  ],
  invalid: [
    {
      name: 'configFile with email_domains = [] and no emails file (valuesObject)',
      code: appValuesObject('10.7.0', ['config:', '  configFile: |-', '    email_domains = []', '    upstreams = ["file:///dev/null"]']),
      errors: [{ line: 19, column: 13, endLine: 19, endColumn: 31, message: /missing setting for email validation/ }],
    },
    {
      name: 'chart 10.7.0 with emailDomains: [] (helm.values string)',
      code: appValuesString('10.7.0', ['config:', '  emailDomains: []', '  clientID: app']),
      errors: [{ line: 16, column: 25, endLine: 16, endColumn: 27 }],
    },
    {
      name: 'chart 10.2.0 with configFile: "" turns the default file off (Ansible)',
      code: ansibleTask('10.2.0', ['config:', '  configFile: ""', 'extraArgs:', '  provider: github']),
      errors: [{ line: 9, column: 21, endLine: 9, endColumn: 23, message: /empty `config.configFile`/ }],
    },
    {
      name: 'a container with no email setting at all',
      code: deployment(['--provider=github', '--upstream=static://202']),
      errors: [{ line: 11, column: 18, endLine: 11, endColumn: 58, message: /no `--email-domain`/ }],
    },
    {
      name: 'an empty --email-domain= flag',
      code: deployment(['--provider=github', '--email-domain=']),
      errors: [{ line: 14, column: 15, endLine: 14, endColumn: 30 }],
    },
  ],
});
