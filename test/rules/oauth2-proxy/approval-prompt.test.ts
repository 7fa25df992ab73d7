import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/approval-prompt';
import { appValuesObject, appValuesString, deployment, indent, y } from './fixtures';

const DEX = 'https://argocd.example.com/api/dex';

/** Another chart's values with an embedded oauth2-proxy (the corpus's argocd-monitor shape). */
const monitor = (extraArgs: string[]) =>
  y(
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
    '          clientId: argocd-monitor',
    '          issuerUrl: https://argocd.{{ .Values.cluster_domain }}/api/dex',
    '          existingSecret: argocd-monitor-oauth',
    '          extraArgs:',
    ...indent(12, extraArgs.map((a) => `- ${a}`)),
  );

ruleTester(rule, {
  valid: [
    { name: 'the corpus: --prompt=login replaces approval_prompt', code: monitor(['--cookie-name=_oauth2_proxy_monitor', '--prompt=login']) },
    { name: 'approval-prompt auto', code: appValuesObject('10.7.0', ['extraArgs:', '  provider: oidc', `  oidc-issuer-url: ${DEX}`, '  approval-prompt: auto']) },
    { name: 'an issuer that is not Dex', code: appValuesObject('10.7.0', ['extraArgs:', '  provider: oidc', '  oidc-issuer-url: https://keycloak.example.com/realms/main']) },
    { name: 'the GitHub provider', code: deployment(['--provider=github', '--email-domain=*']) },
    { name: 'templated approval prompt stays silent', code: appValuesObject('10.7.0', ['extraArgs:', '  provider: oidc', `  oidc-issuer-url: ${DEX}`, '  approval-prompt: "{{ .Values.approval_prompt }}"']) },
    { name: 'alpha config holds the provider', code: appValuesObject('10.7.0', ['alphaConfig:', '  enabled: true', 'extraArgs:', '  provider: oidc', `  oidc-issuer-url: ${DEX}`]) },
  ],
  invalid: [
    {
      name: 'embedded oauth2Proxy with a Dex issuer and no prompt: add the flag to its extraArgs list',
      code: monitor(['--cookie-name=_oauth2_proxy_monitor']),
      errors: [{ line: 15, column: 22, endLine: 15, endColumn: 73, message: /Grant Access/ }],
      output: monitor(['--cookie-name=_oauth2_proxy_monitor', '--approval-prompt=auto']),
    },
    {
      name: 'chart extraArgs map (valuesObject): add approval-prompt: auto',
      code: appValuesObject('10.7.0', ['extraArgs:', '  provider: oidc', `  oidc-issuer-url: ${DEX}`]),
      errors: [{ line: 19, column: 28, endLine: 19, endColumn: 62 }],
      output: appValuesObject('10.7.0', ['extraArgs:', '  approval-prompt: auto', '  provider: oidc', `  oidc-issuer-url: ${DEX}`]),
    },
    {
      name: 'a container with --approval-prompt=force',
      code: deployment(['--provider=oidc', `--oidc-issuer-url=${DEX}`, '--approval-prompt=force']),
      errors: [{ line: 15, column: 33, endLine: 15, endColumn: 38, message: /approval_prompt=force/ }],
      output: deployment(['--provider=oidc', `--oidc-issuer-url=${DEX}`, '--approval-prompt=auto']),
    },
    {
      name: 'config file (helm.values string): add approval_prompt after the issuer',
      code: appValuesString('10.7.0', ['config:', '  configFile: |-', '    provider = "oidc"', `    oidc_issuer_url = "${DEX}"`, '    email_domains = [ "example.com" ]']),
      errors: [{ line: 18, column: 31, endLine: 18, endColumn: 67 }],
      output: appValuesString('10.7.0', ['config:', '  configFile: |-', '    provider = "oidc"', `    oidc_issuer_url = "${DEX}"`, '    approval_prompt = "auto"', '    email_domains = [ "example.com" ]']),
    },
    {
      name: 'an empty --approval-prompt= falls back to force (chart extraArgs list)',
      code: appValuesObject('10.7.0', ['extraArgs:', '  - --provider=oidc', `  - --oidc-issuer-url=${DEX}`, '  - --approval-prompt=']),
      errors: [{ line: 20, column: 13, endLine: 20, endColumn: 31, message: /empty approval prompt/ }],
      output: appValuesObject('10.7.0', ['extraArgs:', '  - --provider=oidc', `  - --oidc-issuer-url=${DEX}`, '  - --approval-prompt=auto']),
    },
  ],
});
