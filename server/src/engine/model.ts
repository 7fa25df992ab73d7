// The file model: a file parsed once, with the containers in it located. Component views
// (server/src/engine/views/*) are computed from it lazily and memoised, so a file is parsed and
// walked once however many rules read it.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { fileSource, embeddedYaml, type YamlDoc, type YamlSource, type Source } from './source';
import { asMap, get, getIn, items, str, pairOf } from './yamlnav';
import { val, type Val } from './value';

/** What the workspace knows about the file's surroundings (from Chart.yaml files next to it). */
export interface FileContext {
  /** The chart whose directory holds this file, when there is a Chart.yaml there or above `templates/`. */
  chart?: ChartInfo;
}

export interface ChartInfo {
  name: string;
  version?: string;
  dir: string;
  dependencies: Array<{ name: string; alias?: string; version?: string }>;
}

/** One Kubernetes object in the file. */
export interface Manifest {
  src: Source;
  doc: YamlDoc;
  map: YAMLMap;
  apiVersion: string;
  kind: string;
  name?: Val;
  namespace?: Val;
}

export type ValuesVia = 'application' | 'helmrelease' | 'ansible' | 'values-file';

/** The values given to one Helm chart release, wherever they are written. */
export interface ChartValues {
  /** Chart name as in its repository (last segment of `chart`/`chart_ref`); for a git `path` source, the path as written. */
  chart: string;
  /** Literal chart version when known (Application targetRevision, chart_version, Chart.yaml dependency). */
  version?: string;
  via: ValuesVia;
  /** The values' root map (undefined when the release sets no values). */
  values?: YAMLMap;
  src: Source;
  /** Where to point at the release as a whole (the `chart:` value, or the values key). */
  anchor: { start: number; end: number };
  namespace?: string;
  /** The manifest (Application/HelmRelease) or task map the values belong to. */
  owner?: YAMLMap;
}

export interface FileModel {
  path: string;
  root: YamlSource;
  context: FileContext;
  manifests: Manifest[];
  charts: ChartValues[];
  memo<T>(key: string, compute: () => T): T;
}

export function buildModel(path: string, text: string, context: FileContext = {}): FileModel {
  const root = fileSource(path, text);
  const manifests: Manifest[] = [];
  const charts: ChartValues[] = [];
  for (const doc of root.docs) {
    const top = doc.contents;
    if (isMap(top)) {
      const kind = str(get(top, 'kind'));
      const apiVersion = str(get(top, 'apiVersion'));
      if (kind && apiVersion) {
        const m: Manifest = {
          src: root,
          doc,
          map: top,
          apiVersion,
          kind,
          name: val(root, getIn(top, ['metadata', 'name'])),
          namespace: val(root, getIn(top, ['metadata', 'namespace'])),
        };
        manifests.push(m);
        if (kind === 'Application' && apiVersion.startsWith('argoproj.io/')) charts.push(...applicationValues(root, top));
        else if (kind === 'HelmRelease') charts.push(...helmReleaseValues(root, top));
      } else {
        charts.push(...valuesFileValues(root, path, top, context));
      }
    } else if (isSeq(top)) {
      charts.push(...ansibleValues(root, top, 0));
    }
  }
  const cache = new Map<string, unknown>();
  return {
    path,
    root,
    context,
    manifests,
    charts,
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}

export function chartName(ref: string): string {
  const noVersion = ref.replace(/[@:][^/]*$/, (m) => (m.startsWith(':') && !/^:\d/.test(m) ? m : ''));
  const segs = noVersion.replace(/\/+$/, '').split('/');
  return segs[segs.length - 1] ?? ref;
}

function literal(src: Source, node: unknown): string | undefined {
  const v = val(src, node);
  return v && v.known ? v.text : undefined;
}

function anchorOf(src: Source, node: unknown, fallback: unknown): { start: number; end: number } {
  const n = (node ?? fallback) as { range?: [number, number, number] } | undefined;
  const r = n?.range ?? [0, 0, 0];
  return { start: src.toOuter(r[0]), end: src.toOuter(r[1]) };
}

/** helm.valuesObject (a map) or helm.values (YAML in a string), the latter parsed as a child. */
function helmValues(src: Source, helm: unknown): { values?: YAMLMap; src: Source }[] {
  const out: { values?: YAMLMap; src: Source }[] = [];
  const obj = asMap(get(helm, 'valuesObject'));
  if (obj) out.push({ values: obj, src });
  const text = get(helm, 'values');
  const child = embeddedYaml(src, text);
  if (child) for (const d of child.docs) if (isMap(d.contents)) out.push({ values: d.contents, src: child });
  if (out.length === 0) out.push({ src });
  return out;
}

function applicationValues(src: YamlSource, app: YAMLMap): ChartValues[] {
  const out: ChartValues[] = [];
  const spec = get(app, 'spec');
  const namespace = literal(src, getIn(spec, ['destination', 'namespace']));
  const sources = [get(spec, 'source'), ...items(get(spec, 'sources'))].filter((s) => isMap(s)) as YAMLMap[];
  for (const s of sources) {
    const fromRepo = get(s, 'chart') !== undefined;
    const chartNode = fromRepo ? get(s, 'chart') : get(s, 'path');
    const chartRef = literal(src, chartNode);
    if (!chartRef) continue;
    const version = fromRepo ? literal(src, get(s, 'targetRevision')) : undefined;
    // A chart from a git path keeps its path as its name, so that it never passes for the public chart of the same name.
    const chart = fromRepo ? chartName(chartRef) : chartRef;
    for (const hv of helmValues(src, get(s, 'helm'))) {
      out.push({ chart, version, via: 'application', values: hv.values, src: hv.src, anchor: anchorOf(src, chartNode, s), namespace, owner: app });
    }
  }
  return out;
}

function helmReleaseValues(src: YamlSource, hr: YAMLMap): ChartValues[] {
  const spec = get(hr, 'spec');
  const chartNode = getIn(spec, ['chart', 'spec', 'chart']) ?? getIn(spec, ['chart', 'spec', 'chart']);
  const chartRef = literal(src, chartNode);
  if (!chartRef) return [];
  const version = literal(src, getIn(spec, ['chart', 'spec', 'version']));
  const namespace = literal(src, get(spec, 'targetNamespace')) ?? literal(src, getIn(hr, ['metadata', 'namespace']));
  return [{ chart: chartName(chartRef), version, via: 'helmrelease', values: asMap(get(spec, 'values')), src, anchor: anchorOf(src, chartNode, hr), namespace, owner: hr }];
}

const HELM_MODULES = ['kubernetes.core.helm', 'community.kubernetes.helm', 'helm'];
const TASK_LISTS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];

function ansibleValues(src: YamlSource, seq: unknown, depth: number): ChartValues[] {
  const out: ChartValues[] = [];
  if (depth > 6) return out;
  for (const task of items(seq)) {
    if (!isMap(task)) continue;
    for (const mod of HELM_MODULES) {
      const args = asMap(get(task, mod));
      if (!args) continue;
      const chartNode = get(args, 'chart_ref') ?? get(args, 'chart');
      const chartRef = literal(src, chartNode);
      if (!chartRef) continue;
      const namespace = literal(src, get(args, 'release_namespace')) ?? literal(src, get(args, 'namespace'));
      out.push({
        chart: chartName(chartRef),
        version: literal(src, get(args, 'chart_version')),
        via: 'ansible',
        values: asMap(get(args, 'values')),
        src,
        anchor: anchorOf(src, chartNode, task),
        namespace,
        owner: args,
      });
    }
    for (const k of TASK_LISTS) if (pairOf(task, k)) out.push(...ansibleValues(src, get(task, k), depth + 1));
  }
  return out;
}

const VALUES_FILE = /(^|[/\\])[^/\\]*values[^/\\]*\.ya?ml$/i;

/** A values file: of the chart beside it (and its dependencies' sections), else guessed from its content. */
function valuesFileValues(src: YamlSource, path: string, top: YAMLMap, context: FileContext): ChartValues[] {
  const out: ChartValues[] = [];
  const whole = { start: src.toOuter(top.range?.[0] ?? 0), end: src.toOuter(top.range?.[0] ?? 0) };
  const chart = context.chart;
  const isValuesFile = VALUES_FILE.test(path);
  if (chart && isValuesFile) {
    out.push({ chart: chart.name, version: chart.version, via: 'values-file', values: top, src, anchor: whole });
    for (const dep of chart.dependencies) {
      const key = dep.alias ?? dep.name;
      const section = asMap(get(top, key));
      if (section) out.push({ chart: dep.name, version: dep.version, via: 'values-file', values: section, src, anchor: anchorOf(src, pairOf(top, key)?.key, top) });
    }
    return out;
  }
  const guessed = guessChart(top, path);
  if (guessed) out.push({ chart: guessed, via: 'values-file', values: top, src, anchor: whole });
  return out;
}

/** Chart of a values map that has no Chart.yaml beside it: by the keys only that chart has. */
export function guessChart(values: YAMLMap, path = ''): string | undefined {
  const base = path.split(/[/\\]/).pop()?.toLowerCase() ?? '';
  const configs = asMap(get(values, 'configs'));
  if (configs && ['cm', 'params', 'rbac', 'secret'].some((k) => pairOf(configs, k))) return 'argo-cd';
  if (/argo-?cd/.test(base) && (pairOf(values, 'dex') || pairOf(values, 'server'))) return 'argo-cd';
  const config = asMap(get(values, 'config'));
  if (pairOf(values, 'authenticatedEmailsFile') || pairOf(values, 'alphaConfig')) return 'oauth2-proxy';
  if (config && ['cookieSecret', 'configFile', 'emailDomains', 'cookieName', 'existingConfig'].some((k) => pairOf(config, k))) return 'oauth2-proxy';
  const grafana = asMap(get(values, 'grafana'));
  if (grafana && pairOf(grafana, 'grafana.ini')) return 'kube-prometheus-stack';
  if (pairOf(values, 'grafana.ini')) return 'grafana';
  return undefined;
}

/** Helm treats a version range as unknown here; only an exact x.y.z is usable. */
export function semver(v: string | undefined): [number, number, number] | undefined {
  const m = v?.trim().match(/^v?(\d+)\.(\d+)\.(\d+)/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function versionAtLeast(v: string | undefined, min: [number, number, number]): boolean | undefined {
  const s = semver(v);
  if (!s) return undefined;
  for (let i = 0; i < 3; i++) if (s[i] !== min[i]) return s[i] > min[i];
  return true;
}
