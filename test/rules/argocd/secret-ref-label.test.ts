import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/secret-ref-label';
import { PART_OF_ARGOCD, ansibleHelmTask, argoCdApplication, argocdCm, block, configsCm, dexSecret, dexSecretTemplate, githubConnectors, keycloakOidc, y } from './fixtures';

const rawCm = (ref = '$argocd-dex-secret:dex.github.clientID', ns = 'argocd') =>
  argocdCm({ namespace: ns, data: ['url: https://argocd.example.org', ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.', { clientID: ref }))] });

const sealedKeys = ['dex.github.clientID: AgBy3i4OJSWK+PiTySYZZA3rO43cEYZmY8a7d2', 'dex.github.clientSecret: AgCk9b4jX0m8eZQw7rYt1uV2pLs6dF5gH3'];

const sealed = (template: string[], ownMeta: string[] = [], ns = 'argocd') => dexSecret({ namespace: ns, keys: sealedKeys, ownMeta, template });

const labelledSealed = dexSecret({ keys: sealedKeys });
const unlabelledSealed = sealed(dexSecretTemplate({ namespace: 'argocd' }));

const templatedSealed = dexSecret({ keys: sealedKeys.slice(0, 1), template: dexSecretTemplate({ labels: ['{{- include "additions.labels" . | nindent 8 }}'] }) });

const ansible = ansibleHelmTask(configsCm(['url: "https://argocd.{{ cluster_domain }}"', ...block('dex.config', githubConnectors('$argocd-dex-secret:dex.github.'))]), {
  name: 'Install Argo CD',
  namespaceLine: 'namespace: argocd',
});

const plainSecret = (labels: string[]) =>
  y('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: dex-github', '  namespace: argocd', ...labels, 'type: Opaque', 'stringData:', '  clientID: Iv1.8a61f9b3a7aba766', '  clientSecret: REDACTED-IN-TESTS');

const application = argoCdApplication(configsCm(block('oidc.config', keycloakOidc('$dex-github:clientSecret'))));

ruleTester(rule, {
  valid: [
    { name: 'Ansible task, SealedSecret labels its template (corpus shape)', code: ansible, files: { '/repo/additions/argocd-dex-secret.yaml': labelledSealed } },
    { name: 'the labelled SealedSecret itself', code: labelledSealed, file: '/repo/additions/argocd-dex-secret.yaml', files: { '/repo/argocd.yml': ansible } },
    { name: 'producer not in the workspace', code: rawCm() },
    { name: 'bare $key reads argocd-secret (no label needed)', code: rawCm('$dex.github.clientID').replace('$argocd-dex-secret:dex.github.clientSecret', '$dex.github.clientSecret'), files: { '/repo/s.yaml': unlabelledSealed } },
    { name: '$ inside a longer string is not a reference', code: rawCm('"id $argocd-dex-secret:dex.github.clientID"').replace('$argocd-dex-secret:dex.github.clientSecret', 'plain'), files: { '/repo/s.yaml': unlabelledSealed } },
    { name: 'Secret in another namespace is not the producer', code: rawCm(), files: { '/repo/s.yaml': sealed(dexSecretTemplate({ namespace: 'dex' }), [], 'dex') } },
    { name: 'reference to a SealedSecret whose template labels are templated', code: rawCm(), files: { '/repo/chart/templates/dex-secret.yaml': templatedSealed } },
    {
      name: 'templated labels in a chart template',
      code: templatedSealed,
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
      output: labelledSealed,
    },
    {
      name: 'label on the SealedSecret own metadata: moved to the template',
      code: sealed(dexSecretTemplate(), ['  labels:', `    ${PART_OF_ARGOCD}`]),
      file: '/repo/secrets/argocd-dex-secret.yaml',
      files: { '/repo/argocd-cm.yaml': rawCm() },
      errors: [{ line: 6, column: 3, endLine: 7, endColumn: 38, message: /on the SealedSecret itself/ }],
      output: sealed(dexSecretTemplate({ labels: [PART_OF_ARGOCD] })),
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
