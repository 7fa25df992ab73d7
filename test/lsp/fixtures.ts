// Small real-world-shaped files for the LSP tests (adapted from the corpus, one problem each).

/** An Argo CD Application (Helm-templated) deploying oauth2-proxy with `*` domains and an emails file. */
export const OAUTH2_PROXY_APP_WILDCARD = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: oauth2-proxy
  namespace: argo-cd
spec:
  destination:
    server: https://kubernetes.default.svc
    namespace: oauth2-proxy
  project: kubernetes
  sources:
    - chart: oauth2-proxy
      repoURL: https://oauth2-proxy.github.io/manifests
      targetRevision: 10.7.0
      helm:
        valuesObject:
          config:
            existingSecret: oauth2-proxy-credentials
            configFile: |-
              email_domains = [ "*" ]
              upstreams = ["file:///dev/null"]
          authenticatedEmailsFile:
            enabled: true
            restricted_access: |-
{{- range .Values.admin_emails }}
              {{ . }}
{{- end }}
          extraArgs:
            provider: github
            cookie-domain: ".{{ .Values.cluster_domain }}"
            whitelist-domain: ".{{ .Values.cluster_domain }}"
            set-xauthrequest: "true"
`;

export const WILDCARD_RULE = 'oauth2-proxy/email-domains-wildcard';

/** The same file as the authors fixed it. */
export const OAUTH2_PROXY_APP_FIXED = OAUTH2_PROXY_APP_WILDCARD.replace('email_domains = [ "*" ]', 'email_domains = []');

/** argo-cd chart values whose dex.config reads a Secret through `$argocd-dex-secret:…`. */
export const ARGOCD_VALUES = `global:
  domain: argocd.{{ .Values.cluster_domain }}
configs:
  cm:
    url: https://argocd.{{ .Values.cluster_domain }}
    dex.config: |
      connectors:
        - type: github
          id: github
          name: GitHub
          config:
            clientID: $argocd-dex-secret:dex.github.clientID
            clientSecret: $argocd-dex-secret:dex.github.clientSecret
      staticClients:
        - id: grafana
          name: Grafana
          redirectURIs:
            - https://grafana.{{ .Values.cluster_domain }}/login/generic_oauth
          secret: $argocd-dex-secret:grafana.clientSecret
`;

export const SECRET_REF_RULE = 'argocd/secret-ref-label';

const CIPHER = 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq' + 'x'.repeat(300) + '==';

/** The SealedSecret that produces argocd-dex-secret; the label sits on its own metadata, which is not copied. */
export const DEX_SEALED_SECRET_UNLABELLED = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: argocd-dex-secret
  namespace: argo-cd
  labels:
    app.kubernetes.io/part-of: argocd
spec:
  encryptedData:
    dex.github.clientID: ${CIPHER}
    dex.github.clientSecret: ${CIPHER}
    grafana.clientSecret: ${CIPHER}
  template:
    metadata:
      name: argocd-dex-secret
      namespace: argo-cd
`;

export const DEX_SEALED_SECRET_LABELLED = DEX_SEALED_SECRET_UNLABELLED.replace(
  `  template:
    metadata:
`,
  `  template:
    metadata:
      labels:
        app.kubernetes.io/part-of: argocd
`,
);

/** An Ingress protected by forward-auth, for hover and completion on annotations. */
export const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: grafana
  namespace: monitoring
  annotations:
    nginx.ingress.kubernetes.io/auth-url: http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth
    nginx.ingress.kubernetes.io/auth-signin: https://oauth2.example.com/oauth2/start?rd=$scheme://$host$escaped_request_uri
    nginx.ingress.kubernetes.io/auth-type: 
spec:
  ingressClassName: nginx
  rules:
    - host: grafana.example.com
`;

export const SEALED_SECRET_FOR_COMPLETION = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: grafana-oauth
  namespace: monitoring
  annotations:
    sealed
spec:
  encryptedData:
    client-secret: ${CIPHER}
`;

/** A plain Secret holding a cookie secret oauth2-proxy rejects (44 chars, standard base64 with `+`). */
export const COOKIE_SECRET_VALUE = 'q1w2e3r4t5y6u7i8o9p0+a1s2d3f4g5h6j7k8l9z0x1c=';
export const BAD_COOKIE_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: oauth2-proxy-credentials
  namespace: oauth2-proxy
stringData:
  client-id: grafana
  cookie-secret: "${COOKIE_SECRET_VALUE}"
`;

/** A raw argocd-cm (templated url) without the label Argo CD selects it by. */
export const ARGOCD_CM_UNLABELLED = `apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
  namespace: argo-cd
data:
  url: https://argocd.{{ .Values.cluster_domain }}
  admin.enabled: "false"
`;

export const CM_LABEL_RULE = 'argocd/cm-label';

/** Templated files with one fixable finding each: every editor scenario runs on all of them. */
export const FIXABLE_CASES = [
  { name: 'oauth2-proxy Application', file: 'oauth2-proxy.yaml', text: OAUTH2_PROXY_APP_WILDCARD, rule: WILDCARD_RULE, fixed: OAUTH2_PROXY_APP_FIXED },
  {
    name: 'argocd-cm ConfigMap',
    file: 'argocd-cm.yaml',
    text: ARGOCD_CM_UNLABELLED,
    rule: CM_LABEL_RULE,
    fixed: ARGOCD_CM_UNLABELLED.replace('  namespace: argo-cd\n', '  namespace: argo-cd\n  labels:\n    app.kubernetes.io/part-of: argocd\n'),
  },
];
