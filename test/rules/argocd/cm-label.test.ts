import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/argocd/cm-label';
import { block, configMap, githubConnectors, indent, y } from './fixtures';

const cm = (name: string, meta: string[]) =>
  configMap(name, meta, indent(2, ['url: https://argocd.example.org', ...block('dex.config', githubConnectors('$dex-github:'))]));

ruleTester(rule, {
  valid: [
    { name: 'labelled argocd-cm', code: cm('argocd-cm', ['  namespace: argocd', '  labels:', '    app.kubernetes.io/name: argocd-cm', '    app.kubernetes.io/part-of: argocd']) },
    { name: 'argocd-rbac-cm needs no label here', code: configMap('argocd-rbac-cm', ['  namespace: argocd'], ['  policy.default: role:readonly']) },
    { name: 'argocd-cmd-params-cm needs no label here', code: configMap('argocd-cmd-params-cm', ['  namespace: argocd'], ['  server.insecure: "true"']) },
    { name: 'chart template with templated labels', code: cm('argocd-cm', ['  namespace: {{ .Release.Namespace }}', '  labels:', '    {{- include "argocd.labels" . | nindent 4 }}']), file: '/repo/chart/templates/argocd-cm.yaml' },
    { name: 'templated label value', code: cm('argocd-cm', ['  labels:', '    app.kubernetes.io/part-of: {{ .Values.partOf }}']), file: '/repo/chart/templates/argocd-cm.yaml' },
    {
      name: 'kustomize patch keeps the base labels',
      code: cm('argocd-cm', []),
      file: '/repo/overlays/prod/argocd-cm-patch.yaml',
      files: { '/repo/overlays/prod/kustomization.yaml': y('resources:', '  - https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.0/manifests/install.yaml', 'patches:', '  - path: argocd-cm-patch.yaml') },
    },
    {
      name: 'kustomize labels on a resource',
      code: cm('argocd-cm', ['  namespace: argocd']),
      file: '/repo/base/argocd-cm.yaml',
      files: { '/repo/base/kustomization.yaml': y('resources:', '  - argocd-cm.yaml', 'labels:', '  - pairs:', '      app.kubernetes.io/part-of: argocd') },
    },
    { name: 'argo-cd chart values: the chart labels argocd-cm', code: y('configs:', '  cm:', '    url: https://argocd.example.org'), file: '/repo/argocd/values.yaml' },
  ],
  invalid: [
    {
      name: 'no labels at all: labels block added',
      code: cm('argocd-cm', ['  namespace: argocd']),
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 18, message: /lacks the label app\.kubernetes\.io\/part-of: argocd/ }],
      output: cm('argocd-cm', ['  namespace: argocd', '  labels:', '    app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'other labels only: label added to them',
      code: cm('argocd-cm', ['  namespace: argocd', '  labels:', '    app.kubernetes.io/name: argocd-cm']),
      errors: [{ line: 6, column: 3, endLine: 6, endColumn: 9 }],
      output: cm('argocd-cm', ['  namespace: argocd', '  labels:', '    app.kubernetes.io/name: argocd-cm', '    app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'wrong value',
      code: cm('argocd-cm', ['  labels:', '    app.kubernetes.io/part-of: "argo-cd"']),
      errors: [{ line: 6, column: 32, endLine: 6, endColumn: 41, message: /exactly/ }],
      output: cm('argocd-cm', ['  labels:', '    app.kubernetes.io/part-of: "argocd"']),
    },
    {
      name: 'empty labels key and a second document',
      code: y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: argocd') + '---\n' + cm('argocd-cm', ['  namespace: argocd', '  labels:']),
      errors: [{ line: 11, column: 3, endLine: 11, endColumn: 9 }],
      output: y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: argocd') + '---\n' + cm('argocd-cm', ['  namespace: argocd', '  labels:', '    app.kubernetes.io/part-of: argocd']),
    },
    {
      name: 'flow labels map',
      code: cm('argocd-cm', ['  labels: {app.kubernetes.io/name: argocd-cm}']),
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 9 }],
      output: cm('argocd-cm', ['  labels: {app.kubernetes.io/name: argocd-cm, app.kubernetes.io/part-of: argocd}']),
    },
  ],
});
