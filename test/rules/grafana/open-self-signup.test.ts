import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/grafana/open-self-signup';
import { kpsApp, OAUTH_MAP, grafanaValues, OAUTH_MAP_TOP, iniConfigMap, envDeployment, y } from './fixtures';

const users = (v: string) => ['              users:', `                allow_sign_up: ${v}`];
const env = (name: string, value: string) => [`            - name: ${name}`, `              value: "${value}"`];

ruleTester(rule, {
  valid: [
    { name: 'OAuth without users.allow_sign_up', code: kpsApp(OAUTH_MAP) },
    { name: 'users.allow_sign_up false', code: kpsApp([...users('false'), ...OAUTH_MAP]) },
    { name: 'self-signup without any OAuth provider (a deliberate choice)', code: kpsApp(users('true')) },
    { name: 'OAuth provider disabled', file: '/repo/grafana/values.yaml', code: grafanaValues(['  users:', '    allow_sign_up: true', '  auth.github:', '    enabled: false']) },
    { name: 'templated value', code: kpsApp([...users('{{ .Values.grafana_signup }}'), ...OAUTH_MAP]) },
    { name: 'env override turns it off', code: kpsApp([...users('true'), ...OAUTH_MAP], ['            env:', '              GF_USERS_ALLOW_SIGN_UP: "false"']) },
    { name: 'INI: provider allow_sign_up only', code: iniConfigMap(['[auth.generic_oauth]', 'enabled = true', 'allow_sign_up = true']) },
  ],
  invalid: [
    {
      name: 'kube-prometheus-stack valuesObject (the corpus case)',
      code: kpsApp([...users('true'), ...OAUTH_MAP]),
      errors: [{ line: 19, column: 17, endLine: 19, endColumn: 36, message: /not needed for auth\.generic_oauth logins.*\/api\/user\/signup/ }],
      output: kpsApp(OAUTH_MAP),
    },
    {
      name: 'grafana chart values file, other users keys kept',
      file: '/repo/grafana/values.yaml',
      code: grafanaValues(['  users:', '    allow_sign_up: true', '    auto_assign_org_role: Viewer', ...OAUTH_MAP_TOP]),
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 24 }],
      output: grafanaValues(['  users:', '    auto_assign_org_role: Viewer', ...OAUTH_MAP_TOP]),
    },
    {
      name: 'INI text in a ConfigMap',
      code: iniConfigMap(['[users]', 'allow_sign_up = true', '', '[auth.github]', 'enabled = true', 'allow_sign_up = true']),
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 25, message: /\[users\] allow_sign_up/ }],
      output: iniConfigMap(['[users]', '', '[auth.github]', 'enabled = true', 'allow_sign_up = true']),
    },
    {
      name: 'GF_* env of a Deployment',
      code: envDeployment([...env('GF_AUTH_GENERIC_OAUTH_ENABLED', 'true'), ...env('GF_USERS_ALLOW_SIGN_UP', 'true'), ...env('GF_SERVER_ROOT_URL', 'https://grafana.example.org')]),
      errors: [{ line: 15, column: 21, endLine: 16, endColumn: 28, message: /GF_USERS_ALLOW_SIGN_UP/ }],
      output: envDeployment([...env('GF_AUTH_GENERIC_OAUTH_ENABLED', 'true'), ...env('GF_SERVER_ROOT_URL', 'https://grafana.example.org')]),
    },
    {
      name: 'Ansible helm task for kube-prometheus-stack, env map wins over the file',
      code: y(
        '- name: Install monitoring',
        '  kubernetes.core.helm:',
        '    chart_ref: prometheus-community/kube-prometheus-stack',
        '    release_name: monitoring',
        '    release_namespace: monitoring',
        '    values:',
        '      grafana:',
        '        env:',
        '          GF_USERS_ALLOW_SIGN_UP: "true"',
        '        grafana.ini:',
        '          auth.gitlab:',
        '            enabled: "{{ gitlab_sso | default(true) }}"',
        '          auth.generic_oauth:',
        '            enabled: true',
      ),
      errors: [{ line: 9, column: 11, endLine: 9, endColumn: 41 }],
      output: y(
        '- name: Install monitoring',
        '  kubernetes.core.helm:',
        '    chart_ref: prometheus-community/kube-prometheus-stack',
        '    release_name: monitoring',
        '    release_namespace: monitoring',
        '    values:',
        '      grafana:',
        '        env:',
        '        grafana.ini:',
        '          auth.gitlab:',
        '            enabled: "{{ gitlab_sso | default(true) }}"',
        '          auth.generic_oauth:',
        '            enabled: true',
      ),
    },
  ],
});
