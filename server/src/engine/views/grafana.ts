// Grafana settings, wherever they are written: grafana.ini as a map (the grafana chart's top-level
// `"grafana.ini"`, kube-prometheus-stack's `grafana."grafana.ini"`), as INI text in a string (a
// ConfigMap's `data."grafana.ini"`), and `GF_<SECTION>_<KEY>` environment variables (chart `env`,
// container `env`). Grafana applies environment variables over the file (pkg/setting,
// applyEnvVariableOverrides), so a config's effective value is the env one when both are set.
import { isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { FileModel } from '../model';
import { childSource, structuralTemplateIn, type Source } from '../source';
import type { TextEdit } from '../types';
import { val } from '../value';
import { deletePairLines, deleteSeqItemLine } from '../edits';
import { lineStartAt, nextLineAt } from '../lines';
import { pairRegion } from './secrets';
import { envAny, workloads, type EnvVar } from './workloads';
import { asMap, get, keyString, pairs } from '../yamlnav';

export type SettingForm = 'map' | 'ini' | 'env';

export interface GrafanaSetting {
  section: string;
  key: string;
  /** Value text; `known` false when templated or an `$__env{…}`/`$__file{…}` expansion. */
  value: string;
  known: boolean;
  form: SettingForm;
  /** Outer offsets of the whole setting (key through value) and of its key. */
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  /** An edit that removes the setting's line(s); undefined where the source cannot be edited exactly. */
  remove?: TextEdit;
  /** The env var's name for `env` settings. */
  envName?: string;
}

export interface GrafanaConfig {
  /** Where this config lives, for messages. */
  label: string;
  settings: GrafanaSetting[];
  /** A template may add settings we cannot see. */
  incomplete: boolean;
}

/** GF_<SECTION>_<KEY> as Grafana builds it: upper case, `.` and `-` become `_`. */
export function envNameOf(section: string, key: string): string {
  const norm = (s: string) => s.toUpperCase().replace(/[.-]/g, '_');
  return `GF_${norm(section)}_${norm(key)}`;
}

/** The setting Grafana ends up using (env over file, later over earlier). */
export function effective(c: GrafanaConfig, section: string, key: string): GrafanaSetting | undefined {
  const env = envNameOf(section, key);
  let fromEnv: GrafanaSetting | undefined;
  let fromFile: GrafanaSetting | undefined;
  for (const s of c.settings) {
    if (s.form === 'env' ? s.envName === env : s.section === section && s.key === key) {
      if (s.form === 'env') fromEnv = s;
      else fromFile = s;
    }
  }
  return fromEnv ?? fromFile;
}

/** go-ini's bool parsing, which Grafana's MustBool uses. */
export function iniTrue(v: string): boolean {
  return /^(1|t|T|TRUE|true|True|YES|yes|Yes|y|ON|on|On)$/.test(v.trim());
}

const EXPANSION = /\$__(env|file|vault)\{/;

function mapSettings(src: Source, ini: YAMLMap): GrafanaSetting[] {
  const out: GrafanaSetting[] = [];
  const add = (section: string, p: Pair, parent: YAMLMap) => {
    const key = keyString(p);
    if (!key || !isScalar(p.value) && p.value !== null) return;
    const v = val(src, p.value);
    const k = (p.key as Node).range ?? [0, 0];
    const keyStart = src.toOuter(k[0]);
    // The only entry of a section: remove the section too, or the chart renders `users =` at top level.
    const removed = parent !== ini && parent.items.length === 1 ? (ini.items.find((s) => (s as Pair).value === parent) as Pair | undefined) : undefined;
    out.push({
      section,
      key,
      value: v?.text ?? '',
      known: !v || (v.known && !EXPANSION.test(v.text)),
      form: 'map',
      start: keyStart,
      end: v ? v.end : src.toOuter(k[1]),
      keyStart,
      keyEnd: src.toOuter(k[1]),
      remove: deletePairLines(src, removed ?? p),
    });
  };
  for (const p of pairs(ini)) {
    const name = keyString(p);
    if (name === undefined) continue;
    if (isMap(p.value)) for (const q of pairs(p.value)) add(name, q, p.value);
    else add('', p, ini);
  }
  return out;
}

/** INI text (go-ini): `[section]`, `key = value` or `key: value`, `#`/`;` comments. */
export function iniSettings(src: Source): GrafanaSetting[] {
  const out: GrafanaSetting[] = [];
  const text = src.masked;
  let section = '';
  let pos = 0;
  for (const raw of text.split('\n')) {
    const lineStart = pos;
    pos += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]/.exec(trimmed);
    if (sec) {
      section = sec[1].trim();
      continue;
    }
    const m = /^(\s*)([^=:\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const keyOff = lineStart + m[1].length;
    const valueText = m[3].replace(/^"""([\s\S]*)"""$|^"(.*)"$|^`(.*)`$/, (_, a, b, c) => a ?? b ?? c ?? '');
    const valueOff = lineStart + line.indexOf(m[3], m[1].length + m[2].length);
    const templated = src.spans.some((sp) => sp.start < lineStart + line.length && sp.end > keyOff);
    const outer = src.file.text;
    out.push({
      section,
      key: m[2],
      value: valueText,
      known: !templated && !EXPANSION.test(valueText),
      form: 'ini',
      start: src.toOuter(keyOff),
      end: src.toOuter(valueOff + m[3].length),
      keyStart: src.toOuter(keyOff),
      keyEnd: src.toOuter(keyOff + m[2].length),
      remove: src.exact ? { start: lineStartAt(outer, src.toOuter(lineStart)), end: nextLineAt(outer, src.toOuter(lineStart + line.length)), newText: '' } : undefined,
    });
  }
  return out;
}

function envSettings(vars: EnvVar[]): GrafanaSetting[] {
  const out: GrafanaSetting[] = [];
  for (const e of vars) {
    if (!e.name.startsWith('GF_')) continue;
    const src = e.src;
    const v = e.value;
    const item = e.node as Node | null;
    // List form: the whole `- name: … value: …` item; map form: the pair.
    let remove: TextEdit | undefined;
    if (isMap(item) && get(item, 'name') !== undefined) remove = deleteSeqItemLine(src, item);
    else if (e.nameVal.node) remove = deletePairLines(src, { key: e.nameVal.node, value: item } as unknown as Pair);
    out.push({
      section: '',
      key: e.name,
      value: v?.text ?? '',
      known: !!v && v.known && !EXPANSION.test(v.text),
      form: 'env',
      start: e.nameVal.start,
      end: v ? v.end : e.nameVal.end,
      keyStart: e.nameVal.start,
      keyEnd: e.nameVal.end,
      remove,
      envName: e.name,
    });
  }
  return out;
}

function chartConfig(src: Source, values: YAMLMap, label: string): GrafanaConfig | undefined {
  const iniPair = pairs(values).find((p) => keyString(p) === 'grafana.ini');
  const ini = asMap(iniPair?.value);
  const env = get(values, 'env');
  if (!ini && !env) return undefined;
  const settings = [...(ini ? mapSettings(src, ini) : []), ...envSettings(envAny(src, env))];
  const region = pairRegion(values, 'grafana.ini');
  const incomplete = !!region && structuralTemplateIn(src, region[0], region[1]);
  return { label, settings, incomplete };
}

export function grafanaConfigs(model: FileModel): GrafanaConfig[] {
  return model.memo('grafanaConfigs', () => {
    const out: GrafanaConfig[] = [];
    for (const c of model.charts) {
      if (!c.values) continue;
      let values: YAMLMap | undefined;
      if (c.chart === 'grafana') values = c.values;
      else if (c.chart === 'kube-prometheus-stack') values = asMap(get(c.values, 'grafana'));
      const cfg = values && chartConfig(c.src, values, `the ${c.chart} chart's grafana.ini`);
      if (cfg) out.push(cfg);
    }
    for (const m of model.manifests) {
      if (m.kind !== 'ConfigMap' && m.kind !== 'Secret') continue;
      for (const key of ['data', 'stringData']) {
        const node = pairs(get(m.map, key)).find((p) => keyString(p) === 'grafana.ini')?.value;
        if (!isScalar(node)) continue;
        const child = childSource(m.src, node as Scalar);
        if (!child) continue;
        const incomplete = child.spans.some((sp) => sp.control);
        out.push({ label: `grafana.ini in ${m.kind}${m.name?.known ? ` ${m.name.text}` : ''}`, settings: iniSettings(child), incomplete });
      }
    }
    for (const w of workloads(model)) {
      for (const c of w.containers) {
        const settings = envSettings(c.env);
        if (settings.length > 0) out.push({ label: `the environment of container ${c.name?.known ? c.name.text : ''}`.trim(), settings, incomplete: false });
      }
    }
    return out;
  });
}

const OAUTH_SECTIONS = ['auth.generic_oauth', 'auth.github', 'auth.gitlab', 'auth.google', 'auth.azuread', 'auth.okta', 'auth.grafana_com', 'auth.grafananet'];

/** OAuth providers switched on (`enabled` true), and whether one may be on without our knowing. */
export function oauthProviders(c: GrafanaConfig): { enabled: GrafanaSetting[]; unknown: boolean } {
  const enabled: GrafanaSetting[] = [];
  let unknown = false;
  for (const section of OAUTH_SECTIONS) {
    const s = effective(c, section, 'enabled');
    if (!s) continue;
    if (!s.known) unknown = true;
    else if (iniTrue(s.value)) enabled.push(s);
  }
  return { enabled, unknown };
}
