// Realistic containers for the ingress and MCP rule tests: a raw Ingress, an Argo CD Application
// (valuesObject or `values: |`), an Ansible kubernetes.core.helm task, a chart template.
import { y, indent } from '../../support/yaml';

export { y };


export interface RawIngress {
  name?: string;
  namespace?: string;
  className?: string | null;
  annotations: string[];
  hosts?: string[];
  service?: string;
  path?: string;
}

export function rawIngress(o: RawIngress): string {
  const hosts = o.hosts ?? ['app.example.com'];
  return y(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${o.name ?? 'app'}`,
    `  namespace: ${o.namespace ?? 'apps'}`,
    '  annotations:',
    ...indent(4, o.annotations),
    'spec:',
    ...(o.className === null ? [] : [`  ingressClassName: ${o.className ?? 'nginx'}`]),
    '  rules:',
    ...hosts.flatMap((h) => [
      `    - host: ${h}`,
      '      http:',
      '        paths:',
      `          - path: ${o.path ?? '/'}`,
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      `                name: ${o.service ?? 'app'}`,
      '                port:',
      '                  number: 80',
    ]),
  );
}

/** An Argo CD Application of a repository chart, its values in `valuesObject`. */
export function application(chart: string, version: string, values: string[], name = chart): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  project: default',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${name}`,
    '  source:',
    '    repoURL: https://charts.example.org',
    `    chart: ${chart}`,
    `    targetRevision: ${version}`,
    '    helm:',
    '      valuesObject:',
    ...indent(8, values),
  );
}

/** The same, its values as YAML in a `values: |` string. */
export function applicationValuesString(chart: string, version: string, values: string[], name = chart): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  destination:',
    `    namespace: ${name}`,
    '  source:',
    '    repoURL: https://charts.example.org',
    `    chart: ${chart}`,
    `    targetRevision: ${version}`,
    '    helm:',
    '      values: |',
    ...indent(8, values),
  );
}

/** An Ansible play with a kubernetes.core.helm task. */
export function ansibleHelm(chartRef: string, values: string[]): string {
  return y(
    '- name: Install the release',
    '  kubernetes.core.helm:',
    `    chart_ref: ${chartRef}`,
    '    release_name: release',
    '    release_namespace: apps',
    '    values:',
    ...indent(6, values),
  );
}

/** An Application with a repository chart and a reusable ingress chart from git (`path:`). */
export function subchartApplication(name: string, ingressValues: string[]): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    `    namespace: ${name}`,
    '  sources:',
    `    - path: ./services/additions/${name}`,
    '      repoURL: https://github.com/example/cluster.git',
    '      targetRevision: main',
    '    - path: ./services/additions/ingress',
    '      repoURL: https://github.com/example/cluster.git',
    '      targetRevision: main',
    '      helm:',
    '        valuesObject:',
    ...indent(10, ingressValues),
  );
}

/** The reusable ingress chart's template (as in tpi-k3s-ansible): values switch the auth modes. */
export const INGRESS_TEMPLATE_PATH = '/repo/services/additions/ingress/templates/ingress.yaml';
export const INGRESS_TEMPLATE = y(
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: {{ .Values.name }}-ingress',
  '  annotations:',
  '{{- if .Values.basic_auth | default false }}',
  '    nginx.ingress.kubernetes.io/auth-type: basic',
  '    nginx.ingress.kubernetes.io/auth-secret: admin-auth',
  '{{- end }}',
  '{{- if .Values.oauth2_proxy | default false }}',
  '    nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"',
  '    nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"',
  '{{- end }}',
  '{{- range $k, $v := .Values.extra_annotations | default dict }}',
  '    {{ $k }}: {{ $v | quote }}',
  '{{- end }}',
  'spec:',
  '  ingressClassName: nginx',
  '  rules:',
  '    - host: {{ .Values.name }}.{{ .Values.cluster_domain }}',
  '      http:',
  '        paths:',
  '          - pathType: Prefix',
  '            path: /',
  '            backend:',
  '              service:',
  '                name: {{ .Values.service_name }}',
  '                port:',
  '                  number: {{ .Values.service_port }}',
);
export const INGRESS_CHART = { '/repo/services/additions/ingress/Chart.yaml': y('apiVersion: v2', 'name: ingress', 'version: 1.0.0'), [INGRESS_TEMPLATE_PATH]: INGRESS_TEMPLATE };

/** The shared oauth2-proxy as an Argo CD Application of the oauth2-proxy chart (flags in `extraArgs`). */
export const PROXY_PATH = '/repo/apps/oauth2-proxy.yaml';
export function proxyApplication(extraArgs: string[], hosts: string[] = ['oauth2.example.com']): string {
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: oauth2-proxy',
    '  namespace: argocd',
    'spec:',
    '  destination:',
    '    namespace: oauth2-proxy',
    '  source:',
    '    repoURL: https://oauth2-proxy.github.io/manifests',
    '    chart: oauth2-proxy',
    '    targetRevision: 10.7.0',
    '    helm:',
    '      valuesObject:',
    '        config:',
    '          existingSecret: oauth2-proxy-credentials',
    '          configFile: |-',
    '            email_domains = [ "example.com" ]',
    '            upstreams = [ "static://202" ]',
    '        extraArgs:',
    '          provider: github',
    ...extraArgs.map((a) => `          ${a}`),
    '        ingress:',
    '          enabled: true',
    '          className: nginx',
    '          hosts:',
    ...hosts.map((h) => `            - ${h}`),
  );
}
