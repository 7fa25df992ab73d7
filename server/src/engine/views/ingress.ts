// Ingress authentication as ingress-nginx sees it, wherever the Ingress is written: a raw
// `networking.k8s.io` Ingress (a template too), a chart's ingress block (`ingress:`,
// `alertmanager.ingress:`, …) in values files, Applications, HelmReleases and Ansible tasks, and a
// reusable ingress sub-chart whose values switch the auth annotations on and off
// (`{{- if .Values.oauth2_proxy }}` in its template; `oauth2_proxy: true` in the Application).
import { dirname, basename } from 'node:path';
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FactBase } from '../facts';
import type { ChartValues, FileModel, Manifest } from '../model';
import { templatedIn, type Source } from '../source';
import type { TemplateSpan } from '../mask';
import type { Span } from '../types';
import { val, type Val } from '../value';
import { asMap, get, getIn, isFalse, isTrue, items, keyString, pairOf, pairs, str } from '../yamlnav';

export const NGINX_PREFIXES = ['nginx.ingress.kubernetes.io/', 'ingress.kubernetes.io/'];
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export type AuthMode = 'forward-auth' | 'basic' | 'none' | 'unknown';

export interface IngressFact extends FactBase {
  name?: string;
  /** Host patterns (template actions written `{{expr}}`). */
  hosts: string[];
  authMode: AuthMode;
  /** Host pattern of the auth-signin URL. */
  signinHost?: string;
  /** auth-url as written (pattern). */
  authUrl?: string;
  /** Says MCP by its name, host, backend service or a `/mcp` path (config `mcp.hosts` is applied by the rules). */
  mcp: boolean;
}

/** A reusable ingress chart's template, as far as it can be read without rendering it. */
export interface IngressTemplateFact extends FactBase {
  /** The chart's folder (the parent of `templates/`). */
  chartDir: string;
  name?: string;
  hosts: string[];
  services: string[];
  paths: string[];
  /** Auth annotations switched on by a simple `if .Values.key` (optionally `| default true|false`). */
  toggles: Array<{ mode: 'forward-auth' | 'basic'; key: string; dflt?: boolean }>;
  /** Auth annotations rendered whatever the values say. */
  fixedMode?: 'forward-auth' | 'basic';
  /** Auth annotations under a condition we cannot read, or annotations rendered from something other than `.Values`. */
  opaque: boolean;
  /** `.Values` keys whose content becomes annotations (`range $k, $v := .Values.extra_annotations`). */
  extraKeys: string[];
}

/** Top-level scalar values of a chart's own values.yaml (what a plain `.Values.x` falls back to). */
export interface ChartDefaultsFact extends FactBase {
  chartDir: string;
  values: Record<string, string>;
  /** Every top-level key, scalars or not. */
  keys: string[];
}

declare module '../facts' {
  interface FactKinds {
    ingresses: IngressFact;
    ingressTemplates: IngressTemplateFact;
    chartDefaults: ChartDefaultsFact;
  }
}

export interface Annotation {
  pair: Pair;
  key: string;
  val?: Val;
  /** Inside a template condition the Ingress itself is not in: rendered only sometimes. */
  conditional: boolean;
  /** The innermost condition (`if .Values.oauth2_proxy | default false`). */
  condition?: string;
}

export interface HostRef {
  /** The text, or the pattern when templated. */
  pattern: string;
  known: boolean;
  val?: Val;
}

export interface Toggle {
  mode: 'forward-auth' | 'basic';
  key: string;
  state: 'on' | 'off' | 'unknown';
  /** The value in the release's values, when written there. */
  pair?: Pair;
}

export interface IngressView {
  via: 'manifest' | 'chart' | 'subchart';
  src: Source;
  manifest?: Manifest;
  chart?: ChartValues;
  /** The map that holds `annotations`: the manifest's metadata, or the chart's ingress block. */
  block?: YAMLMap;
  /** Path of the ingress block in the chart's values (`['alertmanager', 'ingress']`). */
  path?: string[];
  name?: HostRef;
  /** Where to point at the Ingress as a whole. */
  anchor: { start: number; end: number };
  annotationsPair?: Pair;
  annotations: Map<string, Annotation>;
  /** False when templates may add annotations we cannot see (`toYaml`, `range`, templated keys). */
  annotationsComplete: boolean;
  /** When incomplete only through values (`range .Values.extra_annotations`): those `.Values` keys. */
  annotationsFrom?: string[];
  ingressClass?: Val;
  hosts: HostRef[];
  backends: Array<{ service?: HostRef; path?: HostRef }>;
  authMode: AuthMode;
  /** Sub-chart releases: the values that switch the auth annotations. */
  toggles?: Toggle[];
  /** Says MCP by its name, chart, host, backend service or a `/mcp` path. */
  mcp: boolean;
}

// ---------------------------------------------------------------------------------------------
// Template conditions

const OPENERS = /^(?:if|with|range|define|block|for|macro|call|filter)\b/;
const CLOSERS = /^(?:end|endif|endfor|endwith|endblock|endmacro|endcall|endfilter)\b/;

/** Template block depth and innermost opener at an offset of a source. */
export function conditionAt(src: Source, offset: number): { depth: number; innermost?: string } {
  const stack: string[] = [];
  for (const sp of src.spans) {
    if (sp.start >= offset) break;
    if (!sp.control) continue;
    if (CLOSERS.test(sp.expr)) stack.pop();
    else if (OPENERS.test(sp.expr)) stack.push(sp.expr);
    else if (/^(?:else|elif)\b/.test(sp.expr) && stack.length > 0) stack[stack.length - 1] = sp.expr;
  }
  return { depth: stack.length, innermost: stack[stack.length - 1] };
}

/**
 * A template action in [start, end) that renders YAML we cannot see: one the masker blanked (it
 * stood alone on its line: `{{- toYaml . | nindent 4 }}`) or one in a key's place (`{{ $k }}: v`).
 * An action inside a value (`auth-url: {{ .Values.u }}`) only makes that value unknown.
 */
export function hiddenYamlIn(src: Source, start: number, end: number): boolean {
  return hiddenActions(src, start, end).length > 0;
}

function hiddenActions(src: Source, start: number, end: number): TemplateSpan[] {
  if (!templatedIn(src, start, end)) return [];
  const text = src.masked;
  return src.spans.filter((sp: TemplateSpan) => {
    if (sp.end <= start || sp.start >= end || sp.control) return false;
    if (text.slice(sp.start, sp.end).trim() === '') return true;
    return /^[ \t]*:(\s|$)/.test(text.slice(sp.end, sp.end + 8));
  });
}

const VALUES_REF = /\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;

/**
 * The `.Values` keys that hidden actions in [start, end) render from (`range … := .Values.extra`,
 * `with .Values.ingress.annotations` + `toYaml .`), or undefined when one of them reads anything else.
 */
function hiddenFrom(src: Source, start: number, end: number): string[] | undefined {
  const keys = new Set<string>();
  for (const sp of hiddenActions(src, start, end)) {
    const own = [...sp.expr.matchAll(VALUES_REF)].map((m) => m[1]);
    const opener = conditionAt(src, sp.start).innermost ?? '';
    const inherited = /^(?:range|with)\b/.test(opener) ? [...opener.matchAll(VALUES_REF)].map((m) => m[1]) : [];
    const refs = own.length > 0 ? own : inherited;
    if (refs.length === 0 || /\b(?:include|template|tpl)\b/.test(sp.expr)) return undefined;
    for (const r of refs) keys.add(r);
  }
  return [...keys];
}

/** Offsets from a key to the next line indented no deeper than it (the key's whole block, template lines included). */
function blockRegion(src: Source, pair: Pair): [number, number] {
  const k = (pair.key as Node | null)?.range;
  const text = src.masked;
  const start = k?.[0] ?? 0;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indent = start - lineStart;
  let p = text.indexOf('\n', start);
  while (p !== -1) {
    const next = p + 1;
    let q = next;
    while (q < text.length && text[q] === ' ') q++;
    const c = text[q];
    if (q < text.length && c !== '\n' && c !== '\r' && c !== '#' && q - next <= indent) return [start, next];
    p = text.indexOf('\n', next);
  }
  return [start, text.length];
}

// ---------------------------------------------------------------------------------------------
// Reading annotations, hosts and backends

function hostRef(v: Val | undefined): HostRef | undefined {
  if (!v) return undefined;
  return { pattern: v.known ? v.text : v.pattern, known: v.known, val: v };
}

export function annotationName(key: string): string | undefined {
  for (const p of NGINX_PREFIXES) if (key.startsWith(p)) return key.slice(p.length);
  return undefined;
}

interface ReadAnnotations {
  pair?: Pair;
  map: Map<string, Annotation>;
  complete: boolean;
  /** When incomplete only through `.Values` keys: those keys. */
  hiddenFrom?: string[];
}

function readAnnotations(src: Source, owner: YAMLMap): ReadAnnotations {
  const pair = pairOf(owner, 'annotations');
  const out = new Map<string, Annotation>();
  if (!pair) return { map: out, complete: !hiddenYamlIn(src, owner.range?.[0] ?? 0, owner.range?.[1] ?? 0) };
  const base = conditionAt(src, owner.range?.[0] ?? 0).depth;
  const annotations = asMap(pair.value);
  let keysTemplated = false;
  for (const p of pairs(annotations)) {
    const key = keyString(p);
    const kr = (p.key as Node | null)?.range;
    if (!key || (kr && templatedIn(src, kr[0], kr[1]))) {
      keysTemplated = true;
      continue;
    }
    const at = conditionAt(src, kr?.[0] ?? 0);
    const conditional = at.depth > base;
    out.set(key, { pair: p, key, val: val(src, p.value), conditional, condition: conditional ? at.innermost : undefined });
  }
  const [a, b] = blockRegion(src, pair);
  const v = pair.value;
  const emptyValue = v === null || v === undefined || (isScalar(v) && (v.value === null || v.value === '') && !templatedIn(src, v.range?.[0] ?? 0, v.range?.[1] ?? 0));
  const shapeKnown = annotations !== undefined || emptyValue;
  const complete = !keysTemplated && !hiddenYamlIn(src, a, b) && shapeKnown;
  return { pair, map: out, complete, hiddenFrom: complete || !shapeKnown ? undefined : hiddenFrom(src, a, b) };
}

export function annotation(view: IngressView, name: string): Annotation | undefined {
  for (const p of NGINX_PREFIXES) {
    const a = view.annotations.get(p + name);
    if (a) return a;
  }
  return undefined;
}

/** Text (or pattern) of an annotation's value. */
export function annotationText(a: Annotation | undefined): { text: string; known: boolean } | undefined {
  if (!a?.val) return undefined;
  return { text: a.val.known ? a.val.text : a.val.pattern, known: a.val.known };
}

const AUTH_FORWARD = ['auth-url'];
const AUTH_BASIC = ['auth-type'];

function modeOf(annotations: Map<string, Annotation>, complete: boolean): AuthMode {
  const find = (names: string[]) => [...annotations.values()].filter((a) => names.includes(annotationName(a.key) ?? ''));
  const forward = find(AUTH_FORWARD);
  const basic = find(AUTH_BASIC);
  if (forward.some((a) => !a.conditional)) return 'forward-auth';
  if (basic.some((a) => !a.conditional && a.val && (!a.val.known || /^(basic|digest)$/i.test(a.val.text)))) return 'basic';
  if (forward.length > 0 || basic.length > 0 || !complete) return 'unknown';
  return 'none';
}

// ---------------------------------------------------------------------------------------------
// MCP

const MCP_WORD = /(^|[^a-z0-9])mcp([^a-z0-9]|$)/i;

export function saysMcp(text: string | undefined): boolean {
  return !!text && MCP_WORD.test(text);
}

export function isMcpPath(path: string | undefined): boolean {
  return !!path && /^\/mcp(\/|$)/i.test(path);
}

/** A host listed in config `mcp.hosts` (`*.d` covers one or more labels under d). */
export function hostInList(host: string, list: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return list.some((entry) => {
    const e = entry.toLowerCase().trim().replace(/\.$/, '');
    if (e.startsWith('*.')) return h.endsWith(e.slice(1));
    return h === e;
  });
}

/** A host whose service labels say mcp; the registrable domain (last two labels, or a templated domain) says nothing. */
export function hostSaysMcp(pattern: string): boolean {
  const t = pattern.indexOf('{{');
  if (t >= 0) return saysMcp(pattern.slice(0, t).replace(/\.$/, '')) || (pattern.match(/\{\{[\s\S]*?\}\}/g) ?? []).some(saysMcp);
  return saysMcp(pattern.split('.').slice(0, -2).join('.'));
}

function mcpOf(v: Pick<IngressView, 'name' | 'hosts' | 'backends' | 'chart'>): boolean {
  if (saysMcp(v.name?.pattern)) return true;
  if (v.chart && saysMcp(v.chart.chart)) return true;
  if (v.hosts.some((h) => hostSaysMcp(h.pattern))) return true;
  return v.backends.some((b) => saysMcp(b.service?.pattern) || isMcpPath(b.path?.pattern));
}

/** Whether this ingress serves MCP, config `mcp.hosts` included. */
export function isMcpIngress(v: IngressView, mcpHosts: readonly string[]): boolean {
  if (v.mcp) return true;
  return mcpHosts.length > 0 && v.hosts.some((h) => h.known && hostInList(h.pattern, mcpHosts));
}

// ---------------------------------------------------------------------------------------------
// Views

function manifestViews(model: FileModel): IngressView[] {
  const out: IngressView[] = [];
  for (const m of model.manifests) {
    if (m.kind !== 'Ingress' || !/^(networking\.k8s\.io|extensions)\//.test(m.apiVersion)) continue;
    const meta = asMap(get(m.map, 'metadata'));
    const spec = asMap(get(m.map, 'spec'));
    const ann = meta ? readAnnotations(m.src, meta) : { map: new Map<string, Annotation>(), complete: true };
    const hosts: HostRef[] = [];
    const backends: IngressView['backends'] = [];
    const backendOf = (b: unknown, path?: Val) => {
      const service = val(m.src, getIn(b, ['service', 'name'])) ?? val(m.src, get(b, 'serviceName'));
      backends.push({ service: hostRef(service), path: hostRef(path) });
    };
    const dflt = get(spec, 'defaultBackend') ?? get(spec, 'backend');
    if (dflt) backendOf(dflt);
    for (const rule of items(get(spec, 'rules'))) {
      const h = hostRef(val(m.src, get(rule, 'host')));
      if (h) hosts.push(h);
      for (const p of items(getIn(rule, ['http', 'paths']))) backendOf(get(p, 'backend'), val(m.src, get(p, 'path')));
    }
    const classVal = val(m.src, get(spec, 'ingressClassName')) ?? ann.map.get(CLASS_ANNOTATION)?.val;
    const r = m.name ? { start: m.name.start, end: m.name.end } : { start: m.src.toOuter(m.map.range?.[0] ?? 0), end: m.src.toOuter(m.map.range?.[0] ?? 0) };
    const view: IngressView = {
      via: 'manifest',
      src: m.src,
      manifest: m,
      block: meta,
      name: hostRef(m.name),
      anchor: r,
      annotationsPair: ann.pair,
      annotations: ann.map,
      annotationsComplete: ann.complete,
      annotationsFrom: ann.hiddenFrom,
      ingressClass: classVal,
      hosts,
      backends,
      authMode: modeOf(ann.map, ann.complete),
      mcp: false,
    };
    view.mcp = mcpOf(view);
    out.push(view);
  }
  return out;
}

/** `ingress:` maps anywhere near the top of a chart's values (`ingress`, `server.ingress`, `alertmanager.ingress`). */
function ingressBlocks(values: YAMLMap, depth = 0, path: string[] = []): Array<{ pair: Pair; map: YAMLMap; path: string[] }> {
  const out: Array<{ pair: Pair; map: YAMLMap; path: string[] }> = [];
  if (depth > 3) return out;
  for (const p of pairs(values)) {
    const k = keyString(p);
    if (!k) continue;
    const m = asMap(p.value);
    if (!m) continue;
    if (k === 'ingress') out.push({ pair: p, map: m, path: [...path, k] });
    else out.push(...ingressBlocks(m, depth + 1, [...path, k]));
  }
  return out;
}

function chartHosts(src: Source, block: YAMLMap): { hosts: HostRef[]; paths: HostRef[] } {
  const hosts: HostRef[] = [];
  const paths: HostRef[] = [];
  for (const key of ['host', 'hostname']) {
    const h = hostRef(val(src, get(block, key)));
    if (h) hosts.push(h);
  }
  for (const it of items(get(block, 'hosts'))) {
    if (isScalar(it)) {
      const h = hostRef(val(src, it));
      if (h) hosts.push(h);
    } else if (isMap(it)) {
      const h = hostRef(val(src, get(it, 'host')) ?? val(src, get(it, 'name')));
      if (h) hosts.push(h);
      for (const p of items(get(it, 'paths'))) {
        const ref = hostRef(val(src, isScalar(p) ? p : get(p, 'path')));
        if (ref) paths.push(ref);
      }
    }
  }
  for (const key of ['path']) {
    const ref = hostRef(val(src, get(block, key)));
    if (ref) paths.push(ref);
  }
  for (const p of items(get(block, 'paths'))) {
    const ref = hostRef(val(src, isScalar(p) ? p : get(p, 'path')));
    if (ref) paths.push(ref);
  }
  return { hosts, paths };
}

function chartViews(model: FileModel): IngressView[] {
  const out: IngressView[] = [];
  for (const c of model.charts) {
    if (!c.values) continue;
    for (const b of ingressBlocks(c.values)) {
      if (isFalse(get(b.map, 'enabled'))) continue;
      const ann = readAnnotations(c.src, b.map);
      const { hosts, paths } = chartHosts(c.src, b.map);
      const classVal = val(c.src, get(b.map, 'ingressClassName')) ?? val(c.src, get(b.map, 'className')) ?? val(c.src, get(b.map, 'class')) ?? ann.map.get(CLASS_ANNOTATION)?.val;
      const k = (b.pair.key as Node | null)?.range ?? [0, 0];
      const view: IngressView = {
        via: 'chart',
        src: c.src,
        chart: c,
        block: b.map,
        path: b.path,
        anchor: { start: c.src.toOuter(k[0]), end: c.src.toOuter(k[1]) },
        annotationsPair: ann.pair,
        annotations: ann.map,
        annotationsComplete: ann.complete,
        annotationsFrom: ann.hiddenFrom,
        ingressClass: classVal,
        hosts,
        backends: paths.map((p) => ({ path: p })),
        authMode: modeOf(ann.map, ann.complete),
        mcp: false,
      };
      view.mcp = mcpOf(view);
      out.push(view);
    }
  }
  return out;
}

/** Every Ingress of the file that is not a sub-chart release (those need the workspace: see `subchartViews`). */
export function ingressViews(model: FileModel): IngressView[] {
  return model.memo('ingressViews', () => [...manifestViews(model), ...chartViews(model)]);
}

// ---------------------------------------------------------------------------------------------
// Reusable ingress sub-charts

const SIMPLE_IF = /^if\s+\(?\s*\.Values\.([A-Za-z0-9_.]+)\s*(?:\|\s*default\s+(true|false)\s*)?\)?$/;

/** The chart folder of a file under `<chart>/templates/`. */
export function templateChartDir(path: string): string | undefined {
  const dir = dirname(path);
  return basename(dir) === 'templates' ? dirname(dir) : undefined;
}

export function ingressTemplateFacts(model: FileModel): IngressTemplateFact[] {
  const chartDir = templateChartDir(model.path);
  if (!chartDir) return [];
  const out: IngressTemplateFact[] = [];
  for (const v of ingressViews(model)) {
    if (v.via !== 'manifest') continue;
    const toggles: IngressTemplateFact['toggles'] = [];
    let fixedMode: IngressTemplateFact['fixedMode'];
    let opaque = false;
    for (const a of v.annotations.values()) {
      const name = annotationName(a.key);
      const mode = name && AUTH_FORWARD.includes(name) ? 'forward-auth' : name && AUTH_BASIC.includes(name) ? 'basic' : undefined;
      if (!mode) continue;
      if (!a.conditional) {
        fixedMode = fixedMode ?? mode;
        continue;
      }
      const m = SIMPLE_IF.exec(a.condition ?? '');
      if (m) toggles.push({ mode, key: m[1], dflt: m[2] === undefined ? undefined : m[2] === 'true' });
      else opaque = true;
    }
    if (toggles.length === 0 && !fixedMode && !opaque) continue;
    const at = model.root.file.lines.span(v.anchor.start, v.anchor.end);
    out.push({
      file: model.path,
      span: at,
      chartDir,
      name: v.name?.pattern,
      hosts: v.hosts.map((h) => h.pattern),
      services: v.backends.map((b) => b.service?.pattern).filter((s): s is string => !!s),
      paths: v.backends.map((b) => b.path?.pattern).filter((s): s is string => !!s),
      toggles,
      fixedMode,
      opaque: opaque || (!v.annotationsComplete && !v.annotationsFrom),
      extraKeys: v.annotationsFrom ?? [],
    });
  }
  return out;
}

export function chartDefaultsFacts(model: FileModel): ChartDefaultsFact[] {
  if (!/^values\.ya?ml$/.test(basename(model.path))) return [];
  const top = model.root.docs[0]?.contents;
  if (!isMap(top)) return [];
  const values: Record<string, string> = {};
  const keys: string[] = [];
  for (const p of pairs(top)) {
    const k = keyString(p);
    if (!k) continue;
    keys.push(k);
    const v = val(model.root, p.value);
    if (v?.known) values[k] = v.text;
  }
  return [{ file: model.path, span: model.root.file.lines.span(0, 0), chartDir: dirname(model.path), values, keys }];
}

/** Go template truth of a YAML value as Helm reads it: a quoted "false" is a non-empty string, so true. */
export function goTruth(node: unknown): boolean | undefined {
  if (node === null || node === undefined) return false;
  if (isMap(node) || isSeq(node)) return node.items.length > 0;
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    // YAML 1.1 booleans that sigs.k8s.io/yaml may read differently from the yaml package: unknown.
    if (node.type === Scalar.PLAIN && /^(y|yes|n|no|on|off)$/i.test(v)) return undefined;
    return v !== '';
  }
  return undefined;
}

/** `./a/b/` → `a/b`: an Application source path, to compare with the end of a chart folder. */
function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
}

function valueAt(values: YAMLMap | undefined, key: string): Pair | undefined {
  const parts = key.split('.');
  let cur: unknown = values;
  for (let i = 0; i < parts.length - 1; i++) cur = get(cur, parts[i]);
  return pairOf(cur, parts[parts.length - 1]);
}

/** `{{.Values.k}}` replaced by the release's value (its text, or its own pattern when templated). */
function substitute(pattern: string, src: Source, values: YAMLMap | undefined, defaults: Record<string, string>): { pattern: string; known: boolean } {
  const out = pattern.replace(/\{\{\.Values\.([A-Za-z0-9_.]+)\}\}/g, (whole, key: string) => {
    const v = val(src, valueAt(values, key)?.value);
    if (v) return v.known ? v.text : v.pattern;
    return defaults[key] ?? whole;
  });
  return { pattern: out, known: !out.includes('{{') };
}

/** A release whose `chart` is an Application source's git `path:`. */
function fromGitPath(c: ChartValues): boolean {
  const spec = get(c.owner, 'spec');
  return [get(spec, 'source'), ...items(get(spec, 'sources'))].some((s) => str(get(s, 'path')) === c.chart && get(s, 'chart') === undefined);
}

/** Releases of reusable ingress charts (a git `path:` source whose templates the workspace holds). */
export function subchartViews(model: FileModel, templates: ReadonlyArray<IngressTemplateFact>, defaults: ReadonlyArray<ChartDefaultsFact>): IngressView[] {
  const out: IngressView[] = [];
  if (templates.length === 0) return out;
  for (const c of model.charts) {
    if (c.via !== 'application' || !fromGitPath(c)) continue;
    const path = normalisePath(c.chart);
    if (!path) continue;
    const matching = templates.filter((t) => normalisePath(t.chartDir).endsWith(`/${path}`) || normalisePath(t.chartDir) === path);
    const defaultsFact = defaults.find((d) => matching.some((t) => t.chartDir === d.chartDir));
    const chartDefaults = defaultsFact?.values ?? {};
    for (const t of matching) {
      const toggles: Toggle[] = t.toggles.map((tg) => {
        const pair = valueAt(c.values, tg.key);
        let truth: boolean | undefined;
        if (pair) truth = templatedIn(c.src, (pair.value as Node | null)?.range?.[0] ?? 0, (pair.value as Node | null)?.range?.[1] ?? 0) ? undefined : goTruth(pair.value);
        else if (chartDefaults[tg.key] !== undefined) truth = /^true$/i.test(chartDefaults[tg.key]) ? true : /^false$/i.test(chartDefaults[tg.key]) ? false : undefined;
        else truth = false;
        // sprig `default` replaces every empty value (false, 0, "", nil) with its argument.
        const state: Toggle['state'] = truth === undefined ? 'unknown' : truth || tg.dflt === true ? 'on' : 'off';
        return { mode: tg.mode, key: tg.key, state, pair };
      });
      let authMode: AuthMode = t.fixedMode ?? 'none';
      if (!t.fixedMode) {
        const on = toggles.find((x) => x.state === 'on');
        if (on) authMode = on.mode;
        else if (t.opaque || toggles.some((x) => x.state === 'unknown') || t.extraKeys.some((k) => extraSet(k))) authMode = 'unknown';
      }
      const sub = (p: string) => substitute(p, c.src, c.values, chartDefaults);
      // Extra annotations from the release's values (or the chart's defaults) may hold auth settings.
      function extraSet(key: string): boolean {
        const pair = valueAt(c.values, key);
        if (pair) return !(isMap(pair.value) && pair.value.items.length === 0) && !(isScalar(pair.value) && pair.value.value === null);
        return !!defaultsFact?.keys.includes(key.split('.')[0]);
      }
      const view: IngressView = {
        via: 'subchart',
        src: c.src,
        chart: c,
        block: c.values,
        anchor: c.anchor,
        annotations: new Map(),
        annotationsComplete: false,
        name: t.name ? sub(t.name) : undefined,
        hosts: t.hosts.map(sub),
        backends: [...t.services.map((s) => ({ service: sub(s) })), ...t.paths.map((p) => ({ path: sub(p) }))],
        authMode,
        toggles,
        mcp: false,
      };
      view.mcp = mcpOf({ ...view, chart: undefined });
      out.push(view);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// URLs and hosts (patterns: template actions written `{{expr}}`, nginx variables as `$name`)

export interface UrlParts {
  scheme?: string;
  /** Lower-case host without port; undefined when the URL has no authority. */
  host?: string;
  port?: string;
  path: string;
  query: string;
}

/** Splits a URL pattern; template actions are kept whole even when they contain `/` or `?`. */
export function parseUrl(pattern: string): UrlParts {
  const actions: string[] = [];
  const masked = pattern.replace(/\{\{[\s\S]*?\}\}/g, (m) => {
    actions.push(m);
    return `\u0000${actions.length - 1}\u0000`;
  });
  const back = (s: string) => s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => actions[Number(i)]);
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*|\$[A-Za-z_]+):)?\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(masked);
  if (!m) {
    const q = masked.indexOf('?');
    return { path: back(q < 0 ? masked : masked.slice(0, q)), query: q < 0 ? '' : back(masked.slice(q + 1)) };
  }
  let authority = m[2].replace(/^[^@]*@/, '');
  let port: string | undefined;
  const pm = /^(\[[^\]]*\]|[^:]*)(?::([^:]*))?$/.exec(authority);
  if (pm) {
    authority = pm[1];
    port = pm[2];
  }
  return { scheme: m[1] ? back(m[1]) : undefined, host: back(authority.toLowerCase()), port, path: back(m[3] ?? ''), query: back(m[4] ?? '') };
}

/** One query parameter's raw value. */
export function queryParam(query: string, name: string): string | undefined {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    if (k === name) return eq < 0 ? '' : part.slice(eq + 1);
  }
  return undefined;
}

export type HostClass = 'variable' | 'unknown' | 'internal' | 'single-label' | 'loopback' | 'lan' | 'ip' | 'public';

// Default pod and service ranges (k3s 10.42/16 + 10.43/16, kubeadm services 10.96/12, flannel pods 10.244/16).
const CLUSTER_NETS: Array<[number, number]> = [
  [ip4(10, 42, 0, 0), 16],
  [ip4(10, 43, 0, 0), 16],
  [ip4(10, 96, 0, 0), 12],
  [ip4(10, 244, 0, 0), 16],
];
const LAN_NETS: Array<[number, number]> = [
  [ip4(10, 0, 0, 0), 8],
  [ip4(172, 16, 0, 0), 12],
  [ip4(192, 168, 0, 0), 16],
  [ip4(100, 64, 0, 0), 10],
  [ip4(169, 254, 0, 0), 16],
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

function inNet(ip: number, [net, bits]: [number, number]): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((net & mask) >>> 0);
}

function isInternalName(h: string): boolean {
  return /\.svc$/.test(h) || /\.cluster\.local$/.test(h) || (/\.svc\./.test(h) && /\.local$/.test(h));
}

/** How a browser (or the controller) would reach a host. */
export function classifyHost(hostPattern: string): HostClass {
  const h = hostPattern.toLowerCase().replace(/\.$/, '');
  if (h.includes('$')) return 'variable';
  if (h.includes('{{')) {
    const tail = h.slice(h.lastIndexOf('}}') + 2);
    return isInternalName(tail) ? 'internal' : 'unknown';
  }
  if (h === '') return 'unknown';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const n = ip4(Number(v4[1]), Number(v4[2]), Number(v4[3]), Number(v4[4]));
    if (Number(v4[1]) === 127) return 'loopback';
    if (CLUSTER_NETS.some((net) => inNet(n, net))) return 'internal';
    if (LAN_NETS.some((net) => inNet(n, net))) return 'lan';
    return 'ip';
  }
  if (h.startsWith('[')) return h === '[::1]' ? 'loopback' : 'ip';
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback';
  if (isInternalName(h)) return 'internal';
  if (!h.includes('.')) return 'single-label';
  if (/\.(local|lan|internal|intranet|home\.arpa|localdomain|home|corp)$/.test(h)) return 'lan';
  return 'public';
}

export type ClassScope = 'nginx' | 'other' | 'unknown';

/** Whether ingress-nginx serves this Ingress: a class naming nginx, or none (then the nginx annotations say the author meant it). */
export function nginxScope(v: IngressView): ClassScope {
  const c = v.ingressClass;
  if (!c) return 'nginx';
  if (!c.known) return 'unknown';
  return /nginx/i.test(c.text) ? 'nginx' : 'other';
}

// ---------------------------------------------------------------------------------------------
// Forward-auth against an oauth2-proxy instance

/** What an ingress needs to know about the proxy it sends users to (the oauth2-proxy view's facts). */
export interface ProxyLike {
  file: string;
  span: Span;
  hosts: string[];
  whitelistDomains?: string[];
  setXAuthRequest?: boolean;
  passAccessToken?: boolean;
}

const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');

/** The proxy instance whose ingress serves the sign-in (or auth) host; undefined when none is known for sure. */
export function proxyFor<P extends ProxyLike>(v: IngressView, byHost: ReadonlyMap<string, ReadonlyArray<P>>): P | undefined {
  const found = new Set<P>();
  for (const name of ['auth-signin', 'auth-url']) {
    const t = annotationText(annotation(v, name));
    const h = t ? parseUrl(t.text).host : undefined;
    if (h && !h.includes('$')) for (const p of byHost.get(hostKey(h)) ?? []) found.add(p);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** How hosts are compared (case-insensitive, no trailing dot): the key to group proxies by host. */
export function hostKey(h: string): string {
  return lower(h);
}

/**
 * Where oauth2-proxy is asked to send the browser after login: the app's own hosts (ingress-nginx
 * appends `rd=$pass_access_scheme://$http_host$escaped_request_uri` unless the URL has its own
 * `rd`), a literal host, or nowhere that needs a whitelist (a relative `rd`).
 */
export function redirectTargets(v: IngressView, signin: string): HostRef[] | 'relative' | 'unknown' {
  const param = annotationText(annotation(v, 'auth-signin-redirect-param'));
  if (param && !param.known) return 'unknown';
  const rd = queryParam(parseUrl(signin).query, param?.text || 'rd');
  if (rd === undefined || rd === '') return v.hosts;
  let target = rd;
  try {
    target = decodeURIComponent(rd.replace(/\{\{[\s\S]*?\}\}/g, (m) => encodeURIComponent(m)));
  } catch {
    return 'unknown';
  }
  if (target.includes('{{')) return 'unknown';
  if (target.startsWith('/') || /^\$(escaped_)?request_uri\b/.test(target)) return 'relative';
  const host = parseUrl(target).host;
  if (!host) return 'unknown';
  // nginx variables end at the next character that cannot be part of a name (`$host$escaped_request_uri`).
  if (/^\$(host|http_host|best_http_host|server_name)(?![A-Za-z0-9_])/.test(host)) return v.hosts;
  if (host.includes('$')) return 'unknown';
  return [{ pattern: host, known: true }];
}

/**
 * oauth2-proxy's redirect check (pkg/app/redirect/validator.go): the host equals a whitelist entry
 * without its leading dot, or ends with a `.d` entry, or with `d` after a `*.` entry. Ports: an
 * entry without a port only allows the default ports. 'unknown' when templates decide.
 */
export function whitelistCovers(entries: readonly string[], host: string): boolean | 'unknown' {
  const h = lower(host);
  let unknown = false;
  for (const raw of entries) {
    const [entryHost, port] = splitEntry(lower(raw.trim()));
    if (!entryHost) continue;
    if (port !== undefined && port !== '*') continue; // our targets carry no port
    const suffix = entryHost.startsWith('*.') ? entryHost.slice(1) : entryHost.startsWith('.') ? entryHost : undefined;
    const exact = entryHost.replace(/^\*?\./, '');
    if (h === exact || (suffix && h.endsWith(suffix))) return true;
    if (h.includes('{{') || entryHost.includes('{{')) {
      // A literal entry can still rule a templated host out by the host's literal tail, and vice versa.
      const tail = h.slice(h.lastIndexOf('}}') + 2);
      const literalEntry = !entryHost.includes('{{');
      if (literalEntry && h.includes('{{') && tail.length >= exact.length && !tail.endsWith(suffix ?? `.${exact}`) && tail !== exact) continue;
      unknown = true;
    }
  }
  return unknown ? 'unknown' : false;
}

/** Two host patterns that cannot render the same text: their literal heads or tails already differ. */
export function hostsDiffer(a: string, b: string): boolean {
  const x = lower(a);
  const y = lower(b);
  if (!x.includes('{{') && !y.includes('{{')) return x !== y;
  if (x === y) return false;
  const head = (s: string) => (s.includes('{{') ? s.slice(0, s.indexOf('{{')) : s);
  const tail = (s: string) => (s.includes('}}') ? s.slice(s.lastIndexOf('}}') + 2) : s);
  const [hx, hy] = [head(x), head(y)];
  const [tx, ty] = [tail(x), tail(y)];
  return (!hx.startsWith(hy) && !hy.startsWith(hx)) || (!tx.endsWith(ty) && !ty.endsWith(tx));
}

function splitEntry(e: string): [string, string | undefined] {
  const m = /^(.*?)(?::(\*|\d+))?$/.exec(e);
  return m ? [m[1], m[2]] : [e, undefined];
}

// ---------------------------------------------------------------------------------------------
// Facts

function span(model: FileModel, start: number, end: number) {
  return model.root.file.lines.span(start, end);
}

export function ingressFacts(model: FileModel, views: IngressView[] = ingressViews(model)): IngressFact[] {
  return views.map((v) => {
    const signin = annotationText(annotation(v, 'auth-signin'));
    const url = annotationText(annotation(v, 'auth-url'));
    const fact: IngressFact = { file: model.path, span: span(model, v.anchor.start, v.anchor.end), hosts: v.hosts.map((h) => h.pattern), authMode: v.authMode, mcp: v.mcp };
    if (v.name) fact.name = v.name.pattern;
    const sh = signin ? parseUrl(signin.text).host : undefined;
    if (sh) fact.signinHost = sh;
    if (url) fact.authUrl = url.text;
    return fact;
  });
}

export { str };
