// YAML builders for the oauth2-proxy rule tests: one release of the chart written in each container
// the engine reads (Argo CD Application valuesObject / values string, Ansible helm task, values file),
// and a Deployment with an oauth2-proxy container.
import { y, indent } from '../../support/yaml';

export { y, indent };

/** An Argo CD Application installing the oauth2-proxy chart with `valuesObject` (values indented under it). */
export function appValuesObject(version: string, values: string[], name = 'oauth2-proxy'): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: oauth2-proxy',
    '  project: default',
    '  source:',
    '    chart: oauth2-proxy',
    '    repoURL: https://oauth2-proxy.github.io/manifests',
    `    targetRevision: ${version}`,
    '    helm:',
    '      valuesObject:',
    ...indent(8, values),
  );
}

/** The same with `helm.values: |` (YAML inside a string). */
export function appValuesString(version: string, values: string[], name = 'oauth2-proxy'): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    namespace: oauth2-proxy',
    '  source:',
    '    chart: oauth2-proxy',
    '    repoURL: https://oauth2-proxy.github.io/manifests',
    `    targetRevision: ${version}`,
    '    helm:',
    '      values: |',
    ...indent(8, values),
  );
}

/** An Ansible play task installing the chart with kubernetes.core.helm. */
export function ansibleTask(version: string | undefined, values: string[]): string {
  return y(
    '- name: Install oauth2-proxy',
    '  kubernetes.core.helm:',
    '    name: oauth2-proxy',
    '    chart_ref: oauth2-proxy/oauth2-proxy',
    ...(version ? [`    chart_version: ${version}`] : []),
    '    release_namespace: oauth2-proxy',
    '    values:',
    ...indent(6, values),
  );
}

/** A Deployment running oauth2-proxy as a container (args as a list). */
export function deployment(args: string[], extra: string[] = [], name = 'app'): string {
  return y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: apps',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: oauth2-proxy',
    '          image: quay.io/oauth2-proxy/oauth2-proxy:v7.6.0',
    '          args:',
    ...indent(12, args.map((a) => `- ${a}`)),
    ...indent(10, extra),
  );
}
