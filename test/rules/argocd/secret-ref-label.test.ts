import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/secret-ref-label';

const y = (...l: string[]) => l.join('\n') + '\n';

const rawCm = (ref = '$argocd-dex-secret:dex.github.clientID', ns = 'argocd') =>
  y(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: argocd-cm',
    `  namespace: ${ns}`,
    '  labels:',
    '    app.kubernetes.io/part-of: argocd',
    'data:',
    '  url: https://argocd.example.org',
    '  dex.config: |',
    '    connectors:',
    '      - type: github',
    '        id: github',
    '        name: GitHub',
    '        config:',
    `          clientID: ${ref}`,
    '          clientSecret: $argocd-dex-secret:dex.github.clientSecret',
  );

const sealed = (templateMeta: string[], ownLabels: string[] = [], ns = 'argocd') =>
  y(
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    '  name: argocd-dex-secret',
    `  namespace: ${ns}`,
    ...ownLabels,
    'spec:',
    '  encryptedData:',
    '    dex.github.clientID: AgBy3i4OJSWK+PiTySYZZA3rO43cEYZmY8a7d2',
    '    dex.github.clientSecret: AgCk9b4jX0m8eZQw7rYt1uV2pLs6dF5gH3',
    '  template:',
    ...templateMeta,
  );

const labelledSealed = sealed(['    metadata:', '      name: argocd-dex-secret', `      namespace: argocd`, '      labels:', '        app.kubernetes.io/part-of: argocd']);
const unlabelledSealed = sealed(['    metadata:', '      name: argocd-dex-secret', '      namespace: argocd']);

const templatedSealed = y(
  'apiVersion: bitnami.com/v1alpha1',
  'kind: SealedSecret',
  'metadata:',
  '  name: argocd-dex-secret',
  '  namespace: argocd',
  'spec:',
  '  encryptedData:',
  '    dex.github.clientID: AgBy3i4OJSWK+PiTySYZZA3rO43cEYZmY8a7d2',
  '  template:',
  '    metadata:',
  '      name: argocd-dex-secret',
  '      labels:',
  '        {{- include "additions.labels" . | nindent 8 }}',
);

const ansible = y(
  '- name: Install Argo CD',
  '  kubernetes.core.helm:',
  '    chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd',
  '    chart_version: 9.4.17',
  '    release_name: argocd',
  '    namespace: argocd',
  '    values:',
  '      configs:',
  '        cm:',
  '          url: "https://argocd.{{ cluster_domain }}"',
  '          dex.config: |',
  '            connectors:',
  '              - type: github',
  '                id: github',
  '                name: GitHub',
  '                config:',
  '                  clientID: $argocd-dex-secret:dex.github.clientID',
  '                  clientSecret: $argocd-dex-secret:dex.github.clientSecret',
);

const plainSecret = (labels: string[]) =>
  y('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: dex-github', '  namespace: argocd', ...labels, 'type: Opaque', 'stringData:', '  clientID: Iv1.8a61f9b3a7aba766', '  clientSecret: REDACTED-IN-TESTS');

const application = y(
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Application',
  'metadata:',
  '  name: argocd',
  '  namespace: argocd',
  'spec:',
  '  destination:',
  '    namespace: argocd',
  '    server: https://kubernetes.default.svc',
  '  source:',
  '    repoURL: https://argoproj.github.io/argo-helm',
  '    chart: argo-cd',
  '    targetRevision: 7.7.0',
  '    helm:',
  '      valuesObject:',
  '        configs:',
  '          cm:',
  '            oidc.config: |',
  '              name: Keycloak',
  '              issuer: https://sso.example.org/realms/ops',
  '              clientID: argocd',
  '              clientSecret: $dex-github:clientSecret',
);

ruleTester(rule, {
  valid: [
    { name: 'Ansible task, SealedSecret labels its template (corpus shape)', code: ansible, files: { '/repo/additions/argocd-dex-secret.yaml': labelledSealed } },
    { name: 'the labelled SealedSecret itself', code: labelledSealed, file: '/repo/additions/argocd-dex-secret.yaml', files: { '/repo/argocd.yml': ansible } },
    { name: 'producer not in the workspace', code: rawCm() },
    { name: 'bare $key reads argocd-secret (no label needed)', code: rawCm('$dex.github.clientID').replace('$argocd-dex-secret:dex.github.clientSecret', '$dex.github.clientSecret'), files: { '/repo/s.yaml': unlabelledSealed } },
    { name: '$ inside a longer string is not a reference', code: rawCm('"id $argocd-dex-secret:dex.github.clientID"').replace('$argocd-dex-secret:dex.github.clientSecret', 'plain'), files: { '/repo/s.yaml': unlabelledSealed } },
    { name: 'Secret in another namespace is not the producer', code: rawCm(), files: { '/repo/s.yaml': sealed(['    metadata:', '      name: argocd-dex-secret', '      namespace: dex'], [], 'dex') } },
    { name: 'reference to a SealedSecret whose template labels are templated', code: rawCm(), files: { '/repo/chart/templates/dex-secret.yaml': templatedSealed } },
    {
      name: 'templated labels in a chart template',
      code: y(
        'apiVersion: bitnami.com/v1alpha1',
        'kind: SealedSecret',
        'metadata:',
        '  name: argocd-dex-secret',
        '  namespace: argocd',
        'spec:',
        '  encryptedData:',
        '    dex.github.clientID: AgBy3i4OJSWK+PiTySYZZA3rO43cEYZmY8a7d2',
        '  template:',
        '    metadata:',
        '      name: argocd-dex-secret',
        '      labels:',
        '        {{- include "additions.labels" . | nindent 8 }}',
      ),
      file: '/repo/chart/templates/dex-secret.yaml',
      files: { '/repo/argocd-cm.yaml': rawCm() },
    },
    {
      name: 'kustomize commonLabels reach a plain Secret',
      code: application,
      files: { '/repo/base/secret.yaml': plainSecret([]), '/repo/base/kustomization.yaml': y('resources:', '  - secret.yaml', 'commonLabels:', '  app.kubernetes.io/part-of: argocd') },
    },
  ],
  invalid: [
    {
      name: 'reference in a raw argocd-cm, SealedSecret without template labels elsewhere',
      code: rawCm(),
      files: { '/repo/secrets/argocd-dex-secret.yaml': unlabelledSealed },
      errors: [
        { line: 16, column: 21, endLine: 16, endColumn: 59, message: /lacks the label app\.kubernetes\.io\/part-of: argocd.*expands "\$argocd" in it as an environment variable.*404/, related: 1 },
        { line: 17, column: 25, endLine: 17, endColumn: 67, related: 1 },
      ],
      output: null,
    },
    {
      name: 'the SealedSecret itself, referenced from an Ansible task: label added to its template',
      code: unlabelledSealed,
      file: '/repo/secrets/argocd-dex-secret.yaml',
      files: { '/repo/roles/cluster/tasks/argocd.yml': ansible },
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 26, message: /reads this Secret through "\$argocd-dex-secret:dex\.github\.clientID" \(and 1 more\)/, related: 2 }],
      output: sealed(['    metadata:', '      name: argocd-dex-secret', '      namespace: argocd', '      labels:', '        app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'label on the SealedSecret own metadata: moved to the template',
      code: sealed(['    metadata:', '      name: argocd-dex-secret'], ['  labels:', '    app.kubernetes.io/part-of: argocd']),
      file: '/repo/secrets/argocd-dex-secret.yaml',
      files: { '/repo/argocd-cm.yaml': rawCm() },
      errors: [{ line: 6, column: 3, endLine: 7, endColumn: 38, message: /on the SealedSecret itself/ }],
      output: sealed(['    metadata:', '      name: argocd-dex-secret', '      labels:', '        app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'plain Secret with other labels, referenced from an Application valuesObject oidc.config',
      code: plainSecret(['  labels:', '    app.kubernetes.io/name: dex-github']),
      file: '/repo/secrets/dex-github.yaml',
      files: { '/repo/apps/argocd.yaml': application },
      errors: [{ line: 6, column: 3, endLine: 6, endColumn: 9, related: 1 }],
      output: plainSecret(['  labels:', '    app.kubernetes.io/name: dex-github', '    app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'wrong label value, Secret and Application in one file',
      code: application + '---\n' + plainSecret(['  labels:', '    app.kubernetes.io/part-of: argo-cd']),
      errors: [
        { line: 22, column: 29, endLine: 22, endColumn: 53, message: /Secret "dex-github" lacks the label/ },
        { line: 30, column: 32, endLine: 30, endColumn: 39, message: /selects Secrets by app\.kubernetes\.io\/part-of: argocd exactly/ },
      ],
      output: application + '---\n' + plainSecret(['  labels:', '    app.kubernetes.io/part-of: argocd']),
    },
  ],
});
