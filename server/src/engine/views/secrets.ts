// Secrets as Sealed Secrets and Argo CD see them: SealedSecrets (what they produce), plain Secrets,
// ExternalSecrets, and the facts other files need (name, namespace, keys, labels).
import type { Pair, Scalar, YAMLMap } from 'yaml';
import type { FactBase } from '../facts';
import type { FileModel, Manifest } from '../model';
import { structuralTemplateIn, templatedIn, templatedNode } from '../source';
import { val, type Val } from '../value';
import { asMap, get, getIn, pairOf, pairs, keyString, str } from '../yamlnav';
import { argoCdSettings } from './argocd';

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
  /** False when templates may add annotations we cannot see. */
  annotationsComplete?: boolean;
  /** ExternalSecret `spec.target.creationPolicy` (Owner when unset); Merge/None do not create the Secret. */
  creationPolicy?: string;
  /** Who produces it, for messages (e.g. "the argo-cd chart (configs.secret.createSecret)"). */
  producer?: string;
}

declare module '../facts' {
  interface FactKinds {
    secrets: SecretFact;
    /** Secrets that a chart release renders (argo-helm's argocd-secret), kept apart from `secrets` so that rules reading manifests only are not affected. */
    chartSecrets: SecretFact;
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

/**
 * The text a pair owns in a block map: from its key to the next key (or the map's end). A template
 * action on a line of its own after the last entry (`{{- toYaml .Values.annotations | nindent 4 }}`)
 * lies outside the value node's range but still writes entries into it.
 */
export function pairRegion(map: YAMLMap | undefined, key: string, limit?: number): [number, number] | undefined {
  if (!map?.range) return undefined;
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i] as Pair;
    if (keyString(p) !== key) continue;
    const start = (p.key as { range?: number[] } | null)?.range?.[0] ?? map.range[0];
    const next = items[i + 1] as Pair | undefined;
    const end = (next?.key as { range?: number[] } | null)?.range?.[0] ?? limit ?? map.range[2] ?? map.range[1];
    return [start, end];
  }
  return undefined;
}

/** From the `metadata:` key to the next top-level key (or the document's end). */
export function metadataRegion(m: Manifest): [number, number] {
  const docEnd = m.doc.range?.[1] ?? m.map.range?.[2] ?? 0;
  return pairRegion(m.map, 'metadata', docEnd) ?? [0, 0];
}

function scopeOf(m: Manifest, annotations: YAMLMap | undefined): Scope | undefined {
  if (annotations && templatedNode(m.src, annotations)) return undefined;
  const region = pairRegion(asMap(get(m.map, 'metadata')), 'annotations', metadataRegion(m)[1]);
  if (region && templatedIn(m.src, region[0], region[1])) return undefined;
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
  const complete = !templatedNode(m.src, map);
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
    if (templatedNode(m.src, map)) complete = false;
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
      labelsComplete: labels.complete && !(s.templateMeta && templatedNode(s.manifest.src, s.templateMeta)),
      annotations: stringEntries(s.manifest, s.templateAnnotations).entries,
      type: str(get(s.template, 'type')),
    });
  }
  for (const s of plainSecrets(model)) {
    const name = known(s.name);
    if (!name) continue;
    const labels = stringEntries(s.manifest, s.labels);
    const annotations = stringEntries(s.manifest, s.annotations);
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
      annotations: annotations.entries,
      annotationsComplete: annotations.complete && !metadataTemplated(s.manifest),
      type: str(get(s.manifest.map, 'type')),
    });
  }
  for (const m of model.manifests) {
    if (m.kind !== 'ExternalSecret') continue;
    const target = getIn(m.map, ['spec', 'target', 'name']);
    const name = known(val(m.src, target)) ?? known(m.name);
    if (!name) continue;
    const targetTemplate = asMap(getIn(m.map, ['spec', 'target', 'template']));
    const annotations = stringEntries(m, asMap(getIn(targetTemplate, ['metadata', 'annotations'])));
    out.push({
      file: model.path,
      span: spanOf(m),
      source: 'ExternalSecret',
      name,
      namespace: known(m.namespace),
      keys: [],
      keysComplete: false,
      labels: {},
      labelsComplete: false,
      annotations: annotations.entries,
      annotationsComplete: annotations.complete,
      type: str(get(targetTemplate, 'type')),
      creationPolicy: known(val(m.src, getIn(m.map, ['spec', 'target', 'creationPolicy']))) ?? 'Owner',
    });
  }
  return out;
}

/** A template action that may add metadata entries (an include, a range) anywhere in the object's metadata. */
function metadataTemplated(m: Manifest): boolean {
  const [start, end] = metadataRegion(m);
  return structuralTemplateIn(m.src, start, end);
}

/**
 * Secrets that chart releases render: argo-helm's `argocd-secret` while `configs.secret.createSecret`
 * is not false. Its annotations come from `configs.secret.annotations`.
 */
export function chartSecretFacts(model: FileModel): SecretFact[] {
  const out: SecretFact[] = [];
  for (const s of argoCdSettings(model)) {
    if (s.via !== 'chart' || !s.chart?.values || !s.chartCreatesArgoSecret) continue;
    const c = s.chart;
    const secretMap = asMap(getIn(c.values, ['configs', 'secret']));
    const annotationsMap = asMap(get(secretMap, 'annotations'));
    const entries: Record<string, string> = {};
    for (const p of pairs(annotationsMap)) {
      const k = keyString(p);
      const v = val(c.src, p.value);
      if (k !== undefined && v?.known) entries[k] = v.text;
    }
    const complete = !(annotationsMap && templatedNode(c.src, annotationsMap));
    const lines = model.root.file.lines;
    out.push({
      file: model.path,
      span: lines.span(c.anchor.start, c.anchor.end),
      source: 'chart',
      name: 'argocd-secret',
      namespace: c.namespace,
      keys: [],
      keysComplete: false,
      labels: { [PART_OF_LABEL]: 'argocd' },
      labelsComplete: false,
      annotations: entries,
      annotationsComplete: complete,
      type: 'Opaque',
      producer: 'the argo-cd chart (configs.secret.createSecret is not false)',
    });
  }
  return out;
}

/** The pair for a key inside a map, for edits next to it. */
export function entry(map: YAMLMap | undefined, key: string): Pair | undefined {
  return pairOf(map, key);
}

export type { Scalar };
