// Environment variables from a Secret (`env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`) are
// read when the container starts; the kubelet never updates them. A SealedSecret-produced Secret
// changes whenever someone re-seals it, so without something that restarts the pods (Stakater
// Reloader's annotations, or a checksum of the sealed file in the pod template) the pods keep the
// old credentials until they happen to be restarted. Jobs and CronJobs start fresh pods each run and
// are left out; so are Argo CD's server and Dex, which re-read their settings themselves. Every fix is
// a choice (which reload mechanism the cluster runs), so none is preferred and fix-all applies none.
import { basename, dirname, relative } from 'node:path';
import type { YAMLMap } from 'yaml';
import type { Rule, RuleContext } from '../../engine/rule';
import type { ChartValues } from '../../engine/model';
import { structuralTemplateIn, type Source } from '../../engine/source';
import type { Fix, TextEdit } from '../../engine/types';
import { val, type Val } from '../../engine/value';
import { insertIntoMap } from '../../engine/edits';
import { pairRegion, type SecretFact } from '../../engine/views/secrets';
import { envAny, workloads, type WorkloadView } from '../../engine/views/workloads';
import { asMap, get, getIn, items, keyString, pairOf, pairs } from '../../engine/yamlnav';

const RELOAD = 'secret.reloader.stakater.com/reload';
const AUTO_KEYS = ['reloader.stakater.com/auto', 'secret.reloader.stakater.com/auto', 'reloader.stakater.com/search'];
const RESTARTS_ITSELF = /(^|\/)(argocd-server|argocd-dex-server)$|argoproj\/argocd|dexidp\/dex/;

interface Ref {
  name: string;
  at: { start: number; end: number };
}

/** Where annotations that restart the pods can live, and how to add one. */
interface Consumer {
  label: string;
  file: string;
  src: Source;
  namespace?: string;
  refs: Ref[];
  /** Maps whose entries count (workload and pod annotations, chart podAnnotations…). */
  annotationMaps: Array<YAMLMap | undefined>;
  /** A template may add entries we cannot see. */
  unknown: boolean;
  /** The map to add an annotation to (undefined: create `annotations:`/`podAnnotations:` under `parent`). */
  target?: YAMLMap;
  parent?: YAMLMap;
  targetKey: string;
  /** For a checksum option: the Helm chart directory holding this template. */
  chartTemplatesDir?: string;
  podAnnotations?: YAMLMap;
  podMeta?: YAMLMap;
}

function appDir(file: string): string {
  const d = dirname(file);
  return basename(d) === 'templates' ? dirname(d) : d;
}

function covers(c: Consumer, name: string, sealedFile: string): boolean {
  const stem = basename(sealedFile).replace(/\.ya?ml$/, '');
  for (const map of c.annotationMaps) {
    for (const p of pairs(map)) {
      const k = keyString(p);
      const v = val(c.src, p.value);
      if (!k || !v) continue;
      if (AUTO_KEYS.includes(k) && (!v.known || v.text === 'true')) return true;
      if (k === RELOAD && (!v.known || v.text.split(',').map((s) => s.trim()).includes(name))) return true;
      // A checksum only restarts the pods when it is computed over the sealed file itself.
      if (k.startsWith('checksum/') && !v.known && (v.pattern.includes(stem) || v.pattern.includes(name))) return true;
    }
  }
  return false;
}

/** Adds `line` to `target`, or a new `<key>:` block holding it before the first entry of `parent`. */
function addAnnotation(src: Source, c: { target?: YAMLMap; parent?: YAMLMap; targetKey: string }, line: string): TextEdit | undefined {
  // Block maps only: flow-style annotations (`annotations: {}`) get no edit, as this rule's tests state.
  if (c.target) return c.target.flow ? undefined : insertIntoMap(src, c.target, [line]);
  if (!c.parent || c.parent.flow || pairOf(c.parent, c.targetKey)) return undefined;
  return insertIntoMap(src, c.parent, [`${c.targetKey}:`, `  ${line}`]);
}

function fixesFor(c: Consumer, name: string, sealed: SecretFact): Fix[] {
  const fixes: Fix[] = [];
  const reload = addAnnotation(c.src, c, `${RELOAD}: "${name}"`);
  if (reload) fixes.push({ title: `Restart on change with Stakater Reloader: ${RELOAD}: "${name}"`, edits: [reload] });
  const auto = addAnnotation(c.src, c, `secret.reloader.stakater.com/auto: "true"`);
  if (auto) fixes.push({ title: 'Restart on change of any Secret it uses with Stakater Reloader: secret.reloader.stakater.com/auto: "true"', edits: [auto] });
  if (c.chartTemplatesDir && dirname(sealed.file) === c.chartTemplatesDir && c.podMeta) {
    const rel = relative(c.chartTemplatesDir, sealed.file).split('\\').join('/');
    const checksum = addAnnotation(c.src, { target: c.podAnnotations, parent: c.podMeta, targetKey: 'annotations' }, `checksum/${name}: {{ include (print $.Template.BasePath "/${rel}") . | sha256sum }}`);
    if (checksum) fixes.push({ title: `Roll the pods when ${rel} changes: checksum/${name} in the pod template`, edits: [checksum] });
  }
  return fixes;
}

function knownText(v: Val | undefined): string | undefined {
  return v && v.known ? v.text : undefined;
}

function regionTemplated(src: Source, map: YAMLMap | undefined, key: string, limit?: number): boolean {
  const r = pairRegion(map, key, limit);
  return !!r && structuralTemplateIn(src, r[0], r[1]);
}

function fromWorkload(ctx: RuleContext, w: WorkloadView): Consumer | undefined {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind)) return undefined;
  const name = knownText(w.name) ?? '';
  if (RESTARTS_ITSELF.test(name) || w.containers.some((c) => RESTARTS_ITSELF.test(knownText(c.image)?.replace(/[:@].*$/, '') ?? ''))) return undefined;
  const refs: Ref[] = [];
  for (const c of w.containers) {
    for (const e of c.env) {
      const n = e.secretKeyRef?.name;
      if (n?.known) refs.push({ name: n.text, at: n });
    }
    for (const f of c.envFrom) if (f.kind === 'secret' && f.name?.known) refs.push({ name: f.name.text, at: f.name });
  }
  if (refs.length === 0) return undefined;
  const src = w.manifest.src;
  const meta = asMap(get(w.manifest.map, 'metadata'));
  const docEnd = w.manifest.doc.range?.[1];
  const unknown =
    regionTemplated(src, w.manifest.map, 'metadata', docEnd) ||
    regionTemplated(src, w.podTemplate, 'metadata', pairRegion(w.podTemplate, 'spec')?.[0]) ||
    regionTemplated(src, meta, 'annotations');
  const chart = ctx.file.context.chart;
  return {
    label: `${w.kind}${name ? ` \`${name}\`` : ''}`,
    file: ctx.file.path,
    src,
    namespace: knownText(w.namespace),
    refs,
    annotationMaps: [w.annotations, w.podAnnotations],
    unknown,
    target: w.annotations,
    parent: meta,
    targetKey: 'annotations',
    chartTemplatesDir: chart && basename(dirname(ctx.file.path)) === 'templates' ? dirname(ctx.file.path) : undefined,
    podAnnotations: w.podAnnotations,
    podMeta: w.podMeta,
  };
}

/** Charts whose pods read a Secret through values: oauth2-proxy's existingSecret, env lists, grafana's envFromSecret(s). */
function fromChart(c: ChartValues): Consumer | undefined {
  const values = c.values;
  if (!values) return undefined;
  const refs: Ref[] = [];
  const add = (node: unknown) => {
    const v = val(c.src, node);
    if (v?.known) refs.push({ name: v.text, at: v });
  };
  let podValues: YAMLMap | undefined = values;
  if (c.chart === 'oauth2-proxy') add(getIn(values, ['config', 'existingSecret']));
  if (c.chart === 'kube-prometheus-stack') podValues = asMap(get(values, 'grafana'));
  if (c.chart === 'grafana' || c.chart === 'kube-prometheus-stack') {
    add(get(podValues, 'envFromSecret'));
    for (const it of items(get(podValues, 'envFromSecrets'))) add(get(it, 'name'));
  }
  if (!podValues) return undefined;
  for (const key of ['extraEnvVars', 'extraEnv', 'env']) {
    for (const e of envAny(c.src, get(podValues, key))) if (e.secretKeyRef?.name) add(e.secretKeyRef.name.node);
  }
  if (refs.length === 0) return undefined;
  const annotationMaps = ['podAnnotations', 'annotations', 'deploymentAnnotations'].map((k) => asMap(get(podValues, k)));
  const unknown = ['podAnnotations', 'annotations', 'deploymentAnnotations'].some((k) => regionTemplated(c.src, podValues, k));
  return {
    label: `The ${c.chart} chart release`,
    file: c.src.file.path,
    src: c.src,
    namespace: c.namespace,
    refs,
    annotationMaps,
    unknown,
    target: asMap(get(podValues, 'podAnnotations')),
    parent: podValues,
    targetKey: 'podAnnotations',
  };
}

function sameNamespace(c: Consumer, s: SecretFact): boolean {
  if (c.namespace !== undefined && s.namespace !== undefined) return c.namespace === s.namespace;
  return appDir(c.file) === appDir(s.file);
}

export const rule: Rule = {
  meta: {
    id: 'workloads/secret-reload',
    defaultSeverity: 'info',
    summary: 'Pods that read a SealedSecret-produced Secret through env/envFrom keep the old values after re-sealing unless something restarts them.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    const consumers: Consumer[] = [];
    for (const w of workloads(ctx.file)) {
      const c = fromWorkload(ctx, w);
      if (c) consumers.push(c);
    }
    for (const ch of ctx.file.charts) {
      const c = fromChart(ch);
      if (c) consumers.push(c);
    }
    if (consumers.length === 0) return;
    const byName = ctx.index.by('secrets', 'name', (s) => s.name);
    for (const c of consumers) {
      if (c.unknown) continue;
      const seen = new Set<string>();
      for (const r of c.refs) {
        if (seen.has(r.name)) continue;
        const s = byName.get(r.name)?.find((x) => x.source === 'SealedSecret' && sameNamespace(c, x));
        if (!s) continue;
        seen.add(r.name);
        if (covers(c, r.name, s.file)) continue;
        ctx.report({
          start: r.at.start,
          end: r.at.end,
          message: `${c.label} reads Secret \`${r.name}\` (from a SealedSecret) into environment variables, which are set only when a container starts: after re-sealing, the pods keep the old values until restarted — add a Reloader annotation, a checksum of the sealed file, or mount the Secret as a file.`,
          related: [{ file: s.file, span: s.span, message: `SealedSecret producing \`${r.name}\`` }],
          fixes: fixesFor(c, r.name, s),
        });
      }
    }
  },
};
