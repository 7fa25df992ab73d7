import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/grafana/unknown-setting';
import { kpsApp, OAUTH_MAP, grafanaValues, iniConfigMap, envDeployment } from './fixtures';

const auth = (...l: string[]) => ['              auth:', ...l.map((x) => `                ${x}`)];

ruleTester(rule, {
  valid: [
    { name: 'disable_login_form is real', code: kpsApp([...auth('disable_login_form: true'), ...OAUTH_MAP]) },
    { name: 'disable_signup_form in another section is not this one', code: kpsApp(['              users:', '                disable_signup_form: true']) },
    { name: 'INI with real keys only', code: iniConfigMap(['[auth]', 'disable_login_form = true', 'oauth_auto_login = true']) },
    { name: 'templated section', file: '/repo/grafana/values.yaml', code: grafanaValues(['  auth:', '    {{- toYaml .Values.auth | nindent 4 }}']) },
  ],
  invalid: [
    {
      name: 'kube-prometheus-stack valuesObject (the corpus case)',
      code: kpsApp([...auth('disable_signup_form: true', 'disable_login_form: true'), ...OAUTH_MAP]),
      errors: [{ line: 19, column: 17, endLine: 19, endColumn: 36, message: /not a Grafana setting.*disable_login_form/ }],
      output: kpsApp([...auth('disable_login_form: true'), ...OAUTH_MAP]),
    },
    {
      name: 'grafana chart values: the only key of its section goes with the section',
      file: '/repo/grafana/values.yaml',
      code: grafanaValues(['  server:', '    root_url: https://grafana.example.org', '  auth:', '    disable_signup_form: true']),
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 24 }],
      output: grafanaValues(['  server:', '    root_url: https://grafana.example.org']),
    },
    {
      name: 'INI text',
      code: iniConfigMap(['[auth]', 'disable_signup_form = true', 'disable_login_form = true']),
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 24 }],
      output: iniConfigMap(['[auth]', 'disable_login_form = true']),
    },
    {
      name: 'GF_AUTH_DISABLE_SIGNUP_FORM env',
      code: envDeployment(['            - name: GF_AUTH_DISABLE_SIGNUP_FORM', '              value: "true"', '            - name: GF_AUTH_DISABLE_LOGIN_FORM', '              value: "true"']),
      errors: [{ line: 13, column: 21, endLine: 13, endColumn: 48, message: /GF_AUTH_DISABLE_SIGNUP_FORM is not a Grafana setting/ }],
      output: envDeployment(['            - name: GF_AUTH_DISABLE_LOGIN_FORM', '              value: "true"']),
    },
  ],
});
