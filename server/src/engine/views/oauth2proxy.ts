// oauth2-proxy instances, wherever they live, with one option model for all of them:
// - releases of the oauth2-proxy chart (Application valuesObject / values, HelmRelease, Ansible
//   helm tasks, values files, an umbrella chart's `oauth2-proxy:` section), read the way the chart's
//   templates render them (deployment.yaml args/env, _helpers.tpl legacy-config mode, which changed
//   at chart 10.4.0: `config.configFile` default `email_domains = [ "*" ]` before, generated from
//   `config.emailDomains` (default ["*"]) from then on);
// - containers whose image is oauth2-proxy (args `--flag=value` / `--flag value`, env);
// - other charts' `oauth2Proxy:` blocks (`issuerUrl`, `existingSecret`, `extraArgs` of raw flags).
// Each setting keeps where it came from (flag / env / config file / chart / default) and its
// position, and `effective()` applies oauth2-proxy's precedence (pkg/apis/options/load.go: a flag
// beats OAUTH2_PROXY_* env, env beats the config file, the config file beats the default).
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FactBase } from '../facts';
import type { ChartValues, FileModel } from '../model';
import { versionAtLeast } from '../model';
import { childSource, templatedIn, templatedNode, type Source } from '../source';
import { val, type Val } from '../value';
import { asMap, asSeq, get, getIn, isFalse, isTrue, items, keyString, pairOf, pairs, str } from '../yamlnav';
import { envList, workloads, type ContainerView, type EnvVar, type WorkloadView } from './workloads';
import { entryValues, readConfigText, type ConfigText, type TomlEntry, type TomlScalar } from './oauth2proxy-config';
import configSchema from '../../../../schemas/oauth2-proxy-config.schema.json';

// ---------------------------------------------------------------------------------------------
// Facts (read by the ingress rules too: keep these field names stable)

/** One oauth2-proxy instance as other files see it (plain data for the workspace index). */
export interface ProxyFact extends FactBase {
  /** Stable id within the workspace (namespace/name when known, else file#n). */
  id: string;
  /** Human label for messages ("oauth2-proxy release `oauth2-proxy`"). */
  label: string;
  /** Effective cookie name (default `_oauth2_proxy`); undefined when templated or configured elsewhere. */
  cookieName?: string;
  /** `--cookie-domain` / `cookie_domains` patterns (template actions as `{{expr}}`); undefined when unknown. */
  cookieDomains?: string[];
  /** `--whitelist-domain` / `whitelist_domains` patterns; undefined when unknown. */
  whitelistDomains?: string[];
  /** Hosts the instance serves (chart `ingress.hosts`, the `--redirect-url` host), as patterns. */
  hosts: string[];
  /** Effective `--set-xauthrequest`; undefined when unknown. */
  setXAuthRequest?: boolean;
  /** Effective `--pass-access-token`; undefined when unknown. */
  passAccessToken?: boolean;
  issuerUrl?: string;
  provider?: string;
}

declare module '../facts' {
  interface FactKinds {
    oauth2Proxies: ProxyFact;
  }
}

// ---------------------------------------------------------------------------------------------
// Option names (the config file's `cfg:` keys and their flags, from schemas/oauth2-proxy-config)

interface KeyInfo {
  cfg: string;
  flag: string;
  list: boolean;
}

const KEYS = new Map<string, KeyInfo>();
const BY_FLAG = new Map<string, KeyInfo>();
for (const [cfg, def] of Object.entries((configSchema as { properties: Record<string, { 'x-flag': string; type: string | string[] }> }).properties)) {
  const types = Array.isArray(def.type) ? def.type : [def.type];
  const info: KeyInfo = { cfg, flag: def['x-flag'], list: types[0] === 'array' };
  KEYS.set(cfg.toLowerCase(), info);
  const known = BY_FLAG.get(info.flag);
  // google_groups beats the deprecated google_group for the same flag (and likewise the plural forms).
  if (!known || cfg.endsWith('s')) BY_FLAG.set(info.flag, info);
}

/** The config-file key info for a key as written (case-insensitive, as viper reads keys). */
export function configKey(key: string): KeyInfo | undefined {
  return KEYS.get(key.toLowerCase());
}

export function flagInfo(flag: string): KeyInfo | undefined {
  return BY_FLAG.get(flag);
}

export function envName(flag: string): string | undefined {
  const k = BY_FLAG.get(flag);
  return k && !k.cfg.includes('-') ? `OAUTH2_PROXY_${k.cfg.toUpperCase()}` : undefined;
}

const ENV_PREFIX = 'OAUTH2_PROXY_';

function flagOfEnv(name: string): string | undefined {
  if (!name.startsWith(ENV_PREFIX)) return undefined;
  return configKey(name.slice(ENV_PREFIX.length))?.flag;
}

// ---------------------------------------------------------------------------------------------
// The option model

export type OptionSource = 'flag' | 'env' | 'toml' | 'chart' | 'default';

/** Rank in oauth2-proxy's precedence: a higher rank wins. */
export const RANK = { flag: 3, env: 2, toml: 1, default: 0 } as const;
export type Rank = (typeof RANK)[keyof typeof RANK];

export interface OptionValue {
  /** Literal text (meaningful when known). */
  text: string;
  known: boolean;
  /** The user's text with template actions as `{{expr}}`. */
  pattern: string;
  /** Outer offsets of this value in the file. */
  start: number;
  end: number;
  /** True when start/end cover exactly this value's characters (edits may replace it). */
  exact: boolean;
}

export interface OptionSetting {
  /** The flag name (`email-domain`). */
  name: string;
  source: OptionSource;
  rank: Rank;
  /** How the user wrote it, for messages (`extraArgs.email-domain`, `OAUTH2_PROXY_COOKIE_NAME`, `configFile email_domains`). */
  where: string;
  values: OptionValue[];
  /** False when a template or an outside source may change the setting (then it is unknown). */
  complete: boolean;
  /** Not written by the user: the chart's or oauth2-proxy's default. */
  implicit?: boolean;
  /** Outer range to point at. */
  start: number;
  end: number;
  /** Args order (later flags win for single-valued options). */
  order: number;
  src: Source;
  /** What holds it, for edits. */
  pair?: Pair;
  item?: Node;
  seq?: YAMLSeq;
  map?: YAMLMap;
  entry?: TomlEntry;
  config?: ConfigText;
  env?: EnvVar;
  /** A chart value that renders this setting (config.emailDomains, config.cookieName …). */
  chartKey?: string;
}

export type InstanceKind = 'chart' | 'container' | 'embedded';
export type ConfigFileMode = 'inline' | 'chart-default' | 'generated' | 'none' | 'unknown';

export interface ProxyInstance {
  kind: InstanceKind;
  id: string;
  label: string;
  src: Source;
  /** Where to point at the instance as a whole (outer offsets). */
  anchor: { start: number; end: number };
  /** Chart releases: the release and its values (undefined when it sets none). */
  chart?: ChartValues;
  values?: YAMLMap;
  /** `undefined` when unknown; only chart releases of the oauth2-proxy chart have one. */
  version?: string;
  workload?: WorkloadView;
  container?: ContainerView;
  embedded?: YAMLMap;
  /** The config file oauth2-proxy reads, when written inline. */
  configFile?: ConfigText;
  configMode: ConfigFileMode;
  settings: OptionSetting[];
  /** Ranks where settings we cannot see may exist (templated args, envFrom, an existing ConfigMap). */
  hidden: Set<Rank>;
  /** Options whose value at some rank comes from outside (an existing Secret, alpha config). */
  hiddenOptions: Map<string, Rank>;
  hosts: Array<{ pattern: string; known: boolean; start: number; end: number }>;
}

const DEFAULTS: Record<string, string[]> = {
  'cookie-name': ['_oauth2_proxy'],
  'approval-prompt': ['force'],
  prompt: [''],
  'set-xauthrequest': ['false'],
  'pass-access-token': ['false'],
  provider: ['google'],
  'email-domain': [],
  'cookie-domain': [],
  'whitelist-domain': [],
  'authenticated-emails-file': [''],
  'htpasswd-file': [''],
};

/** Every setting of an option in this instance, highest precedence first, oauth2-proxy's default last. */
export function option(inst: ProxyInstance, name: string): OptionSetting[] {
  const found = inst.settings.filter((s) => s.name === name).sort((a, b) => b.rank - a.rank || b.order - a.order);
  const d = DEFAULTS[name];
  if (d) {
    const at = inst.anchor;
    found.push({ name, source: 'default', rank: RANK.default, where: "oauth2-proxy's default", values: d.map((t) => ({ text: t, known: true, pattern: t, start: at.start, end: at.end, exact: false })), complete: true, implicit: true, start: at.start, end: at.end, order: -1, src: inst.src });
  }
  return found;
}

export interface Effective {
  source: OptionSource;
  rank: Rank;
  /** The settings that decide (several for a repeated list flag). */
  settings: OptionSetting[];
  values: OptionValue[];
  /** oauth2-proxy's default applies. */
  isDefault: boolean;
}

/**
 * The effective setting by oauth2-proxy's precedence, or undefined when it cannot be known (a
 * hidden source at or above the deciding rank, or a template that decides it).
 */
export function effective(inst: ProxyInstance, name: string): Effective | undefined {
  const list = flagInfo(name)?.list ?? false;
  for (const rank of [RANK.flag, RANK.env, RANK.toml] as Rank[]) {
    const at = inst.settings.filter((s) => s.name === name && s.rank === rank).sort((a, b) => a.order - b.order);
    const hiddenHere = inst.hidden.has(rank) || inst.hiddenOptions.get(name) === rank;
    if (at.length === 0) {
      if (hiddenHere) return undefined;
      continue;
    }
    // A source we cannot see at the same rank may add to or override what we see.
    if (hiddenHere || at.some((s) => !s.complete)) return undefined;
    const deciding = list ? at : [at[at.length - 1]];
    return { source: deciding[deciding.length - 1].source, rank, settings: deciding, values: deciding.flatMap((s) => s.values), isDefault: false };
  }
  const d = DEFAULTS[name] ?? [];
  return {
    source: 'default',
    rank: RANK.default,
    settings: [],
    values: d.map((t) => ({ text: t, known: true, pattern: t, start: inst.anchor.start, end: inst.anchor.end, exact: false })),
    isDefault: true,
  };
}

/** Effective single value as literal text (undefined when unknown or templated). */
export function effectiveText(inst: ProxyInstance, name: string): string | undefined {
  const e = effective(inst, name);
  if (!e) return undefined;
  const v = e.values[e.values.length - 1];
  if (!v) return '';
  return v.known ? v.text : undefined;
}

/** pflag's boolean parsing (strconv.ParseBool). */
export function parseBool(text: string): boolean | undefined {
  if (/^(1|t|T|TRUE|true|True)$/.test(text)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(text)) return false;
  return undefined;
}

export function effectiveBool(inst: ProxyInstance, name: string): boolean | undefined {
  const t = effectiveText(inst, name);
  return t === undefined ? undefined : parseBool(t === '' ? 'false' : t);
}

// ---------------------------------------------------------------------------------------------
// Reading values

/** Outer range of a piece of a scalar's text, exact when the scalar is written simply. */
function pieceOf(v: Val, offset: number, length: number): { start: number; end: number; exact: boolean } {
  const t = v.node.type;
  const quoted = t === Scalar.QUOTE_DOUBLE || t === Scalar.QUOTE_SINGLE;
  const original = v.src.file.text.slice(v.start, v.end);
  const simple = v.src.exact && t !== Scalar.BLOCK_LITERAL && t !== Scalar.BLOCK_FOLDED && !original.includes('\n') && !(quoted && /\\|''/.test(original)) && v.known;
  if (!simple) return { start: v.start, end: v.end, exact: false };
  const s = v.start + (quoted ? 1 : 0) + offset;
  return { start: s, end: s + length, exact: true };
}

/** Splits a flag's value the way pflag's StringSlice does (CSV) — or keeps it whole. */
function valuesOf(v: Val, offset: number, text: string, list: boolean): OptionValue[] {
  const parts: Array<[number, string]> = [];
  if (list && text.includes(',') && v.known) {
    let at = 0;
    for (const p of text.split(',')) {
      parts.push([at, p]);
      at += p.length + 1;
    }
  } else parts.push([0, text]);
  return parts.map(([at, p]) => {
    const r = pieceOf(v, offset + at, p.length);
    const known = v.known;
    const patternText = known ? p : patternPiece(v, offset + at, p.length);
    return { text: p, known, pattern: patternText, ...r };
  });
}

/** The pattern of a piece of a templated scalar (the part after a `--flag=` prefix). */
function patternPiece(v: Val, offset: number, length: number): string {
  // Patterns differ from the masked text in length; the prefix we cut is literal, so cut it by text.
  const masked = v.text;
  const prefix = masked.slice(0, offset);
  return v.pattern.startsWith(prefix) ? v.pattern.slice(prefix.length) : v.pattern.slice(0, length > 0 ? undefined : 0);
}

function tomlValues(vs: TomlScalar[], src: Source): OptionValue[] {
  return vs.map((s) => {
    const inner = s.kind === 'string' ? 1 : 0;
    const exact = src.exact;
    const start = src.toOuter(s.start);
    const end = exact ? src.toOuter(s.end - 1) + 1 : src.toOuter(s.end);
    return { text: s.text, known: s.known, pattern: s.pattern, start, end, exact: exact && inner >= 0 };
  });
}

interface Builder {
  inst: ProxyInstance;
  order: number;
}

function push(b: Builder, s: Omit<OptionSetting, 'order'>): void {
  b.inst.settings.push({ ...s, order: b.order++ });
}

/** A `--flag=value` / `--flag value` / `--flag` list (container args, embedded extraArgs, chart extraArgs list). */
function readArgList(b: Builder, src: Source, seq: unknown, where: (flag: string) => string, only?: unknown[]): void {
  const list = only ?? items(seq);
  if (!only && templatedNode(src, seq) && list.length === 0) {
    b.inst.hidden.add(RANK.flag);
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const it = list[i];
    const v = val(src, it);
    if (!v) continue;
    const text = v.known ? v.text : v.pattern;
    if (!v.known && !text.startsWith('--')) {
      // A whole item from a template may be any flag.
      b.inst.hidden.add(RANK.flag);
      continue;
    }
    const m = /^--([A-Za-z0-9][A-Za-z0-9-]*)(=([\s\S]*))?$/.exec(text);
    if (!m) continue;
    const flag = m[1];
    const info = flagInfo(flag);
    const hasValue = m[2] !== undefined;
    let values: OptionValue[];
    let end = v.end;
    if (hasValue) {
      const offset = m[1].length + 3;
      values = v.known ? valuesOf(v, offset, m[3], info?.list ?? false) : [{ text: m[3], known: false, pattern: m[3], ...pieceOf(v, 0, 0), exact: false }];
    } else {
      // `--flag value` as two items, unless the flag is boolean (pflag's NoOptDefVal "true").
      const next = val(src, list[i + 1]);
      const isBool = flag.startsWith('set-') || flag.startsWith('pass-') || flag.startsWith('skip-') || flag.startsWith('insecure-') || flag === 'reverse-proxy' || flag.startsWith('cookie-secure') || flag.startsWith('cookie-httponly') || flag === 'ssl-insecure-skip-verify' || flag === 'force-https';
      if (!isBool && next && !(next.known ? next.text : next.pattern).startsWith('--')) {
        values = next.known ? valuesOf(next, 0, next.text, info?.list ?? false) : [{ text: next.text, known: false, pattern: next.pattern, start: next.start, end: next.end, exact: false }];
        end = next.end;
        i++;
      } else values = [{ text: 'true', known: true, pattern: 'true', start: v.start, end: v.end, exact: false }];
    }
    push(b, { name: flag, source: 'flag', rank: RANK.flag, where: where(flag), values, complete: true, start: v.start, end, src, item: it as Node, seq: asSeq(seq) });
  }
}

/** The chart's `extraArgs` map form: `key: value` renders `--key=value`, a null value `--key`. */
function readArgMap(b: Builder, src: Source, map: YAMLMap, prefix: string): void {
  for (const p of pairs(map)) {
    const key = keyString(p);
    const kv = val(src, p.key);
    if (!key || !kv || !kv.known) {
      b.inst.hidden.add(RANK.flag);
      continue;
    }
    const flag = key.replace(/^--?/, '');
    const info = flagInfo(flag);
    const v = val(src, p.value);
    let values: OptionValue[];
    if (!v) {
      if (p.value === null || (isScalar(p.value) && p.value.value === null)) values = [{ text: 'true', known: true, pattern: 'true', start: kv.start, end: kv.end, exact: false }];
      else {
        // A list or map value renders Go's `[a b]` text: not a value oauth2-proxy can use as meant.
        values = [{ text: '', known: false, pattern: '', start: kv.start, end: kv.end, exact: false }];
      }
    } else values = valuesOf(v, 0, v.known ? v.text : v.pattern, info?.list ?? false);
    push(b, { name: flag, source: 'flag', rank: RANK.flag, where: `${prefix}.${key}`, values, complete: true, start: v?.start ?? kv.start, end: v?.end ?? kv.end, src, pair: p, map });
  }
}

function readExtraArgs(b: Builder, src: Source, node: unknown, prefix: string): void {
  if (node === undefined || node === null) return;
  if (isMap(node)) {
    if (templatedNode(src, node) && hasControlInside(src, node)) b.inst.hidden.add(RANK.flag);
    readArgMap(b, src, node, prefix);
  } else if (isSeq(node)) {
    if (hasControlInside(src, node)) b.inst.hidden.add(RANK.flag);
    readArgList(b, src, node, (f) => `--${f}`);
  } else if (isScalar(node) && node.value !== null && node.value !== '' && templatedNode(src, node)) b.inst.hidden.add(RANK.flag);
}

/** Template control flow inside (or right after) a node: entries may come and go. */
function hasControlInside(src: Source, node: unknown): boolean {
  const r = (node as Node | null | undefined)?.range;
  if (!r) return false;
  let end = r[2] ?? r[1];
  const t = src.masked;
  while (end < t.length && /\s/.test(t[end])) end++;
  return src.spans.some((s) => s.start < end && s.end > r[0] && (s.control || isLineAction(src, s.start)));
}

function isLineAction(src: Source, at: number): boolean {
  const t = src.masked;
  let k = at;
  while (k > 0 && t[k - 1] !== '\n') k--;
  return t.slice(k, at).trim() === '' && /^\s*$/.test(t.slice(at).split('\n')[0]);
}

function readEnv(b: Builder, vars: EnvVar[], where: string): void {
  for (const e of vars) {
    const flag = flagOfEnv(e.name);
    if (!flag) continue;
    const info = flagInfo(flag);
    if (e.secretKeyRef || !e.value) {
      // From a Secret (or empty): the value is elsewhere.
      push(b, { name: flag, source: 'env', rank: RANK.env, where: `${where} ${e.name}`, values: [], complete: false, start: e.nameVal.start, end: e.nameVal.end, src: e.src, env: e });
      continue;
    }
    const v = e.value;
    const text = v.known ? v.text : v.pattern;
    const values = v.known ? valuesOf(v, 0, text, info?.list ?? false) : [{ text, known: false, pattern: v.pattern, start: v.start, end: v.end, exact: false }];
    push(b, { name: flag, source: 'env', rank: RANK.env, where: e.name, values, complete: true, start: v.start, end: v.end, src: e.src, env: e });
  }
}

function readToml(b: Builder, cfg: ConfigText, where: string): void {
  for (const e of cfg.entries) {
    if (e.value.kind === 'table') continue;
    const info = configKey(e.key);
    if (!info) continue;
    const vs = entryValues(e);
    const values = tomlValues(vs, cfg.src);
    const complete = e.value.kind === 'array' ? e.value.known : true;
    const start = cfg.src.toOuter(e.keyStart);
    const end = cfg.src.exact ? cfg.src.toOuter(Math.max(e.value.start, e.value.end - 1)) + 1 : cfg.src.toOuter(e.value.end);
    push(b, { name: info.flag, source: 'toml', rank: RANK.toml, where: `${where} ${e.key}`, values, complete, start, end, src: cfg.src, entry: e, config: cfg });
  }
  if (cfg.partial) b.inst.hidden.add(RANK.toml);
}

function nonEmptyString(src: Source, node: unknown): 'yes' | 'no' | 'unknown' {
  if (node === undefined || node === null) return 'no';
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined || node.value === '' || node.value === false) return templatedNode(src, node) ? 'unknown' : 'no';
    const v = val(src, node);
    if (v && !v.known) return 'unknown';
    return 'yes';
  }
  return 'yes';
}

function tri(src: Source, node: unknown): boolean | 'unknown' | undefined {
  if (node === undefined || node === null) return undefined;
  if (isTrue(node)) return true;
  if (isFalse(node)) return false;
  const v = val(src, node);
  if (v && !v.known) return 'unknown';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Chart releases

/** The chart's legacy-config mode (templates/_helpers.tpl `oauth2-proxy.legacy-config.mode`, chart ≥ 10.4.0; before: `--config` when configFile or existingConfig). */
function chartConfigMode(src: Source, values: YAMLMap | undefined, newChart: boolean): { mode: ConfigFileMode; file?: Scalar } {
  const config = asMap(get(values, 'config'));
  const alpha = tri(src, getIn(values, ['alphaConfig', 'enabled']));
  const force = tri(src, get(config, 'forceLegacyConfig'));
  const existing = nonEmptyString(src, get(config, 'existingConfig'));
  const filePair = pairOf(config, 'configFile');
  const fileNode = filePair?.value;
  const file = filePair ? nonEmptyString(src, fileNode) : 'no';
  if (alpha === 'unknown' || (newChart && force === 'unknown' && alpha === true)) return { mode: 'unknown' };
  if (newChart) {
    // forceLegacyConfig defaults to true: only an explicit false lets alpha config replace the file.
    if (alpha === true && force === false) return { mode: 'generated' };
    if (existing !== 'no') return { mode: 'unknown' };
    if (file === 'unknown') return { mode: 'unknown' };
    if (file === 'yes') return isScalar(fileNode) ? { mode: 'inline', file: fileNode } : { mode: 'unknown' };
    return { mode: 'generated' };
  }
  if (existing !== 'no') return { mode: 'unknown' };
  if (file === 'unknown') return { mode: 'unknown' };
  if (file === 'yes') return isScalar(fileNode) ? { mode: 'inline', file: fileNode } : { mode: 'unknown' };
  if (filePair) return { mode: 'none' };
  return { mode: 'chart-default' };
}

/** Settings the chart writes into the config file it generates or ships as its default. */
function chartTomlSettings(b: Builder, c: { src: Source; values?: YAMLMap; anchor: { start: number; end: number } }, mode: ConfigFileMode, file?: Scalar): void {
  const { src, values } = c;
  const config = asMap(get(values, 'config'));
  if (mode === 'inline' && file) {
    const child = childSource(src, file);
    if (!child) {
      b.inst.hidden.add(RANK.toml);
      return;
    }
    const cfg = readConfigText(child);
    b.inst.configFile = cfg;
    readToml(b, cfg, 'config.configFile');
    return;
  }
  if (mode === 'chart-default') {
    // values.yaml ≤ 10.3: configFile: email_domains = [ "*" ] / upstreams = [ "file:///dev/null" ]
    const at = c.anchor;
    push(b, { name: 'email-domain', source: 'chart', rank: RANK.toml, where: "the chart's default `config.configFile`, which holds `email_domains = [ \"*\" ]`", values: [{ text: '*', known: true, pattern: '*', start: at.start, end: at.end, exact: false }], complete: true, implicit: true, start: at.start, end: at.end, src, chartKey: 'config.configFile' });
    return;
  }
  if (mode === 'generated') {
    const pair = pairOf(config, 'emailDomains');
    const node = pair?.value;
    if (!pair) {
      const at = c.anchor;
      push(b, { name: 'email-domain', source: 'chart', rank: RANK.toml, where: "the chart's default `config.emailDomains: [\"*\"]`", values: [{ text: '*', known: true, pattern: '*', start: at.start, end: at.end, exact: false }], complete: true, implicit: true, start: at.start, end: at.end, src, chartKey: 'config.emailDomains' });
      return;
    }
    const seq = asSeq(node);
    const r = (node as Node | null)?.range;
    if (!seq || templatedNode(src, node) && hasControlInside(src, node)) {
      push(b, { name: 'email-domain', source: 'chart', rank: RANK.toml, where: 'config.emailDomains', values: [], complete: false, start: r ? src.toOuter(r[0]) : c.anchor.start, end: r ? src.toOuter(r[1]) : c.anchor.end, src, pair, chartKey: 'config.emailDomains' });
      return;
    }
    const vals: OptionValue[] = [];
    for (const it of seq.items) {
      const v = val(src, it);
      if (v) vals.push({ text: v.text, known: v.known, pattern: v.pattern, start: v.start, end: v.end, exact: src.exact });
    }
    push(b, { name: 'email-domain', source: 'chart', rank: RANK.toml, where: 'config.emailDomains', values: vals, complete: true, start: r ? src.toOuter(r[0]) : c.anchor.start, end: r ? src.toOuter(r[1]) : c.anchor.end, src, pair, chartKey: 'config.emailDomains' });
  }
}

function chartInstance(model: FileModel, c: ChartValues, values: YAMLMap | undefined, index: number, subchart: boolean): ProxyInstance {
  const src = c.src;
  const release = releaseName(c);
  const ns = c.namespace;
  const inst: ProxyInstance = {
    kind: 'chart',
    id: release ? `${ns ?? '?'}/${release}` : `${model.path}#chart${index}`,
    label: `oauth2-proxy release \`${release ?? 'oauth2-proxy'}\``,
    src,
    anchor: c.anchor,
    chart: c,
    values,
    version: subchart ? undefined : c.version,
    configMode: 'none',
    settings: [],
    hidden: new Set(),
    hiddenOptions: new Map(),
    hosts: [],
  };
  const b: Builder = { inst, order: 0 };
  if (values && templatedNode(src, values) && topLevelTemplates(src, values)) inst.hidden.add(RANK.flag);
  const config = asMap(get(values, 'config'));
  // Flags rendered by templates/deployment.yaml, in its order.
  const cookieName = val(src, get(config, 'cookieName'));
  if (cookieName && (cookieName.text !== '' || !cookieName.known)) {
    push(b, { name: 'cookie-name', source: 'chart', rank: RANK.flag, where: 'config.cookieName', values: [{ text: cookieName.text, known: cookieName.known, pattern: cookieName.pattern, start: cookieName.start, end: cookieName.end, exact: src.exact }], complete: true, start: cookieName.start, end: cookieName.end, src, pair: pairOf(config, 'cookieName'), chartKey: 'config.cookieName' });
  }
  readExtraArgs(b, src, get(values, 'extraArgs'), 'extraArgs');
  for (const [key, flag] of [['authenticatedEmailsFile', 'authenticated-emails-file'], ['htpasswdFile', 'htpasswd-file']] as const) {
    const enabledNode = getIn(values, [key, 'enabled']);
    const on = tri(src, enabledNode);
    const ev = val(src, enabledNode);
    if (on === true || on === 'unknown') {
      const path = key === 'authenticatedEmailsFile' ? '/etc/oauth2-proxy/authenticated-emails-list' : '/etc/oauth2_proxy/htpasswd/users.txt';
      const at = ev ?? { start: c.anchor.start, end: c.anchor.end };
      // Findings about the file point at the block that turns it on.
      const kr = (pairOf(values, key)?.key as Node | undefined)?.range;
      const block = kr ? { start: src.toOuter(kr[0]), end: src.toOuter(kr[1]) } : at;
      push(b, { name: flag, source: 'chart', rank: RANK.flag, where: `${key}.enabled`, values: [{ text: path, known: on === true, pattern: path, start: at.start, end: at.end, exact: false }], complete: on === true, start: block.start, end: block.end, src, pair: pairOf(asMap(get(values, key)), 'enabled'), chartKey: `${key}.enabled`, implicit: true });
    }
  }
  // Env rendered by the chart: the secret's cookie-secret when proxyVarsAsSecrets (default true).
  const asSecrets = tri(src, get(values, 'proxyVarsAsSecrets'));
  const existingSecret = nonEmptyString(src, get(config, 'existingSecret'));
  if (asSecrets !== false) {
    const cs = pairOf(config, 'cookieSecret');
    const csv = val(src, cs?.value);
    if (existingSecret !== 'no' || asSecrets === 'unknown') inst.hiddenOptions.set('cookie-secret', RANK.env);
    else if (csv) push(b, { name: 'cookie-secret', source: 'chart', rank: RANK.env, where: 'config.cookieSecret', values: [{ text: csv.text, known: csv.known, pattern: csv.pattern, start: csv.start, end: csv.end, exact: src.exact }], complete: true, start: csv.start, end: csv.end, src, pair: cs, chartKey: 'config.cookieSecret' });
  }
  const extraEnv = get(values, 'extraEnv');
  if (extraEnv && (hasControlInside(src, extraEnv) || (isScalar(extraEnv) && templatedNode(src, extraEnv)))) inst.hidden.add(RANK.env);
  readEnv(b, envList(src, extraEnv), 'extraEnv');
  // The config file.
  const newChart = subchart ? undefined : versionAtLeast(c.version, [10, 4, 0]);
  let mode: ConfigFileMode;
  let file: Scalar | undefined;
  if (newChart === undefined) {
    const a = chartConfigMode(src, values, false);
    const z = chartConfigMode(src, values, true);
    if (a.mode === z.mode) ({ mode, file } = a);
    else if (a.mode === 'chart-default' && z.mode === 'generated' && !pairOf(config, 'emailDomains')) {
      // Both versions end at email_domains = ["*"]; the configFile override fixes it for both.
      mode = 'chart-default';
    } else mode = 'unknown';
  } else ({ mode, file } = chartConfigMode(src, values, newChart));
  inst.configMode = mode;
  if (mode === 'unknown') inst.hidden.add(RANK.toml);
  else chartTomlSettings(b, { src, values, anchor: c.anchor }, mode, file);
  const alpha = tri(src, getIn(values, ['alphaConfig', 'enabled']));
  if (alpha === true || alpha === 'unknown') {
    // Alpha config holds providers and injected headers (pkg/apis/options/alpha_options.go).
    for (const o of ['provider', 'oidc-issuer-url', 'approval-prompt', 'prompt', 'set-xauthrequest', 'pass-access-token', 'client-id']) inst.hiddenOptions.set(o, RANK.flag);
  }
  // Hosts it serves.
  const ingress = asMap(get(values, 'ingress'));
  const enabled = tri(src, get(ingress, 'enabled'));
  if (enabled === true || enabled === 'unknown') {
    for (const h of items(get(ingress, 'hosts'))) {
      const v = val(src, isMap(h) ? get(h, 'host') : h);
      if (v) inst.hosts.push({ pattern: v.pattern, known: v.known, start: v.start, end: v.end });
    }
  }
  return inst;
}

/** A `{{ toYaml .Values.x | nindent }}` line among the values' own keys: any setting may come from it. */
function topLevelTemplates(src: Source, map: YAMLMap): boolean {
  const r = map.range;
  if (!r) return false;
  return src.spans.some((s) => s.start >= r[0] && s.start < r[2] && !s.control && isLineAction(src, s.start) && /toYaml|include|tpl/.test(s.expr));
}

function releaseName(c: ChartValues): string | undefined {
  const owner = c.owner;
  if (!owner) return undefined;
  if (c.via === 'application') {
    const s = [getIn(owner, ['spec', 'source']), ...items(getIn(owner, ['spec', 'sources']))].find((x) => str(get(x, 'chart')) === 'oauth2-proxy' || str(get(x, 'chart'))?.endsWith('/oauth2-proxy'));
    return str(getIn(s, ['helm', 'releaseName'])) ?? literalName(c.src, getIn(owner, ['metadata', 'name']));
  }
  if (c.via === 'helmrelease') return str(getIn(owner, ['spec', 'releaseName'])) ?? literalName(c.src, getIn(owner, ['metadata', 'name']));
  if (c.via === 'ansible') return literalName(c.src, get(owner, 'release_name')) ?? literalName(c.src, get(owner, 'name'));
  return undefined;
}

function literalName(src: Source, node: unknown): string | undefined {
  const v = val(src, node);
  return v?.known ? v.text : v?.pattern;
}

// ---------------------------------------------------------------------------------------------
// Containers and embedded blocks

const IMAGE = /(^|[/:])oauth2[-_]proxy([:@]|$)/i;

function isProxyImage(v: Val | undefined): boolean {
  if (!v) return false;
  const text = v.known ? v.text : v.pattern;
  const noTag = text.replace(/[:@][^/]*$/, '');
  return IMAGE.test(noTag) || /(^|\/)oauth2[-_]proxy$/i.test(noTag);
}

function containerInstance(model: FileModel, w: WorkloadView, c: ContainerView, index: number): ProxyInstance {
  const name = w.name?.known ? w.name.text : w.name?.pattern;
  const ns = w.namespace?.known ? w.namespace.text : undefined;
  const cname = c.name?.known ? c.name.text : 'oauth2-proxy';
  const anchor = c.image ? { start: c.image.start, end: c.image.end } : { start: c.src.toOuter(c.map.range?.[0] ?? 0), end: c.src.toOuter(c.map.range?.[0] ?? 0) };
  const inst: ProxyInstance = {
    kind: 'container',
    id: name ? `${ns ?? '?'}/${w.kind}/${name}/${cname}` : `${model.path}#container${index}`,
    label: `oauth2-proxy container \`${cname}\` of ${w.kind} \`${name ?? '?'}\``,
    src: c.src,
    anchor,
    workload: w,
    container: c,
    configMode: 'none',
    settings: [],
    hidden: new Set(),
    hiddenOptions: new Map(),
    hosts: [],
  };
  const b: Builder = { inst, order: 0 };
  const command = items(get(c.map, 'command'));
  if (command.length > 0) {
    const first = val(c.src, command[0]);
    const firstText = first?.known ? first.text : '';
    if (/(^|\/)oauth2[-_]proxy$/.test(firstText)) readArgList(b, c.src, get(c.map, 'command'), (f) => `--${f}`, command.slice(1));
    else inst.hidden.add(RANK.flag);
  }
  const args = get(c.map, 'args');
  if (args !== undefined && args !== null) {
    if (!isSeq(args) || hasControlInside(c.src, args)) inst.hidden.add(RANK.flag);
    readArgList(b, c.src, args, (f) => `--${f}`);
  }
  if (c.envFrom.length > 0) inst.hidden.add(RANK.env);
  const env = get(c.map, 'env');
  if (env && hasControlInside(c.src, env)) inst.hidden.add(RANK.env);
  readEnv(b, c.env, 'env');
  const config = inst.settings.find((s) => s.name === 'config' && s.rank === RANK.flag);
  const alpha = inst.settings.find((s) => s.name === 'alpha-config' && s.rank === RANK.flag);
  if (config || inst.hidden.has(RANK.flag)) inst.hidden.add(RANK.toml);
  if (alpha) for (const o of ['provider', 'oidc-issuer-url', 'approval-prompt', 'prompt', 'set-xauthrequest', 'pass-access-token']) inst.hiddenOptions.set(o, RANK.flag);
  addRedirectHost(inst);
  return inst;
}

function embeddedInstance(model: FileModel, c: ChartValues, block: YAMLMap, index: number): ProxyInstance {
  const src = c.src;
  const app = c.owner ? literalName(src, getIn(c.owner, ['metadata', 'name'])) : undefined;
  const keyPair = pairOf(c.values, 'oauth2Proxy');
  const kr = (keyPair?.key as Node | undefined)?.range;
  const anchor = kr ? { start: src.toOuter(kr[0]), end: src.toOuter(kr[1]) } : c.anchor;
  const inst: ProxyInstance = {
    kind: 'embedded',
    id: `${c.namespace ?? '?'}/${app ?? c.chart}/oauth2Proxy`,
    label: `the oauth2-proxy embedded in ${c.chart}${app ? ` (\`${app}\`)` : ''}`,
    src,
    anchor,
    chart: c,
    values: c.values,
    embedded: block,
    configMode: 'none',
    settings: [],
    hidden: new Set(),
    hiddenOptions: new Map(),
    hosts: [],
  };
  if (!app && index >= 0) inst.id = `${model.path}#embedded${index}`;
  const b: Builder = { inst, order: 0 };
  const issuer = val(src, get(block, 'issuerUrl'));
  if (issuer) {
    // The embedding chart renders it as an OIDC provider's issuer.
    push(b, { name: 'provider', source: 'chart', rank: RANK.flag, where: 'oauth2Proxy.issuerUrl', values: [{ text: 'oidc', known: true, pattern: 'oidc', start: issuer.start, end: issuer.end, exact: false }], complete: true, implicit: true, start: issuer.start, end: issuer.end, src });
    push(b, { name: 'oidc-issuer-url', source: 'chart', rank: RANK.flag, where: 'oauth2Proxy.issuerUrl', values: [{ text: issuer.text, known: issuer.known, pattern: issuer.pattern, start: issuer.start, end: issuer.end, exact: src.exact }], complete: true, start: issuer.start, end: issuer.end, src, pair: pairOf(block, 'issuerUrl') });
  }
  if (pairOf(block, 'existingSecret')) inst.hiddenOptions.set('cookie-secret', RANK.env);
  // What the embedding chart renders besides extraArgs is not known: its email settings in particular.
  for (const o of ['email-domain', 'authenticated-emails-file', 'htpasswd-file']) inst.hiddenOptions.set(o, RANK.env);
  readExtraArgs(b, src, get(block, 'extraArgs'), 'oauth2Proxy.extraArgs');
  addRedirectHost(inst);
  return inst;
}

function addRedirectHost(inst: ProxyInstance): void {
  const e = effective(inst, 'redirect-url');
  const v = e?.values[0];
  if (!v || e?.isDefault) return;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(v.pattern);
  if (m) inst.hosts.push({ pattern: m[1], known: v.known, start: v.start, end: v.end });
}

// ---------------------------------------------------------------------------------------------
// The view

export function proxyInstances(model: FileModel): ProxyInstance[] {
  return model.memo('oauth2ProxyInstances', () => {
    const out: ProxyInstance[] = [];
    const seen = new Set<unknown>();
    model.charts.forEach((c, i) => {
      if (c.chart === 'oauth2-proxy') {
        seen.add(c.values);
        out.push(chartInstance(model, c, c.values, i, false));
      }
    });
    model.charts.forEach((c, i) => {
      if (c.chart === 'oauth2-proxy' || !c.values) return;
      // An umbrella chart's `oauth2-proxy:` section is a release of the chart (version unknown here).
      const sub = asMap(get(c.values, 'oauth2-proxy'));
      if (sub && !seen.has(sub) && ['config', 'extraArgs', 'authenticatedEmailsFile', 'ingress'].some((k) => pairOf(sub, k))) {
        seen.add(sub);
        const subPair = pairOf(c.values, 'oauth2-proxy');
        const r = (subPair?.key as Node | undefined)?.range;
        out.push(chartInstance(model, { ...c, chart: 'oauth2-proxy', values: sub, anchor: r ? { start: c.src.toOuter(r[0]), end: c.src.toOuter(r[1]) } : c.anchor }, sub, i, true));
      }
      const block = asMap(get(c.values, 'oauth2Proxy'));
      if (block && !isFalse(get(block, 'enabled'))) out.push(embeddedInstance(model, c, block, i));
    });
    let n = 0;
    for (const w of workloads(model)) {
      for (const c of w.containers) if (isProxyImage(c.image)) out.push(containerInstance(model, w, c, n++));
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Facts

function patternsOf(inst: ProxyInstance, name: string): string[] | undefined {
  const e = effective(inst, name);
  if (!e) return undefined;
  return e.values.map((v) => v.pattern.trim()).filter((p) => p !== '');
}

export function proxyFact(model: FileModel, inst: ProxyInstance): ProxyFact {
  const lines = model.root.file.lines;
  const fact: ProxyFact = {
    file: model.path,
    span: lines.span(inst.anchor.start, inst.anchor.end),
    id: inst.id,
    label: inst.label,
    hosts: inst.hosts.map((h) => h.pattern),
  };
  const name = effective(inst, 'cookie-name');
  const nv = name?.values[name.values.length - 1];
  if (nv && nv.known && nv.text !== '') fact.cookieName = nv.text;
  const cd = patternsOf(inst, 'cookie-domain');
  if (cd) fact.cookieDomains = cd;
  const wd = patternsOf(inst, 'whitelist-domain');
  if (wd) fact.whitelistDomains = wd;
  const x = effectiveBool(inst, 'set-xauthrequest');
  if (x !== undefined) fact.setXAuthRequest = x;
  const p = effectiveBool(inst, 'pass-access-token');
  if (p !== undefined) fact.passAccessToken = p;
  const iss = effective(inst, 'oidc-issuer-url');
  const iv = iss?.values[iss.values.length - 1];
  if (iv && !iss?.isDefault && iv.pattern) fact.issuerUrl = iv.pattern;
  const prov = effectiveText(inst, 'provider');
  if (prov) fact.provider = prov;
  return fact;
}

export function oauth2ProxyFacts(model: FileModel): ProxyFact[] {
  return proxyInstances(model).map((i) => proxyFact(model, i));
}

// ---------------------------------------------------------------------------------------------
// Config files outside the chart: ConfigMaps holding `oauth2_proxy.cfg`

export interface StandaloneConfig {
  cfg: ConfigText;
  /** The ConfigMap data key. */
  key: string;
}

export function configMapConfigs(model: FileModel): StandaloneConfig[] {
  return model.memo('oauth2ProxyConfigMaps', () => {
    const out: StandaloneConfig[] = [];
    for (const m of model.manifests) {
      if (m.kind !== 'ConfigMap') continue;
      const data = asMap(get(m.map, 'data'));
      const name = m.name?.pattern ?? '';
      for (const p of pairs(data)) {
        const key = keyString(p);
        if (!key || !/\.cfg$/i.test(key)) continue;
        if (!/oauth2[-_]?proxy/i.test(key) && !/oauth2[-_]?proxy/i.test(name)) continue;
        if (!isScalar(p.value)) continue;
        const child = childSource(m.src, p.value);
        if (child) out.push({ cfg: readConfigText(child), key });
      }
    }
    return out;
  });
}

/** The config texts of a file: inline chart config files and ConfigMaps. */
export function configTexts(model: FileModel): Array<{ cfg: ConfigText; where: string; inst?: ProxyInstance }> {
  const out: Array<{ cfg: ConfigText; where: string; inst?: ProxyInstance }> = [];
  for (const inst of proxyInstances(model)) if (inst.configFile) out.push({ cfg: inst.configFile, where: 'config.configFile', inst });
  for (const c of configMapConfigs(model)) out.push({ cfg: c.cfg, where: c.key });
  return out;
}

