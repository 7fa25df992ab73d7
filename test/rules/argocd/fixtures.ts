// Shared builders for the Argo CD (and Dex schema) rule tests: argocd-cm, the argo-cd chart as an
// Application, a values file or an Ansible kubernetes.core.helm task, and the argocd-dex-secret.
// Expected ranges in the tests count lines of this output, so every builder must keep its shape.

import { y, indentAll } from '../../support/yaml';

export { y };

/** This suite's cases indent empty lines too (a block scalar may hold an indented empty line). */
export const indent = indentAll;

/** The label Argo CD selects its ConfigMaps and referenced Secrets by. */
export const PART_OF_ARGOCD = 'app.kubernetes.io/part-of: argocd';

/** A ConfigMap: `meta` lines follow `name:` inside metadata, `data` lines are given already indented. */
export const configMap = (name: string, meta: string[], data: string[]): string =>
  y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, ...meta, 'data:', ...data);

export interface ArgocdCmOpts {
  /** metadata.namespace; omitted when undefined. */
  namespace?: string;
  /** Whether metadata carries the part-of label (default true). */
  labelled?: boolean;
  /** data entries, unindented (`url: ...`, `dex.config: |`, ...). */
  data: string[];
}

export function argocdCm(o: ArgocdCmOpts): string {
  const meta = [...(o.namespace === undefined ? [] : [`  namespace: ${o.namespace}`]), ...(o.labelled === false ? [] : ['  labels:', `    ${PART_OF_ARGOCD}`])];
  return configMap('argocd-cm', meta, indent(2, o.data));
}

/** A `key: |` block scalar entry with its content lines. */
export const block = (key: string, content: string[]): string[] => [`${key}: |`, ...indent(2, content)];

/**
 * A Dex GitHub connector list; `ref` prefixes the clientID/clientSecret keys, e.g. `$dex-github:`
 * gives `$dex-github:clientID`; `clientID`/`clientSecret` replace a whole value, `clientSecret: false` drops that line.
 */
export const githubConnectors = (ref: string, o: { clientID?: string; clientSecret?: string | false } = {}): string[] => [
  'connectors:',
  '  - type: github',
  '    id: github',
  '    name: GitHub',
  '    config:',
  `      clientID: ${o.clientID ?? `${ref}clientID`}`,
  ...(o.clientSecret === false ? [] : [`      clientSecret: ${o.clientSecret ?? `${ref}clientSecret`}`]),
];

/** A Dex LDAP connector list (Argo CD needs no config beyond the host). */
export const ldapConnectors = ['connectors:', '  - type: ldap', '    id: ldap', '    name: LDAP', '    config:', '      host: ldap.example.org:636'];

/** Dex `staticClients` with the given (unindented) client list items. */
export const staticClients = (clients: string[]): string[] => ['staticClients:', ...indent(2, clients)];

/** The corpus's argo-cd static client (tpi-k3s-ansible), as one staticClients list item. */
export const corpusArgoCdClient = [
  '- id: argo-cd',
  '  name: Argo CD',
  '  redirectURIs:',
  '    - https://argocd.{{ cluster_domain }}/auth/callback',
  '  secret: {{ cluster_argocd_dex_client_secret }}',
  '  trustedPeers:',
  '    - argocd-monitor',
];

/** oidc.config content for an external Keycloak realm. */
export const keycloakOidc = (clientSecret: string): string[] => ['name: Keycloak', 'issuer: https://sso.example.org/realms/ops', 'clientID: argocd', `clientSecret: ${clientSecret}`];

export interface ApplicationOpts {
  /** spec.source.targetRevision of the argo-cd chart (default 7.7.0). */
  version?: string;
  /** Values as a `values: |` string instead of `valuesObject` (same indentation). */
  valuesString?: boolean;
  /** metadata.namespace and spec.destination (default true). */
  destination?: boolean;
  /** spec.destination.server (default true, only with a destination). */
  server?: boolean;
}

/** An Argo CD Application of the argo-cd chart; `values` are unindented chart values. */
export function argoCdApplication(values: string[], o: ApplicationOpts = {}): string {
  const dest = o.destination !== false;
  return y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: argocd',
    ...(dest ? ['  namespace: argocd'] : []),
    'spec:',
    ...(dest ? ['  destination:', '    namespace: argocd', ...(o.server === false ? [] : ['    server: https://kubernetes.default.svc'])] : []),
    '  source:',
    '    repoURL: https://argoproj.github.io/argo-helm',
    '    chart: argo-cd',
    `    targetRevision: ${o.version ?? '7.7.0'}`,
    '    helm:',
    o.valuesString ? '      values: |' : '      valuesObject:',
    ...indent(8, values),
  );
}

export interface HelmTaskOpts {
  name?: string;
  chartRef?: string;
  /** chart_version; null leaves it out. */
  chartVersion?: string | null;
  /** The release namespace line, e.g. `namespace: argo-cd`; null leaves it out. */
  namespaceLine?: string | null;
}

/** The corpus's Ansible kubernetes.core.helm task installing argo-cd; `values` are unindented. */
export function ansibleHelmTask(values: string[], o: HelmTaskOpts = {}): string {
  const ns = o.namespaceLine === undefined ? 'namespace: argo-cd' : o.namespaceLine;
  const version = o.chartVersion === undefined ? '9.4.17' : o.chartVersion;
  return y(
    `- name: ${o.name ?? 'Upgrade ArgoCD Helm release with full configuration'}`,
    '  kubernetes.core.helm:',
    `    chart_ref: ${o.chartRef ?? 'oci://ghcr.io/argoproj/argo-helm/argo-cd'}`,
    ...(version === null ? [] : [`    chart_version: ${version}`]),
    '    release_name: argocd',
    ...(ns === null ? [] : [`    ${ns}`]),
    '    values:',
    ...indent(6, values),
  );
}

/** `configs.cm` holding the given (unindented) argocd-cm entries, as chart values lines. */
export const configsCm = (cm: string[]): string[] => ['configs:', '  cm:', ...indent(4, cm)];

export interface DexSecretOpts {
  namespace?: string;
  /** encryptedData lines, unindented (`key: ciphertext` or template lines). */
  keys: string[];
  /** Lines after metadata.namespace on the SealedSecret itself (already indented). */
  ownMeta?: string[];
  /** spec.template lines (already indented); default: name, namespace and the part-of label. */
  template?: string[];
}

/** The argocd-dex-secret SealedSecret (no leading `---`). */
export function dexSecret(o: DexSecretOpts): string {
  const ns = o.namespace ?? 'argocd';
  return y(
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    '  name: argocd-dex-secret',
    `  namespace: ${ns}`,
    ...(o.ownMeta ?? []),
    'spec:',
    '  encryptedData:',
    ...indent(4, o.keys),
    '  template:',
    ...(o.template ?? dexSecretTemplate({ namespace: ns, labels: [PART_OF_ARGOCD] })),
  );
}

/** spec.template lines for dexSecret: name, optional namespace, optional labels. */
export const dexSecretTemplate = (o: { namespace?: string; labels?: string[] } = {}): string[] => [
  '    metadata:',
  '      name: argocd-dex-secret',
  ...(o.namespace === undefined ? [] : [`      namespace: ${o.namespace}`]),
  ...(o.labels === undefined ? [] : ['      labels:', ...indent(8, o.labels)]),
];
