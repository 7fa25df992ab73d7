import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/sealed-secrets/scope-annotation-placement';
import { sealed } from './fixtures';

const CW = 'sealedsecrets.bitnami.com/cluster-wide';
const NW = 'sealedsecrets.bitnami.com/namespace-wide';

ruleTester(rule, {
  valid: [
    { name: 'kubeseal --scope cluster-wide writes both places', code: sealed({ annotations: [`${CW}: "true"`], templateAnnotations: [`${CW}: "true"`] }) },
    { name: 'namespace-wide in both places', code: sealed({ annotations: [`${NW}: 'true'`], templateAnnotations: [`${NW}: "true"`] }) },
    { name: 'explicit false is a clear intent', code: sealed({ annotations: [`${CW}: "false"`] }) },
    { name: 'templated value', code: sealed({ annotations: [`${CW}: "{{ .Values.clusterWide }}"`] }) },
    { name: 'templated own annotations hide the scope', code: sealed({ annotations: ['{{- toYaml .Values.annotations | nindent 4 }}'], templateAnnotations: [`${CW}: "true"`] }) },
    { name: 'template namespace-wide under an own cluster-wide', code: sealed({ annotations: [`${CW}: "true"`], templateAnnotations: [`${NW}: "true"`] }) },
  ],
  invalid: [
    {
      name: 'only in the template',
      code: sealed({ templateAnnotations: [`${CW}: "true"`] }),
      errors: [{ line: 13, column: 9, endLine: 13, endColumn: 55, message: /only in spec\.template\.metadata\.annotations.*strict scope/ }],
    },
    {
      name: 'namespace-wide only in the template',
      code: sealed({ annotations: ['argocd.argoproj.io/sync-wave: "-1"'], templateAnnotations: [`${NW}: "true"`] }),
      errors: [{ line: 15, column: 9, endLine: 15, endColumn: 57, message: /namespace-wide/ }],
    },
    {
      name: '"True" is not "true"',
      code: sealed({ annotations: [`${CW}: "True"`] }),
      errors: [{ line: 8, column: 45, endLine: 8, endColumn: 51, message: /exact string "true", so "True" is ignored/ }],
    },
    {
      name: 'unquoted boolean is rejected by the API server',
      code: sealed({ annotations: [`${NW}: true`] }),
      errors: [{ line: 8, column: 47, endLine: 8, endColumn: 51, message: /not a string.*rejects/ }],
    },
    {
      name: 'unquoted yes is a YAML 1.1 boolean',
      code: sealed({ annotations: [`${CW}: yes`] }),
      errors: [{ line: 8, column: 45, endLine: 8, endColumn: 48, message: /YAML 1\.1/ }],
    },
  ],
});
