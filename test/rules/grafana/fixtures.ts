// Grafana configs in the containers users write them in.
import { y } from '../../support/yaml';

export { y };

/** kube-prometheus-stack through an Argo CD Application's valuesObject; `ini` lines at the grafana.ini level (12 spaces). */
export const kpsApp = (ini: string[], extra: string[] = []) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: grafana-prometheus',
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: monitoring',
    '  sources:',
    '    - chart: kube-prometheus-stack',
    '      targetRevision: 87.19.0',
    '      repoURL: https://prometheus-community.github.io/helm-charts',
    '      helm:',
    '        valuesObject:',
    '          grafana:',
    ...extra,
    '            grafana.ini:',
    ...ini,
  );

export const OAUTH_MAP = [
  '              auth.generic_oauth:',
  '                enabled: true',
  '                name: GitHub (via Dex)',
  '                client_id: grafana',
  '                allow_sign_up: true',
];

/** The grafana chart's own values file: `grafana.ini` at top level (2-space sections). */
export const grafanaValues = (ini: string[], extra: string[] = []) => y('grafana.ini:', ...ini, ...extra);

export const OAUTH_MAP_TOP = ['  auth.generic_oauth:', '    enabled: true', '    client_id: grafana'];

/** A ConfigMap holding grafana.ini as INI text. */
export const iniConfigMap = (lines: string[]) =>
  y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: grafana', '  namespace: monitoring', 'data:', '  grafana.ini: |', ...lines.map((l) => (l ? `    ${l}` : '')));

/** A Deployment configuring Grafana through GF_* variables. */
export const envDeployment = (env: string[]) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: grafana',
    '  namespace: monitoring',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: grafana',
    '          image: grafana/grafana:12.1.0',
    '          env:',
    ...env,
  );
