import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/sealed-secrets/missing-namespace';
import { sealed, y, fakeCiphertext } from './fixtures';

const chartFiles = { '/repo/charts/thoth/Chart.yaml': y('apiVersion: v2', 'name: thoth', 'version: 0.3.0') };

const helm = (metaLines: string[], templateNs = 'thoth') =>
  y(
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    ...metaLines,
    'spec:',
    '  encryptedData:',
    `    ANTHROPIC_API_KEY: ${fakeCiphertext('anthropic')}`,
    '  template:',
    '    metadata:',
    '      name: thoth-env',
    `      namespace: ${templateNs}`,
    '    type: Opaque',
  );

ruleTester(rule, {
  valid: [
    { name: 'namespace written', code: sealed() },
    { name: 'cluster-wide needs none', code: sealed({ namespace: null, annotations: ['sealedsecrets.bitnami.com/cluster-wide: "true"'] }) },
    { name: 'namespace from the release (templated)', file: '/repo/charts/thoth/templates/secret.yaml', files: chartFiles, code: helm(['  name: thoth-env', '  namespace: {{ .Release.Namespace }}']) },
    { name: 'an include may write it', file: '/repo/charts/thoth/templates/secret.yaml', files: chartFiles, code: helm(['  name: thoth-env', '  {{- include "thoth.metadata" . | nindent 2 }}']) },
    { name: 'templated scope', code: sealed({ namespace: null, annotations: ['{{- toYaml .Values.sealedAnnotations | nindent 4 }}'] }) },
  ],
  invalid: [
    {
      name: 'raw manifest without namespace: add the sealing namespace',
      code: sealed({ namespace: null, templateNamespace: 'monitoring' }),
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 9, message: /no metadata\.namespace.*\(`monitoring`\).*no key could decrypt secret/ }],
      output: sealed({ namespace: 'monitoring' }),
    },
    {
      name: 'namespace-wide still needs one',
      code: sealed({ namespace: null, templateNamespace: 'monitoring', annotations: ['sealedsecrets.bitnami.com/namespace-wide: "true"'] }),
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 9 }],
      output: sealed({ namespace: 'monitoring', annotations: ['sealedsecrets.bitnami.com/namespace-wide: "true"'] }),
    },
    {
      name: 'Helm chart template relying on the release namespace',
      file: '/repo/charts/thoth/templates/secret.yaml',
      files: chartFiles,
      code: helm(['  name: thoth-env', '  labels:', '    app: thoth']),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 9 }],
      output: helm(['  name: thoth-env', '  namespace: thoth', '  labels:', '    app: thoth']),
    },
    {
      name: 'no template namespace either: no fix',
      code: sealed({ namespace: null, templateNamespace: null }),
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 9, message: /has no metadata\.namespace: it lands/ }],
      output: null,
    },
    {
      name: 'empty namespace key: reported, fixed by hand',
      code: helm(['  name: thoth-env', '  namespace:']),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 9 }],
      output: null,
    },
  ],
});
