// A deterministic synthetic GitOps repository in the mix people keep: Helm templates with `{{ }}`
// control lines, Argo CD Applications with valuesObject, argo-cd values with dex.config block
// scalars, SealedSecrets, Ingresses and Ansible tasks.
import { rng } from '../test/support/rng';

const b64 = (r: () => number, n: number) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = 'Ag';
  for (let i = 0; i < n; i++) s += abc[Math.floor(r() * 64)];
  return s;
};

type Gen = (i: number, r: () => number) => [string, string];

const application: Gen = (i, r) => [
  `cluster/templates/app-${i}.yaml`,
  `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app-${i}
  namespace: argo-cd
spec:
  destination:
    server: https://kubernetes.default.svc
    namespace: app-${i}
  project: default
  sources:
    - chart: oauth2-proxy
      repoURL: https://oauth2-proxy.github.io/manifests
      targetRevision: 10.${Math.floor(r() * 8)}.0
      helm:
        valuesObject:
          config:
            existingSecret: app-${i}-credentials
            emailDomains: []
          authenticatedEmailsFile:
            enabled: true
            restricted_access: |-
{{- range .Values.admin_emails }}
              {{ . }}
{{- end }}
          extraArgs:
            provider: github
            cookie-name: _oauth2_proxy_app_${i}
            set-xauthrequest: "true"
          ingress:
            enabled: true
            className: nginx
            hosts:
              - app-${i}.{{ .Values.cluster_domain }}
{{- if .Values.enable_cloudflare_tunnel }}
            annotations:
              nginx.ingress.kubernetes.io/ssl-redirect: "false"
{{- end }}
          resources:
            requests: {cpu: 10m, memory: 64Mi}
    - path: ./cluster/additions/app-${i}
      repoURL: {{ .Values.repo_remote }}
      targetRevision: {{ .Values.repo_branch }}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
`,
];

const argocdValues: Gen = (i) => [
  `argocd/values-${i}.yaml`,
  `global:
  domain: argocd-${i}.example.com
configs:
  params:
    server.insecure: "true"
  cm:
    url: https://argocd-${i}.example.com
    dex.config: |
      connectors:
        - type: github
          id: github
          name: GitHub
          config:
            clientID: $argocd-dex-secret:dex.github.clientID
            clientSecret: $argocd-dex-secret:dex.github.clientSecret
            orgs:
              - name: example-${i}
      staticClients:
${Array.from({ length: 6 }, (_, k) => `        - id: client-${k}
          name: Client ${k}
          redirectURIs:
            - https://client-${k}-${i}.example.com/oauth2/callback
          secret: $argocd-dex-secret:client-${k}.clientSecret`).join('\n')}
  rbac:
    policy.default: role:readonly
    policy.csv: |
      g, admin-${i}@example.com, role:admin
`,
];

const sealedSecret: Gen = (i, r) => [
  `cluster/additions/app-${i}/secret.yaml`,
  `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: app-${i}-credentials
  namespace: app-${i}
spec:
  encryptedData:
${Array.from({ length: 4 }, (_, k) => `    key-${k}: ${b64(r, 300)}`).join('\n')}
  template:
    metadata:
      name: app-${i}-credentials
      namespace: app-${i}
      labels:
        app.kubernetes.io/part-of: argocd
`,
];

const ingress: Gen = (i) => [
  `cluster/additions/app-${i}/ingress.yaml`,
  `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .Values.name }}-${i}
  annotations:
    nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"
    nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.{{ .Values.cluster_domain }}/oauth2/start?rd=https://$host$escaped_request_uri"
    nginx.ingress.kubernetes.io/auth-response-headers: "X-Auth-Request-User,X-Auth-Request-Email"
{{- if .Values.ssl_redirect }}
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
{{- end }}
spec:
  ingressClassName: nginx
  rules:
    - host: app-${i}.{{ .Values.cluster_domain }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i}
                port:
                  number: 80
`,
];

const ansible: Gen = (i) => [
  `ansible/roles/r${i}/tasks/main.yml`,
  `- name: Install argo-cd ${i}
  kubernetes.core.helm:
    chart_ref: oci://ghcr.io/argoproj/argo-helm/argo-cd
    chart_version: 9.4.17
    release_name: argocd
    release_namespace: argo-cd
    values:
      global:
        domain: argocd.{{ cluster_domain }}
      configs:
        cm:
          url: "https://argocd.{{ cluster_domain }}"
          dex.config: |
            connectors:
              - type: github
                id: github
                name: GitHub
                config:
                  clientID: $argocd-dex-secret:dex.github.clientID
                  clientSecret: $argocd-dex-secret:dex.github.clientSecret
        rbac:
          policy.csv: |
            {% for email in admin_emails %}
            g, {{ email }}, role:admin
            {% endfor %}
- name: Wait ${i}
  kubernetes.core.k8s_info:
    kind: Deployment
    name: argocd-server
    namespace: argo-cd
`,
];

const deployment: Gen = (i) => [
  `cluster/additions/app-${i}/deployment.yaml`,
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: 1
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
      annotations:
        secret.reloader.stakater.com/reload: app-${i}-credentials
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef: {name: app-${i}-credentials, key: key-0}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`,
];

const MIX: Gen[] = [application, argocdValues, sealedSecret, ingress, ansible, deployment];

/** `count` files, path → text, the same for the same seed. */
export function synthRepo(count: number, seed = 42): Map<string, string> {
  const r = rng(seed);
  const files = new Map<string, string>();
  for (let i = 0; files.size < count; i++) {
    const [path, text] = MIX[i % MIX.length](Math.floor(i / MIX.length), r);
    files.set(path, text);
  }
  return files;
}

/** A long chart values file (for editor latency): `lines` lines of realistic values. */
export function longValuesFile(lines: number): string {
  const out = ['configs:', '  cm:', '    url: https://argocd.example.com', '    dex.config: |', '      connectors:', '        - type: github', '          id: github', '          name: GitHub', '          config:', '            clientID: $argocd-dex-secret:dex.github.clientID', '      staticClients:'];
  let k = 0;
  while (out.length < lines - 5) {
    out.push(`        - id: client-${k}`, `          name: Client ${k}`, '          redirectURIs:', `            - https://client-${k}.example.com/cb`, `          secret: $argocd-dex-secret:client-${k}.clientSecret`);
    k++;
  }
  out.push('server:', '  replicas: 1');
  return out.join('\n') + '\n';
}
