// MCP servers as workloads: Deployments and StatefulSets that run one, autoscalers aimed at them,
// and the replica settings of MCP charts' values. An MCP server with its own OAuth 2.1
// authorization server usually keeps PKCE verifiers and registered clients in memory, so how many
// pods serve it matters.
import { isMap, type Pair, type YAMLMap } from 'yaml';
import type { FactBase } from '../facts';
import type { ChartValues, FileModel, Manifest } from '../model';
import { val, type Val } from '../value';
import { asMap, get, getIn, isFalse, isTrue, items, keyString, pairOf, pairs } from '../yamlnav';
import { saysMcp } from './ingress';

export interface McpWorkloadFact extends FactBase {
  kind: string;
  name: string;
  namespace?: string;
}

declare module '../facts' {
  interface FactKinds {
    mcpWorkloads: McpWorkloadFact;
  }
}

export interface McpWorkload {
  manifest: Manifest;
  name?: Val;
  /** What says MCP (for messages). */
  because: string;
  replicas?: Val;
}

export interface Autoscaler {
  manifest: Manifest;
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  targetKind?: string;
  targetName?: Val;
  /** HPA `maxReplicas`, KEDA `maxReplicaCount` (undefined: not written; KEDA then scales to 100). */
  max?: Val;
  maxPair?: Pair;
}

export interface ChartReplicas {
  chart: ChartValues;
  /** `replicaCount: 3`, `mcp.replicas: 2`, or `autoscaling.enabled: true`. */
  pair: Pair;
  value: Val;
  kind: 'replicas' | 'autoscaling';
  /** Maximum replicas when known (autoscaling.maxReplicas). */
  max?: number;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);
const NAME_LABELS = ['app', 'app.kubernetes.io/name', 'app.kubernetes.io/component', 'component'];

function text(v: Val | undefined): string | undefined {
  return v ? (v.known ? v.text : v.pattern) : undefined;
}

/** `modelcontextprotocol` packages (`npx @modelcontextprotocol/server-github`) and the `mcp` word. */
function argSaysMcp(s: string | undefined): boolean {
  return !!s && (saysMcp(s) || /modelcontextprotocol/i.test(s));
}

function mcpReason(m: Manifest): string | undefined {
  if (saysMcp(text(m.name))) return `its name ${text(m.name)}`;
  const labels = asMap(getIn(m.map, ['metadata', 'labels']));
  for (const l of NAME_LABELS) {
    const v = text(val(m.src, get(labels, l)));
    if (saysMcp(v)) return `its label ${l}: ${v}`;
  }
  const pod = getIn(m.map, ['spec', 'template', 'spec']);
  for (const c of [...items(get(pod, 'containers'))]) {
    const name = text(val(m.src, get(c, 'name')));
    if (saysMcp(name)) return `its container ${name}`;
    const image = text(val(m.src, get(c, 'image')));
    if (argSaysMcp(image?.replace(/^[^/]*\.[^/]*\//, ''))) return `its image ${image}`;
    for (const key of ['command', 'args']) {
      for (const a of items(get(c, key))) {
        const t = text(val(m.src, a));
        if (t === 'mcp' || argSaysMcp(t)) return `its ${key} (${t})`;
      }
    }
  }
  return undefined;
}

export function mcpWorkloads(model: FileModel): McpWorkload[] {
  return model.memo('mcpWorkloads', () => {
    const out: McpWorkload[] = [];
    for (const m of model.manifests) {
      if (!WORKLOAD_KINDS.has(m.kind) || !m.apiVersion.startsWith('apps/')) continue;
      const because = mcpReason(m);
      if (!because) continue;
      out.push({ manifest: m, name: m.name, because, replicas: val(m.src, getIn(m.map, ['spec', 'replicas'])) });
    }
    return out;
  });
}

export function autoscalers(model: FileModel): Autoscaler[] {
  return model.memo('mcpAutoscalers', () => {
    const out: Autoscaler[] = [];
    for (const m of model.manifests) {
      const hpa = m.kind === 'HorizontalPodAutoscaler' && m.apiVersion.startsWith('autoscaling/');
      const keda = m.kind === 'ScaledObject' && m.apiVersion.startsWith('keda.sh/');
      if (!hpa && !keda) continue;
      const spec = get(m.map, 'spec');
      const ref = get(spec, 'scaleTargetRef');
      const maxPair = pairOf(spec, hpa ? 'maxReplicas' : 'maxReplicaCount');
      out.push({
        manifest: m,
        kind: hpa ? 'HorizontalPodAutoscaler' : 'ScaledObject',
        targetKind: text(val(m.src, get(ref, 'kind'))) ?? (keda ? 'Deployment' : undefined),
        targetName: val(m.src, get(ref, 'name')),
        max: val(m.src, maxPair?.value),
        maxPair,
      });
    }
    return out;
  });
}

export function mcpWorkloadFacts(model: FileModel): McpWorkloadFact[] {
  const out: McpWorkloadFact[] = [];
  for (const w of mcpWorkloads(model)) {
    if (!w.name?.known) continue;
    const f: McpWorkloadFact = { file: model.path, span: model.root.file.lines.span(w.name.start, w.name.end), kind: w.manifest.kind, name: w.name.text };
    if (w.manifest.namespace?.known) f.namespace = w.manifest.namespace.text;
    out.push(f);
  }
  return out;
}

/** A values key naming an MCP part of a chart (`mcp`, `mcpServer`, `thothMcp`, `mcp-server`). */
export function keySaysMcp(key: string): boolean {
  return saysMcp(key.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
}

function replicaSettings(c: ChartValues, section: YAMLMap): ChartReplicas[] {
  const out: ChartReplicas[] = [];
  for (const key of ['replicaCount', 'replicas']) {
    const pair = pairOf(section, key);
    const v = val(c.src, pair?.value);
    if (pair && v) out.push({ chart: c, pair, value: v, kind: 'replicas' });
  }
  const auto = asMap(get(section, 'autoscaling')) ?? asMap(get(section, 'hpa'));
  const enabled = pairOf(auto, 'enabled');
  const ev = val(c.src, enabled?.value);
  if (enabled && ev && !isFalse(enabled.value)) {
    const maxV = val(c.src, get(auto, 'maxReplicas'));
    const max = maxV?.known && /^\d+$/.test(maxV.text) ? Number(maxV.text) : undefined;
    if (isTrue(enabled.value) || !ev.known) out.push({ chart: c, pair: enabled, value: ev, kind: 'autoscaling', max });
  }
  return out;
}

/** Replica and autoscaling settings of MCP charts (by chart name or path) and of `mcp:` sections in any chart. */
export function chartReplicas(model: FileModel): ChartReplicas[] {
  return model.memo('mcpChartReplicas', () => {
    const out: ChartReplicas[] = [];
    for (const c of model.charts) {
      if (!c.values) continue;
      if (saysMcp(c.chart)) out.push(...replicaSettings(c, c.values));
      for (const p of pairs(c.values)) {
        const k = keyString(p);
        if (k && keySaysMcp(k) && isMap(p.value)) out.push(...replicaSettings(c, p.value));
      }
    }
    return out;
  });
}

/** A replica count that is a literal integer. */
export function literalCount(v: Val | undefined): number | undefined {
  if (!v?.known) return undefined;
  const t = v.text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}
