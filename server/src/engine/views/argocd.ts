// Argo CD settings (argocd-cm), wherever they are written: a raw ConfigMap, or the argo-cd chart's
// values (`configs.cm`, older charts' `server.config`) in a values file, an Application or an
// Ansible helm task. `dex.config` and `oidc.config` are YAML inside strings, parsed as children.
import { isMap, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ChartValues, FileModel, Manifest } from '../model';
import { embeddedYaml, type Source, type YamlSource } from '../source';
import { val, type Val } from '../value';
import { asMap, asScalar, get, getIn, pairOf, pairs, keyString, isFalse } from '../yamlnav';

export interface EmbeddedConfig {
  /** The `dex.config:` / `oidc.config:` pair in the outer document. */
  pair: Pair;
  node: Scalar;
  src: YamlSource;
  /** The parsed map (first document), when it is one. */
  root?: YAMLMap;
}

export interface ArgoCdSettings {
  via: 'configmap' | 'chart';
  /** Source holding the settings map. */
  src: Source;
  /** The argocd-cm data: ConfigMap `data`, or chart `configs.cm`. */
  cm?: YAMLMap;
  manifest?: Manifest;
  chart?: ChartValues;
  /** Argo CD's namespace when known (ConfigMap namespace, release namespace). */
  namespace?: string;
  url?: Val;
  urlPair?: Pair;
  dexConfig?: EmbeddedConfig;
  oidcConfig?: EmbeddedConfig;
  /** argo-helm `dex.enabled` (undefined: chart default true, or not a chart). */
  dexEnabled?: boolean;
  dexEnabledPair?: Pair;
  /** argo-helm `global.domain` (presets `url`). */
  globalDomain?: Val;
  /** argo-helm `configs.secret.createSecret` is not false: the chart produces argocd-secret. */
  chartCreatesArgoSecret?: boolean;
}

function embedded(src: Source, cm: YAMLMap | undefined, key: string): EmbeddedConfig | undefined {
  const pair = pairOf(cm, key);
  const node = asScalar(pair?.value);
  if (!pair || !node) return undefined;
  const child = embeddedYaml(src, node);
  if (!child) return undefined;
  const top = child.docs[0]?.contents;
  return { pair, node, src: child, root: isMap(top) ? top : undefined };
}

function fromCm(src: Source, cm: YAMLMap | undefined): Pick<ArgoCdSettings, 'cm' | 'url' | 'urlPair' | 'dexConfig' | 'oidcConfig'> {
  const urlPair = pairOf(cm, 'url');
  return { cm, urlPair, url: val(src, urlPair?.value), dexConfig: embedded(src, cm, 'dex.config'), oidcConfig: embedded(src, cm, 'oidc.config') };
}

export function argoCdSettings(model: FileModel): ArgoCdSettings[] {
  return model.memo('argoCdSettings', () => {
    const out: ArgoCdSettings[] = [];
    for (const m of model.manifests) {
      if (m.kind !== 'ConfigMap' || !m.name?.known || m.name.text !== 'argocd-cm') continue;
      out.push({ via: 'configmap', src: m.src, manifest: m, namespace: m.namespace?.known ? m.namespace.text : undefined, ...fromCm(m.src, asMap(get(m.map, 'data'))) });
    }
    for (const c of model.charts) {
      if (c.chart !== 'argo-cd' || !c.values) continue;
      const cm = asMap(getIn(c.values, ['configs', 'cm'])) ?? asMap(getIn(c.values, ['server', 'config']));
      const dexEnabledPair = pairOf(get(c.values, 'dex'), 'enabled');
      const createSecret = getIn(c.values, ['configs', 'secret', 'createSecret']);
      out.push({
        via: 'chart',
        src: c.src,
        chart: c,
        namespace: c.namespace,
        ...fromCm(c.src, cm),
        dexEnabled: dexEnabledPair ? !isFalse(dexEnabledPair.value) : undefined,
        dexEnabledPair,
        globalDomain: val(c.src, getIn(c.values, ['global', 'domain'])),
        chartCreatesArgoSecret: !isFalse(createSecret),
      });
    }
    return out;
  });
}

export interface SecretRef {
  /** Secret name for `$name:key`; undefined for a bare `$key` (argocd-secret). */
  secret?: string;
  key: string;
  val: Val;
  in: 'dex.config' | 'oidc.config';
}

// ReplaceStringSecret: the whole string must be the reference; `$` inside a longer string is not one.
const REF = /^\$([^:\s]+):(\S+)$/;
const BARE = /^\$([^:\s${}]+)$/;

/** Every `$secret:key` / `$key` string in dex.config and oidc.config (templated strings excluded). */
export function secretRefs(s: ArgoCdSettings): SecretRef[] {
  const out: SecretRef[] = [];
  for (const [which, e] of [['dex.config', s.dexConfig], ['oidc.config', s.oidcConfig]] as const) {
    if (!e) continue;
    for (const d of e.src.docs) walkScalars(d.contents, (node) => {
      const v = val(e.src, node);
      if (!v || !v.known) return;
      const m = REF.exec(v.text);
      if (m) out.push({ secret: m[1], key: m[2], val: v, in: which });
      else {
        const b = BARE.exec(v.text);
        if (b) out.push({ key: b[1], val: v, in: which });
      }
    });
  }
  return out;
}

export function walkScalars(node: unknown, visit: (s: Scalar) => void, depth = 0): void {
  if (depth > 64 || !node || typeof node !== 'object') return;
  const n = node as { items?: unknown[]; value?: unknown };
  if (isMap(node)) {
    for (const p of pairs(node)) walkScalars(p.value, visit, depth + 1);
    return;
  }
  if (Array.isArray(n.items)) {
    for (const it of n.items) walkScalars(it, visit, depth + 1);
    return;
  }
  const s = asScalar(node);
  if (s) visit(s);
}

export { keyString };
