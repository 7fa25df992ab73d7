// Argo CD's `$secret:key` references and the Secrets that answer them, across files: each file
// contributes its references (fact kind `secretRefs`) and its kustomizations (`kustomizations`,
// which can add labels or make a manifest a patch), so that both the reference and the Secret can
// be reported. Also the small YAML edits these rules share (add a label at a path, replace a
// string, drop an entry), placed on the user's text and keeping its indentation.
import { dirname, join, normalize } from 'node:path';
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FactBase, IndexQuery } from '../facts';
import type { FileModel, Manifest } from '../model';
import { templatedIn, type Source } from '../source';
import type { TextEdit } from '../types';
import { val, type Val } from '../value';
import { asMap, get, getIn, items, keyString, pairOf, pairs, str } from '../yamlnav';
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
      keysTemplated: keyMaps.some((k) => k !== undefined && structuralTemplate(m.src, k)) || structuralTemplate(m.src, sealed ? getIn(m.map, ['spec']) : m.map),
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
// Positions and edits on the user's text (only where the source maps exactly)

function lineStart(text: string, off: number): number {
  let i = off;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, off: number): number {
  let i = off;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function newline(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function startOf(src: Source, node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? src.toOuter(r[0]) : undefined;
}

/** Outer offset just past a node's last character. */
function endOf(src: Source, node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  if (!r) return undefined;
  return r[1] > r[0] ? src.toOuter(r[1] - 1) + 1 : src.toOuter(r[0]);
}

/** The pair's outer range from its key to the end of a scalar value (or of the key). */
export function pairSpan(src: Source, pair: Pair): { start: number; end: number } {
  const start = startOf(src, pair.key) ?? startOf(src, pair.value) ?? 0;
  const end = isScalar(pair.value) && (pair.value as Scalar).range ? endOf(src, pair.value)! : endOf(src, pair.key) ?? start;
  return { start, end };
}

/** True when only indentation stands before `off` on its line. */
function startsLine(text: string, off: number): boolean {
  return text.slice(lineStart(text, off), off).trim() === '';
}

/**
 * A template action that may produce entries within a node: control flow, or an action that starts
 * its line (`{{- include "x.labels" . | nindent 4 }}`). An action inside a value only makes that value unknown.
 */
export function structuralTemplate(src: Source, node: unknown): boolean {
  const r = (node as Node | null | undefined)?.range;
  if (!r) return false;
  const text = src.masked;
  // A masked action that ends the node stays outside its range: look up to the next content.
  let end = Math.max(r[1], r[2] ?? r[1]);
  while (end < text.length && /\s/.test(text[end])) end++;
  if (!templatedIn(src, r[0], end)) return false;
  return src.spans.some((sp) => {
    if (sp.end <= r[0] || sp.start >= end) return false;
    if (sp.control) return true;
    let i = sp.start;
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
  });
}

/** Replaces a string scalar's text, keeping its quotes. */
export function replaceString(v: Val, newText: string): TextEdit | undefined {
  if (!v.src.exact) return undefined;
  const raw = v.src.file.text.slice(v.start, v.end);
  if (v.node.type === Scalar.QUOTE_DOUBLE || v.node.type === Scalar.QUOTE_SINGLE) {
    const q = raw[0];
    const close = raw.lastIndexOf(q);
    if (close <= 0) return undefined;
    const inner = q === '"' ? JSON.stringify(newText).slice(1, -1) : newText.replace(/'/g, "''");
    return { start: v.start + 1, end: v.start + close, newText: inner };
  }
  if (v.node.type !== Scalar.PLAIN) return undefined;
  const trimmed = raw.replace(/\s+$/, '');
  return { start: v.start, end: v.start + trimmed.length, newText: plainOrQuoted(newText) };
}

/** A scalar as YAML text: plain when that reads back the same, else double-quoted. */
export function plainOrQuoted(text: string): string {
  const plainOk =
    text !== '' &&
    !/^[\s{[\]}&*!|>'"%@`#,?:-]|\s$|: | #|[\n\r\t]/.test(text) &&
    !/^(true|false|null|~|yes|no|on|off|y|n|[-+]?[0-9][0-9._]*)$/i.test(text);
  return plainOk ? text : JSON.stringify(text);
}

/**
 * Adds `entry` (one `key: value` line) inside the map at `path` under `root`, creating the missing
 * maps; new lines take the indentation of their neighbours. Undefined where that cannot be done
 * exactly (inexact source, a flow map with nesting, a non-map in the way).
 */
export function addEntryAt(src: Source, root: YAMLMap, path: readonly string[], entry: string): TextEdit | undefined {
  if (!src.exact) return undefined;
  const text = src.file.text;
  const nl = newline(text);
  let map = root;
  let i = 0;
  while (i < path.length) {
    const pair = pairOf(map, path[i]);
    if (!pair) break;
    const value = pair.value as unknown;
    if (isMap(value)) {
      if (value.flow) {
        if (i !== path.length - 1) return undefined;
        return addToFlowMap(src, value, entry);
      }
      map = value;
      i++;
      continue;
    }
    if (value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ''))) {
      // `labels:` with nothing under it: the entries go below the key.
      const keyStart = startOf(src, pair.key);
      if (keyStart === undefined || isScalar(value) && value.value === '' && value.range && value.range[1] > value.range[0]) return undefined;
      const col = keyStart - lineStart(text, keyStart);
      const at = lineEnd(text, endOf(src, pair.key) ?? keyStart);
      return { start: at, end: at, newText: nested(path.slice(i + 1), entry, col + 2, nl, true) };
    }
    return undefined;
  }
  return insertIntoMap(src, map, nested(path.slice(i), entry, 0, nl, false));
}

/** Lines for `keys` nested down to `entry`, each indented two more than its parent, starting at `col`. */
function nested(keys: readonly string[], entry: string, col: number, nl: string, leadingNewline: boolean): string {
  const lines = [...keys.map((k, j) => `${' '.repeat(col + 2 * j)}${k}:`), `${' '.repeat(col + 2 * keys.length)}${entry}`];
  return leadingNewline ? nl + lines.join(nl) : lines.join(nl);
}

/** Inserts lines (relative indentation, first line at 0) as new entries of a block map. */
function insertIntoMap(src: Source, map: YAMLMap, block: string): TextEdit | undefined {
  const text = src.file.text;
  const nl = newline(text);
  if (map.flow) return block.includes('\n') ? undefined : addToFlowMap(src, map, block.trim());
  const first = pairs(map)[0];
  const keyStart = first ? startOf(src, first.key) : undefined;
  if (keyStart === undefined) return undefined;
  const col = keyStart - lineStart(text, keyStart);
  const indented = block
    .split(/\r?\n/)
    .map((l) => ' '.repeat(col) + l)
    .join(nl);
  // After the last entry, where people add to a map; before the first one when that cannot be found.
  const last = pairs(map)[pairs(map).length - 1];
  const lastEnd = lastContentEnd(src, last);
  if (lastEnd !== undefined) {
    const at = lineEnd(text, lastEnd);
    return { start: at, end: at, newText: nl + indented };
  }
  if (!startsLine(text, keyStart)) return undefined;
  const at = lineStart(text, keyStart);
  return { start: at, end: at, newText: indented + nl };
}

function lastContentEnd(src: Source, pair: Pair): number | undefined {
  const v = pair.value as unknown;
  if (isMap(v) || isSeq(v)) {
    const its = v.items as unknown[];
    const last = its[its.length - 1];
    if (last) return lastContentEnd(src, isMap(v) ? (last as Pair) : ({ key: null, value: last } as unknown as Pair));
  }
  let end = endOf(src, v ?? pair.key);
  if (end === undefined) return undefined;
  const text = src.file.text;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function addToFlowMap(src: Source, map: YAMLMap, entry: string): TextEdit | undefined {
  const end = endOf(src, map);
  if (end === undefined) return undefined;
  const text = src.file.text;
  const close = text.lastIndexOf('}', end);
  if (close < 0) return undefined;
  const hasItems = map.items.length > 0;
  return { start: close, end: close, newText: hasItems ? `, ${entry}` : entry };
}

/**
 * Deletes an entry of a block map, with its lines; when it is the map's only entry, deletes the
 * parent pair instead (so that no empty `labels:` is left behind).
 */
export function deleteEntry(src: Source, map: YAMLMap, pair: Pair, parent?: Pair): TextEdit | undefined {
  if (!src.exact || map.flow) return undefined;
  const target = pairs(map).length === 1 && parent ? parent : pair;
  const text = src.file.text;
  const keyStart = startOf(src, target.key);
  if (keyStart === undefined || !startsLine(text, keyStart)) return undefined;
  const end = lastContentEnd(src, target);
  if (end === undefined) return undefined;
  const start = lineStart(text, keyStart);
  let stop = lineEnd(text, end);
  if (text[stop] === '\r') stop++;
  if (text[stop] === '\n') stop++;
  return { start, end: stop, newText: '' };
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
  const templated = structuralTemplate(m.src, meta) || (labels !== undefined && structuralTemplate(m.src, labels));
  return { pair, value, templated };
}

/** The `labels:` key where a manifest's produced labels are written, when it is there. */
export function labelsKey(m: Manifest): { start: number; end: number } | undefined {
  const meta = getIn(m.map, labelPath(m).slice(0, -1));
  const pair = pairOf(meta, 'labels');
  const k = (pair?.key as Node | null | undefined)?.range;
  return k ? { start: m.src.toOuter(k[0]), end: endOf(m.src, pair!.key)! } : undefined;
}

/** Edits that give a manifest's produced labels `app.kubernetes.io/part-of: argocd`. */
export function addPartOfLabel(m: Manifest): TextEdit | undefined {
  const state = partOfLabel(m);
  if (state.value) return state.value.known ? replaceString(state.value, ARGOCD_PART_OF) : undefined;
  return addEntryAt(m.src, m.map, labelPath(m), `${PART_OF_LABEL}: ${ARGOCD_PART_OF}`);
}

export { keyString };
