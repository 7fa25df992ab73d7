import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/sealed-secrets/scope-mismatch';
import { sealed, y, fakeCiphertext } from './fixtures';

const CW = 'sealedsecrets.bitnami.com/cluster-wide: "true"';
const NW = 'sealedsecrets.bitnami.com/namespace-wide: "true"';
const chartFiles = { '/repo/charts/app/Chart.yaml': y('apiVersion: v2', 'name: app', 'version: 0.1.0') };

const helmTemplate = (nameLine: string, nsLine: string) =>
  y(
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    `  ${nameLine}`,
    `  ${nsLine}`,
    '  labels:',
    '    {{- include "app.labels" . | nindent 4 }}',
    'spec:',
    '  encryptedData:',
    `    DATABASE_URL: ${fakeCiphertext('db')}`,
    '  template:',
    '    metadata:',
    '      name: open-brain-mcp-secret',
    '      namespace: open-brain-mcp',
  );

ruleTester(rule, {
  valid: [
    { name: 'as kubeseal writes it', code: sealed() },
    { name: 'cluster-wide ignores name and namespace', code: sealed({ name: 'renamed', namespace: 'elsewhere', annotations: [CW] }) },
    { name: 'namespace-wide ignores the name', code: sealed({ name: 'renamed', annotations: [NW] }) },
    { name: 'no template metadata to compare with', code: sealed({ name: 'x', templateName: null, templateNamespace: null }) },
    { name: 'templated name in a Helm chart', file: '/repo/charts/app/templates/secret.yaml', files: chartFiles, code: helmTemplate('name: {{ .Release.Name }}-secret', 'namespace: open-brain-mcp') },
    { name: 'templated namespace in a Helm chart', file: '/repo/charts/app/templates/secret.yaml', files: chartFiles, code: helmTemplate('name: open-brain-mcp-secret', 'namespace: {{ .Release.Namespace }}') },
    { name: 'templated scope annotations', code: sealed({ name: 'renamed', annotations: ['{{- if .Values.clusterWide }}', CW, '{{- end }}'] }) },
    { name: 'scope annotation only in the template does not hide a rename (not this rule when equal)', code: sealed({ templateAnnotations: [CW] }) },
    { name: 'no namespace at all (missing-namespace says so)', code: sealed({ namespace: null, templateNamespace: 'monitoring' }) },
  ],
  invalid: [
    {
      name: 'strict: renamed after sealing',
      code: sealed({ name: 'grafana-oauth', templateName: 'grafana-oauth-secret' }),
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 22, message: /sealed as `monitoring\/grafana-oauth-secret`.*no key could decrypt secret/ }],
      output: sealed({ name: 'grafana-oauth-secret' }),
    },
    {
      name: 'strict: moved to another namespace',
      code: sealed({ namespace: 'grafana', templateNamespace: 'monitoring' }),
      errors: [{ line: 6, column: 14, endLine: 6, endColumn: 21, message: /sealed for namespace `monitoring`.*placed in `grafana`/ }],
      output: sealed({ namespace: 'monitoring' }),
    },
    {
      name: 'strict: renamed and moved (two findings, two fixes)',
      code: sealed({ name: 'oauth', namespace: 'grafana', templateName: 'grafana-oauth-secret', templateNamespace: 'monitoring' }),
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 14, message: /named `oauth`/ },
        { line: 6, column: 14, endLine: 6, endColumn: 21, message: /namespace/ },
      ],
      output: sealed({ name: 'grafana-oauth-secret', namespace: 'monitoring' }),
    },
    {
      name: 'namespace-wide: moved to another namespace',
      code: sealed({ namespace: 'grafana', templateNamespace: 'monitoring', annotations: [NW] }),
      errors: [{ line: 6, column: 14, endLine: 6, endColumn: 21, message: /namespace-wide scope/ }],
      output: sealed({ namespace: 'monitoring', annotations: [NW] }),
    },
    {
      name: 'cluster-wide annotation with "True" is not cluster-wide',
      code: sealed({ namespace: 'grafana', templateNamespace: 'monitoring', annotations: ['sealedsecrets.bitnami.com/cluster-wide: "True"'] }),
      errors: [{ line: 6, column: 14, endLine: 6, endColumn: 21 }],
      output: sealed({ namespace: 'monitoring', annotations: ['sealedsecrets.bitnami.com/cluster-wide: "True"'] }),
    },
    {
      name: 'Helm chart template with a literal rename (other lines templated)',
      file: '/repo/charts/app/templates/secret.yaml',
      files: chartFiles,
      code: helmTemplate('name: open-brain-secret', 'namespace: open-brain-mcp'),
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 26 }],
      output: helmTemplate('name: open-brain-mcp-secret', 'namespace: open-brain-mcp'),
    },
    {
      name: 'second document of a multi-document file, quoted template value kept',
      code: y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: monitoring') + sealed({ name: '"alert-slack"', templateName: '"alertmanager-slack-secret"' }),
      errors: [{ line: 9, column: 9, endLine: 9, endColumn: 22 }],
      output: y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: monitoring') + sealed({ name: '"alertmanager-slack-secret"', templateName: '"alertmanager-slack-secret"' }),
    },
  ],
});
