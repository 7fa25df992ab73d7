// Workloads and their containers, wherever a pod template is written: Deployments, StatefulSets,
// DaemonSets, ReplicaSets, Jobs, CronJobs and bare Pods in raw manifests or chart templates. Each
// container carries its image, args and environment (`env` values and `valueFrom.secretKeyRef`,
// `envFrom` secret/config-map refs) with positions, so rules about apps (Grafana's GF_* settings,
// OIDC URLs, Secrets read at start) read one shape.
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FileModel, Manifest } from '../model';
import type { Source } from '../source';
import { val, type Val } from '../value';
import { asMap, asSeq, get, getIn, items, keyString, pairs } from '../yamlnav';

export interface SecretKeyRef {
  name?: Val;
  key?: Val;
}

export interface EnvVar {
  /** The variable's name (known text only; templated names are left out). */
  name: string;
  nameVal: Val;
  value?: Val;
  secretKeyRef?: SecretKeyRef;
  /** The list item (`- name: …`) or, in map form, the pair's value. */
  node: unknown;
  src: Source;
}

export interface EnvFromRef {
  kind: 'secret' | 'configMap';
  name?: Val;
  node: unknown;
}

export interface ContainerView {
  map: YAMLMap;
  src: Source;
  init: boolean;
  name?: Val;
  image?: Val;
  /** `args` items (and `command` items after them are not included). */
  args: Val[];
  argsSeq?: YAMLSeq;
  env: EnvVar[];
  envFrom: EnvFromRef[];
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'Pod';
const POD_TEMPLATE: Record<WorkloadKind, readonly string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

export interface WorkloadView {
  manifest: Manifest;
  kind: WorkloadKind;
  name?: Val;
  namespace?: Val;
  /** The workload's own metadata.annotations (where Reloader looks first). */
  annotations?: YAMLMap;
  /** The pod template: `{metadata, spec}`. */
  podTemplate?: YAMLMap;
  podMeta?: YAMLMap;
  podAnnotations?: YAMLMap;
  podSpec?: YAMLMap;
  containers: ContainerView[];
  replicas?: Val;
}

/** Env vars of a list (`- name: X, value: …` / `valueFrom.secretKeyRef`) — a container's `env`, or a chart's `extraEnvVars`. */
export function envList(src: Source, seq: unknown): EnvVar[] {
  const out: EnvVar[] = [];
  for (const it of items(seq)) {
    if (!isMap(it)) continue;
    const nameVal = val(src, get(it, 'name'));
    if (!nameVal || !nameVal.known) continue;
    const ref = asMap(getIn(it, ['valueFrom', 'secretKeyRef']));
    out.push({
      name: nameVal.text,
      nameVal,
      value: val(src, get(it, 'value')),
      secretKeyRef: ref ? { name: val(src, get(ref, 'name')), key: val(src, get(ref, 'key')) } : undefined,
      node: it,
      src,
    });
  }
  return out;
}

/** Env vars of a map (`NAME: value`), as charts' `env:` take them. */
export function envMap(src: Source, map: unknown): EnvVar[] {
  const out: EnvVar[] = [];
  for (const p of pairs(map)) {
    const name = keyString(p);
    const nameVal = val(src, p.key);
    if (!name || !nameVal || !nameVal.known) continue;
    const ref = asMap(getIn(p.value, ['valueFrom', 'secretKeyRef']));
    out.push({ name, nameVal, value: val(src, p.value), secretKeyRef: ref ? { name: val(src, get(ref, 'name')), key: val(src, get(ref, 'key')) } : undefined, node: p.value, src });
  }
  return out;
}

/** Env vars in either form. */
export function envAny(src: Source, node: unknown): EnvVar[] {
  return isSeq(node) ? envList(src, node) : isMap(node) ? envMap(src, node) : [];
}

export function envFromList(src: Source, seq: unknown): EnvFromRef[] {
  const out: EnvFromRef[] = [];
  for (const it of items(seq)) {
    const secret = asMap(get(it, 'secretRef'));
    const cm = asMap(get(it, 'configMapRef'));
    if (secret) out.push({ kind: 'secret', name: val(src, get(secret, 'name')), node: it });
    else if (cm) out.push({ kind: 'configMap', name: val(src, get(cm, 'name')), node: it });
  }
  return out;
}

export function containerView(src: Source, map: YAMLMap, init: boolean): ContainerView {
  const argsSeq = asSeq(get(map, 'args'));
  const args: Val[] = [];
  for (const a of items(argsSeq)) {
    const v = val(src, a);
    if (v) args.push(v);
  }
  return {
    map,
    src,
    init,
    name: val(src, get(map, 'name')),
    image: val(src, get(map, 'image')),
    args,
    argsSeq,
    env: envList(src, get(map, 'env')),
    envFrom: envFromList(src, get(map, 'envFrom')),
  };
}

/** Containers (and init containers) of a pod spec. */
export function podContainers(src: Source, podSpec: unknown): ContainerView[] {
  const out: ContainerView[] = [];
  for (const [key, init] of [['containers', false], ['initContainers', true]] as const) {
    for (const c of items(get(podSpec, key))) if (isMap(c)) out.push(containerView(src, c, init));
  }
  return out;
}

export function workloads(model: FileModel): WorkloadView[] {
  return model.memo('workloads', () => {
    const out: WorkloadView[] = [];
    for (const m of model.manifests) {
      const kind = m.kind as WorkloadKind;
      const path = POD_TEMPLATE[kind];
      if (!path) continue;
      const podTemplate = path.length === 0 ? m.map : asMap(getIn(m.map, path));
      const podMeta = asMap(get(podTemplate, 'metadata'));
      const podSpec = asMap(get(podTemplate, 'spec'));
      out.push({
        manifest: m,
        kind,
        name: m.name,
        namespace: m.namespace,
        annotations: asMap(getIn(m.map, ['metadata', 'annotations'])),
        podTemplate,
        podMeta,
        podAnnotations: asMap(get(podMeta, 'annotations')),
        podSpec,
        containers: podSpec ? podContainers(m.src, podSpec) : [],
        replicas: val(m.src, getIn(m.map, ['spec', 'replicas'])),
      });
    }
    return out;
  });
}

/** Every container of the file's workloads. */
export function allContainers(model: FileModel): Array<{ workload: WorkloadView; container: ContainerView }> {
  const out: Array<{ workload: WorkloadView; container: ContainerView }> = [];
  for (const w of workloads(model)) for (const c of w.containers) out.push({ workload: w, container: c });
  return out;
}

