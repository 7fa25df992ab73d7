import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/sealed-secrets/existing-secret-not-managed';
import { sealed, y, fakeCiphertext } from './fixtures';

const plain = (o: { name?: string; namespace?: string | null; annotations?: string[]; type?: string } = {}) => {
  const lines = ['---', 'apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${o.name ?? 'grafana-oauth-secret'}`];
  if (o.namespace !== null) lines.push(`  namespace: ${o.namespace ?? 'monitoring'}`);
  if (o.annotations) lines.push('  annotations:', ...o.annotations.map((a) => `    ${a}`));
  if (o.type) lines.push(`type: ${o.type}`);
  lines.push('stringData:', '  GF_SERVER_ROOT_URL: https://grafana.example.org');
  return y(...lines);
};

const argoSealed = (templateAnnotations?: string[]) =>
  sealed({ name: 'argocd-secret', namespace: 'argo-cd', data: { 'dex.github.clientSecret': fakeCiphertext('dex') }, templateAnnotations });

const ansibleArgo = (secretLines: string[] = []) =>
  y(
    '- name: Install the helm chart for ArgoCD',
    '  kubernetes.core.helm:',
    '    chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd',
    '    chart_version: 9.4.17',
    '    release_name: argocd',
    '    namespace: argo-cd',
    '    values:',
    '      global:',
    '        domain: argocd.example.org',
    '      configs:',
    '        params:',
    '          server.insecure: "true"',
    ...secretLines,
  );

const appArgo = (secretLines: string[]) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd',
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: argo-cd',
    '  source:',
    '    chart: argo-cd',
    '    repoURL: https://argoproj.github.io/argo-helm',
    '    targetRevision: 9.4.17',
    '    helm:',
    '      valuesObject:',
    '        configs:',
    ...secretLines,
  );

const SEALED_FILE = '/repo/apps/grafana/grafana-oauth-secret.yaml';
const PATCH = 'sealedsecrets.bitnami.com/patch: "true"';
const MANAGED = 'sealedsecrets.bitnami.com/managed: "true"';

ruleTester(rule, {
  valid: [
    { name: 'no other producer', file: SEALED_FILE, code: sealed() },
    { name: 'existing Secret carries patch', file: SEALED_FILE, code: sealed(), files: { '/repo/apps/grafana/secret.yaml': plain({ annotations: [PATCH] }) } },
    { name: 'existing Secret carries managed (no other keys known to lose)', file: SEALED_FILE, code: sealed(), files: { '/repo/apps/grafana/secret.yaml': plain({ annotations: [MANAGED] }).replace('  GF_SERVER_ROOT_URL: https://grafana.example.org\n', '  CLIENT_SECRET: placeholder\n') } },
    { name: 'same name in another namespace', file: SEALED_FILE, code: sealed(), files: { '/repo/apps/other/secret.yaml': plain({ namespace: 'grafana' }) } },
    { name: 'namespace unknown and another app', file: SEALED_FILE, code: sealed(), files: { '/repo/apps/other/secret.yaml': plain({ namespace: null }) } },
    { name: 'argo-cd chart with createSecret: false', file: '/repo/apps/argocd/argocd-secret.yaml', code: argoSealed(), files: { '/repo/ansible/argocd.yml': ansibleArgo(['        secret:', '          createSecret: false']) } },
    { name: 'argo-cd chart annotates argocd-secret with patch', file: '/repo/apps/argocd/argocd-secret.yaml', code: argoSealed(), files: { '/repo/ansible/argocd.yml': ansibleArgo(['        secret:', '          annotations:', `            ${PATCH}`]) } },
    {
      name: 'ExternalSecret that merges into the sealed one',
      file: SEALED_FILE,
      code: sealed(),
      files: { '/repo/apps/grafana/es.yaml': y('apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata:', '  name: grafana-oauth-secret', '  namespace: monitoring', 'spec:', '  target:', '    name: grafana-oauth-secret', '    creationPolicy: Merge') },
    },
    {
      name: 'Helm template: SealedSecret or plain Secret, never both',
      file: '/repo/charts/app/templates/secret.yaml',
      files: { '/repo/charts/app/Chart.yaml': y('apiVersion: v2', 'name: app', 'version: 0.1.0') },
      code: '{{- if .Values.sealed }}\n' + sealed() + '{{- else }}\n' + plain() + '{{- end }}\n',
    },
    { name: 'templated annotations on the existing Secret', file: SEALED_FILE, code: sealed(), files: { '/repo/apps/grafana/secret.yaml': plain({ annotations: ['{{- toYaml .Values.secretAnnotations | nindent 4 }}'] }) } },
  ],
  invalid: [
    {
      name: 'plain Secret in another file of the same app',
      file: SEALED_FILE,
      code: sealed(),
      files: { '/repo/apps/grafana/secret.yaml': plain() },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 29, related: 1, message: /also produced by a plain Secret in secret\.yaml.*already exists and is not managed by SealedSecret/ }],
      output: null,
    },
    {
      name: 'plain Secret in the same file: annotate it with patch',
      file: SEALED_FILE,
      code: plain() + sealed(),
      errors: [{ line: 13, column: 9, endLine: 13, endColumn: 29, related: 1 }],
      output: plain({ annotations: [PATCH] }) + sealed(),
    },
    {
      name: 'existing annotations map gets the patch line',
      file: SEALED_FILE,
      code: plain({ annotations: ['argocd.argoproj.io/sync-wave: "-1"'] }) + sealed(),
      errors: [{ line: 15, column: 9, endLine: 15, endColumn: 29 }],
      output: plain({ annotations: [PATCH, 'argocd.argoproj.io/sync-wave: "-1"'] }) + sealed(),
    },
    {
      name: 'argocd-secret from the argo-cd chart (Ansible task), annotation only in the template',
      file: '/repo/apps/argocd/argocd-secret.yaml',
      code: argoSealed([PATCH]),
      files: { '/repo/ansible/argocd.yml': ansibleArgo() },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 22, related: 1, message: /argo-cd chart.*template\.metadata\.annotations does not count.*configs\.secret\.annotations/ }],
      output: null,
    },
    {
      name: 'managed on argocd-secret (Application valuesObject): warning, prefer patch',
      file: '/repo/apps/argocd/argocd-secret.yaml',
      code: argoSealed(),
      files: { '/repo/apps/argocd.yaml': appArgo(['          secret:', '            annotations:', `              ${MANAGED}`]) },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 22, severity: 'warning', message: /server\.secretkey.*use `sealedsecrets\.bitnami\.com\/patch/ }],
      output: null,
    },
    {
      name: 'type differs from the existing Secret (immutable)',
      file: SEALED_FILE,
      code: sealed(),
      files: { '/repo/apps/grafana/secret.yaml': plain({ annotations: [PATCH], type: 'kubernetes.io/basic-auth' }) },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 29, message: /type `kubernetes\.io\/basic-auth`.*`Opaque`.*field is immutable/ }],
      output: sealed({ templateType: 'kubernetes.io/basic-auth' }),
    },
    {
      name: 'explicit template type differs',
      file: SEALED_FILE,
      code: sealed({ templateType: 'Opaque' }),
      files: { '/repo/apps/grafana/secret.yaml': plain({ annotations: [PATCH], type: 'kubernetes.io/tls' }) },
      errors: [{ line: 14, column: 11, endLine: 14, endColumn: 17 }],
      output: sealed({ templateType: 'kubernetes.io/tls' }),
    },
  ],
});
