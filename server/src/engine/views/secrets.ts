// Secrets as Sealed Secrets and Argo CD see them: SealedSecrets (what they produce), plain Secrets,
// ExternalSecrets, and the facts other files need (name, namespace, keys, labels).
import type { Pair, Scalar, YAMLMap } from 'yaml';
import type { FactBase } from '../facts';
import type { FileModel, Manifest } from '../model';
import { templatedIn } from '../source';
import { val, type Val } from '../value';
import { asMap, get, getIn, pairOf, pairs, keyString, str } from '../yamlnav';

export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const CLUSTER_WIDE = 'sealedsecrets.bitnami.com/cluster-wide';
export const NAMESPACE_WIDE = 'sealedsecrets.bitnami.com/namespace-wide';
export const MANAGED = 'sealedsecrets.bitnami.com/managed';
export const PATCH = 'sealedsecrets.bitnami.com/patch';

export type SecretSource = 'Secret' | 'SealedSecret' | 'ExternalSecret' | 'chart';

export interface SecretFact extends FactBase {
  source: SecretSource;
  name: string;
  /** Undefined when not written (decided at apply time) or templated. */
  namespace?: string;
  keys: string[];
  /** False when templates may add keys we cannot see. */
  keysComplete: boolean;
  /** Labels of the Secret that gets created (for a SealedSecret: its template's). */
  labels: Record<string, string>;
  labelsComplete: boolean;
  annotations: Record<string, string>;
  type?: string;
}

declare module '../facts' {
  interface FactKinds {
    secrets: SecretFact;
  }
}

export type Scope = 'strict' | 'namespace-wide' | 'cluster-wide';

export interface SealedSecretView {
  manifest: Manifest;
  name?: Val;
  namespace?: Val;
  /** metadata.annotations of the SealedSecret itself (the only ones that set the scope). */
  annotations?: YAMLMap;
  labels?: YAMLMap;
  template?: YAMLMap;
  templateMeta?: YAMLMap;
  templateName?: Val;
  templateNamespace?: Val;
  templateLabels?: YAMLMap;
  templateAnnotations?: YAMLMap;
  encryptedData?: YAMLMap;
  /** Undefined when the annotations are templated. */
  scope?: Scope;
}

export interface PlainSecretView {
  manifest: Manifest;
  name?: Val;
  namespace?: Val;
  labels?: YAMLMap;
  annotations?: YAMLMap;
  data?: YAMLMap;
  stringData?: YAMLMap;
}

function scopeOf(m: Manifest, annotations: YAMLMap | undefined): Scope | undefined {
  if (annotations && templatedIn(m.src, annotations.range?.[0] ?? 0, annotations.range?.[1] ?? 0)) return undefined;
  // The controller compares with the exact string "true".
  if (str(get(annotations, CLUSTER_WIDE)) === 'true') return 'cluster-wide';
  if (str(get(annotations, NAMESPACE_WIDE)) === 'true') return 'namespace-wide';
  return 'strict';
}

export function sealedSecrets(model: FileModel): SealedSecretView[] {
  return model.memo('sealedSecrets', () =>
    model.manifests
      .filter((m) => m.kind === 'SealedSecret' && m.apiVersion.startsWith('bitnami.com/'))
      .map((m) => {
        const annotations = asMap(getIn(m.map, ['metadata', 'annotations']));
        const template = asMap(getIn(m.map, ['spec', 'template']));
        const templateMeta = asMap(get(template, 'metadata'));
        return {
          manifest: m,
          name: m.name,
          namespace: m.namespace,
          annotations,
          labels: asMap(getIn(m.map, ['metadata', 'labels'])),
          template,
          templateMeta,
          templateName: val(m.src, get(templateMeta, 'name')),
          templateNamespace: val(m.src, get(templateMeta, 'namespace')),
          templateLabels: asMap(get(templateMeta, 'labels')),
          templateAnnotations: asMap(get(templateMeta, 'annotations')),
          encryptedData: asMap(getIn(m.map, ['spec', 'encryptedData'])),
          scope: scopeOf(m, annotations),
        };
      }),
  );
}

export function plainSecrets(model: FileModel): PlainSecretView[] {
  return model.memo('plainSecrets', () =>
    model.manifests
      .filter((m) => m.kind === 'Secret' && m.apiVersion === 'v1')
      .map((m) => ({
        manifest: m,
        name: m.name,
        namespace: m.namespace,
        labels: asMap(getIn(m.map, ['metadata', 'labels'])),
        annotations: asMap(getIn(m.map, ['metadata', 'annotations'])),
        data: asMap(get(m.map, 'data')),
        stringData: asMap(get(m.map, 'stringData')),
      })),
  );
}

/** Known string entries of a map; `complete` is false when a template may add or hide entries. */
export function stringEntries(m: Manifest, map: YAMLMap | undefined): { entries: Record<string, string>; complete: boolean } {
  const entries: Record<string, string> = {};
  if (!map) return { entries, complete: true };
  const complete = !templatedIn(m.src, map.range?.[0] ?? 0, map.range?.[1] ?? 0);
  for (const p of pairs(map)) {
    const k = keyString(p);
    const v = str(p.value);
    if (k !== undefined && v !== undefined) entries[k] = v;
  }
  return { entries, complete };
}

export function keysOf(m: Manifest, ...maps: Array<YAMLMap | undefined>): { keys: string[]; complete: boolean } {
  const keys: string[] = [];
  let complete = true;
  for (const map of maps) {
    if (!map) continue;
    if (templatedIn(m.src, map.range?.[0] ?? 0, map.range?.[1] ?? 0)) complete = false;
    for (const p of pairs(map)) {
      const k = keyString(p);
      if (k !== undefined) keys.push(k);
    }
  }
  return { keys, complete };
}

function known(v: Val | undefined): string | undefined {
  return v && v.known ? v.text : undefined;
}

export function secretFacts(model: FileModel): SecretFact[] {
  const out: SecretFact[] = [];
  const lines = model.root.file.lines;
  const spanOf = (m: Manifest) => {
    const at = m.name ?? { start: m.src.toOuter(m.map.range?.[0] ?? 0), end: m.src.toOuter(m.map.range?.[0] ?? 0) };
    return lines.span(at.start, at.end);
  };
  for (const s of sealedSecrets(model)) {
    const name = known(s.name) ?? known(s.templateName);
    if (!name) continue;
    const labels = stringEntries(s.manifest, s.templateLabels);
    const keys = keysOf(s.manifest, s.encryptedData);
    out.push({
      file: model.path,
      span: spanOf(s.manifest),
      source: 'SealedSecret',
      name,
      namespace: known(s.namespace) ?? known(s.templateNamespace),
      keys: keys.keys,
      keysComplete: keys.complete,
      labels: labels.entries,
      labelsComplete: labels.complete && !(s.templateMeta && templatedIn(s.manifest.src, s.templateMeta.range?.[0] ?? 0, s.templateMeta.range?.[1] ?? 0)),
      annotations: stringEntries(s.manifest, s.templateAnnotations).entries,
      type: str(get(s.template, 'type')),
    });
  }
  for (const s of plainSecrets(model)) {
    const name = known(s.name);
    if (!name) continue;
    const labels = stringEntries(s.manifest, s.labels);
    const keys = keysOf(s.manifest, s.data, s.stringData);
    out.push({
      file: model.path,
      span: spanOf(s.manifest),
      source: 'Secret',
      name,
      namespace: known(s.namespace),
      keys: keys.keys,
      keysComplete: keys.complete,
      labels: labels.entries,
      labelsComplete: labels.complete,
      annotations: stringEntries(s.manifest, s.annotations).entries,
      type: str(get(s.manifest.map, 'type')),
    });
  }
  for (const m of model.manifests) {
    if (m.kind !== 'ExternalSecret') continue;
    const target = getIn(m.map, ['spec', 'target', 'name']);
    const name = known(val(m.src, target)) ?? known(m.name);
    if (!name) continue;
    out.push({ file: model.path, span: spanOf(m), source: 'ExternalSecret', name, namespace: known(m.namespace), keys: [], keysComplete: false, labels: {}, labelsComplete: false, annotations: {} });
  }
  return out;
}

/** The pair for a key inside a map, for edits next to it. */
export function entry(map: YAMLMap | undefined, key: string): Pair | undefined {
  return pairOf(map, key);
}

export type { Scalar };
