// Argo CD's `$secret:key` references and the Secrets that answer them, across files: each file
// contributes its references (fact kind `secretRefs`) and its kustomizations (`kustomizations`,
// which can add labels or make a manifest a patch), so that both the reference and the Secret can
// be reported. Also where a manifest's produced labels live, and the edit that adds Argo CD's.
import { dirname, join, normalize } from 'node:path';
import type { Node, Pair } from 'yaml';
import type { FactBase, IndexQuery } from '../facts';
import type { FileModel, Manifest } from '../model';
import { addEntryAt, replaceScalar } from '../edits';
import { outerRange, structuralTemplateNode } from '../source';
import type { TextEdit } from '../types';
import { val, type Val } from '../value';
import { asMap, get, getIn, items, keyString, pairOf, str } from '../yamlnav';
import { argoCdSettings, secretRefs, type ArgoCdSettings, type SecretRef } from './argocd';
import { PART_OF_LABEL, type SecretFact } from './secrets';

export const ARGOCD_PART_OF = 'argocd';

/** A `$secret:key` string in dex.config / oidc.config, as other files see it. */
export interface SecretRefFact extends FactBase {
  secret: string;
  key: string;
  /** Argo CD's namespace when the settings say (ConfigMap namespace, release namespace). */
  namespace?: string;
  in: 'dex.config' | 'oidc.config';
}

/** A kustomization.yaml: the files it takes as resources or patches, and the labels it adds. */
export interface KustomizationFact extends FactBase {
  resources: string[];
  patches: string[];
  /** Value of `app.kubernetes.io/part-of` in commonLabels / labels[].pairs, when set. */
  partOf?: string;
}

/**
 * What Argo CD's selector and key lookup see of one produced Secret, read with templates that
 * produce whole entries (`{{- include ... | nindent }}`, `{{- range }}`) counted as unknown.
 */
export interface ProducedSecretFact extends FactBase {
  source: 'Secret' | 'SealedSecret';
  name: string;
  namespace?: string;
  /** Has `app.kubernetes.io/part-of: argocd` where it reaches the Secret; undefined when templated. */
  labelled?: boolean;
  /** Keys (data/stringData, or encryptedData) may come from a template. */
  keysTemplated: boolean;
}

declare module '../facts' {
  interface FactKinds {
    secretRefs: SecretRefFact;
    kustomizations: KustomizationFact;
    producedSecrets: ProducedSecretFact;
  }
}

/** A named reference with the settings it sits in (bare `$key` reads argocd-secret and is left out). */
export interface NamedRef extends SecretRef {
  secret: string;
  settings: ArgoCdSettings;
}

export function namedRefs(model: FileModel): NamedRef[] {
  return model.memo('argocdNamedRefs', () => {
    const out: NamedRef[] = [];
    for (const s of argoCdSettings(model)) {
      for (const r of secretRefs(s)) if (r.secret !== undefined) out.push({ ...r, secret: r.secret, settings: s });
    }
    return out;
  });
}

export function secretRefFacts(model: FileModel): SecretRefFact[] {
  const lines = model.root.file.lines;
  return namedRefs(model).map((r) => ({
    file: model.path,
    span: lines.span(r.val.start, r.val.end),
    secret: r.secret,
    key: r.key,
    namespace: r.settings.namespace,
    in: r.in,
  }));
}

export function producedSecretFacts(model: FileModel): ProducedSecretFact[] {
  const out: ProducedSecretFact[] = [];
  const lines = model.root.file.lines;
  for (const m of model.manifests) {
    const sealed = m.kind === 'SealedSecret' && m.apiVersion.startsWith('bitnami.com/');
    if (!sealed && !(m.kind === 'Secret' && m.apiVersion === 'v1')) continue;
    const tmpl = (k: string) => (sealed ? val(m.src, getIn(m.map, ['spec', 'template', 'metadata', k])) : undefined);
    const name = knownText(m.name) ?? knownText(tmpl('name'));
    if (!name) continue;
    const state = partOfLabel(m);
    const labelled = state.templated || (state.value && !state.value.known) ? undefined : state.value?.text === ARGOCD_PART_OF;
    const keyMaps = sealed ? [getIn(m.map, ['spec', 'encryptedData'])] : [get(m.map, 'data'), get(m.map, 'stringData')];
    const at = m.name ?? { start: m.src.toOuter(m.map.range?.[0] ?? 0), end: m.src.toOuter(m.map.range?.[0] ?? 0) };
    out.push({
      file: model.path,
      span: lines.span(at.start, at.end),
      source: sealed ? 'SealedSecret' : 'Secret',
      name,
      namespace: knownText(m.namespace) ?? knownText(tmpl('namespace')),
      labelled,
      keysTemplated: keyMaps.some((k) => k !== undefined && structuralTemplateNode(m.src, k)) || structuralTemplateNode(m.src, sealed ? getIn(m.map, ['spec']) : m.map),
    });
  }
  return out;
}

function knownText(v: Val | undefined): string | undefined {
  return v && v.known ? v.text : undefined;
}

const KUSTOMIZATION = /(^|[/\\])kustomization\.ya?ml$/i;

export function kustomizationFacts(model: FileModel): KustomizationFact[] {
  if (!KUSTOMIZATION.test(model.path)) return [];
  const top = asMap(model.root.docs[0]?.contents);
  if (!top) return [];
  const dir = dirname(model.path);
  const path = (p: string | undefined) => (p && !/^[a-z]+:\/\//i.test(p) ? normalize(join(dir, p)) : undefined);
  const listed = (node: unknown) => items(node).map((n) => path(str(n))).filter((p): p is string => !!p);
  const patches = [
    ...listed(get(top, 'patchesStrategicMerge')),
    ...items(get(top, 'patches')).map((p) => path(str(get(p, 'path')))).filter((p): p is string => !!p),
    ...items(get(top, 'patchesJson6902')).map((p) => path(str(get(p, 'path')))).filter((p): p is string => !!p),
  ];
  let partOf = str(get(get(top, 'commonLabels'), PART_OF_LABEL));
  for (const l of items(get(top, 'labels'))) partOf = str(get(get(l, 'pairs'), PART_OF_LABEL)) ?? partOf;
  const r = top.range ?? [0, 0, 0];
  return [{ file: model.path, span: model.root.file.lines.span(r[0], r[0]), resources: listed(get(top, 'resources')), patches, partOf }];
}

/** How kustomize treats a file: a patch on an object defined elsewhere, or a resource that gets labels. */
export function kustomizeRole(index: IndexQuery, file: string): { patch: boolean; partOf?: string } {
  const target = normalize(file);
  let patch = false;
  let partOf: string | undefined;
  for (const k of index.all('kustomizations')) {
    if (k.patches.includes(target)) patch = true;
    if (k.resources.includes(target) && k.partOf !== undefined) partOf = k.partOf;
  }
  return { patch, partOf };
}

// ---------------------------------------------------------------------------------------------
// Matching references with the Secrets that produce them

/** Two namespaces match unless both are known and differ. */
export function namespacesMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Every Secret in the workspace that produces `name` in Argo CD's namespace. */
export function producersOf(index: IndexQuery, name: string, namespace: string | undefined): SecretFact[] {
  return (index.by('secrets', 'name', (s) => s.name).get(name) ?? []).filter((s) => namespacesMatch(s.namespace, namespace));
}

/** Whether Argo CD's label selector picks the produced Secret up; undefined when it cannot be known. */
export function producerLabelled(index: IndexQuery, s: SecretFact): boolean | undefined {
  if (s.source !== 'Secret' && s.source !== 'SealedSecret') return undefined;
  const seen = index.by('producedSecrets', 'name', (p) => p.name).get(s.name)?.find((p) => p.file === s.file && p.source === s.source && p.namespace === s.namespace);
  const labelled = seen ? seen.labelled : s.labelsComplete ? s.labels[PART_OF_LABEL] === ARGOCD_PART_OF : undefined;
  if (labelled !== false) return labelled;
  const role = kustomizeRole(index, s.file);
  // kustomize's labels reach a Secret's metadata, but not a SealedSecret's template; a patch's labels come from its base.
  if (s.source === 'Secret' && role.partOf === ARGOCD_PART_OF) return true;
  if (role.patch) return undefined;
  return false;
}

/** Whether templates may add keys to the produced Secret. */
export function producerKeysTemplated(index: IndexQuery, s: SecretFact): boolean {
  if (!s.keysComplete) return true;
  const seen = index.by('producedSecrets', 'name', (p) => p.name).get(s.name)?.find((p) => p.file === s.file && p.source === s.source && p.namespace === s.namespace);
  return seen?.keysTemplated ?? false;
}

/** Damerau-free Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

/** The existing key a reference most likely meant: same letters up to case/punctuation, or ≤ 2 edits away (and unique). */
export function nearestKey(key: string, keys: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const same = keys.filter((k) => norm(k) === norm(key));
  if (same.length === 1) return same[0];
  const limit = Math.min(2, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const k of keys) {
    const d = editDistance(k.toLowerCase(), key.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return best !== undefined && bestD <= limit && !tie ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Labels on manifests

/** Where a manifest's produced labels live: a SealedSecret's template, else its own metadata. */
export function labelPath(m: Manifest): string[] {
  return m.kind === 'SealedSecret' ? ['spec', 'template', 'metadata', 'labels'] : ['metadata', 'labels'];
}

export interface LabelState {
  /** The `app.kubernetes.io/part-of` pair at the produced-labels path, when written. */
  pair?: Pair;
  value?: Val;
  /** Labels at the path may come from a template we cannot read. */
  templated: boolean;
}

export function partOfLabel(m: Manifest): LabelState {
  const path = labelPath(m);
  const metaPath = path.slice(0, -1);
  const meta = getIn(m.map, metaPath);
  const labels = asMap(get(meta, 'labels'));
  const pair = pairOf(labels, PART_OF_LABEL);
  const value = pair ? val(m.src, pair.value) : undefined;
  const templated = structuralTemplateNode(m.src, meta) || (labels !== undefined && structuralTemplateNode(m.src, labels));
  return { pair, value, templated };
}

/** The `labels:` key where a manifest's produced labels are written, when it is there. */
export function labelsKey(m: Manifest): { start: number; end: number } | undefined {
  const meta = getIn(m.map, labelPath(m).slice(0, -1));
  const pair = pairOf(meta, 'labels');
  const k = (pair?.key as Node | null | undefined)?.range;
  return k ? outerRange(m.src, pair!.key as Node) : undefined;
}

/** Edits that give a manifest's produced labels `app.kubernetes.io/part-of: argocd`. */
export function addPartOfLabel(m: Manifest): TextEdit | undefined {
  const state = partOfLabel(m);
  if (state.value) return state.value.known ? replaceScalar(state.value, ARGOCD_PART_OF) : undefined;
  return addEntryAt(m.src, m.map, labelPath(m), `${PART_OF_LABEL}: ${ARGOCD_PART_OF}`);
}

export { keyString };
