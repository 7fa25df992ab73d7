// OIDC URLs that apps are configured with, wherever they are written: discovery-document URLs
// (Open WebUI's OPENID_PROVIDER_URL in `extraEnvVars` lists or maps and in container env, the
// open-webui chart's `sso.oidc.providerUrl`) and issuer URLs (oauth2-proxy's `--oidc-issuer-url` in
// the chart's `extraArgs` map or list, in container args and as OAUTH2_PROXY_OIDC_ISSUER_URL, the
// `oauth2Proxy.issuerUrl` of charts that embed a proxy, Argo CD's `oidc.config` issuer). Each URL
// carries the user's raw text and where it sits in the file, so rules can compare and edit it.
import { isMap, isScalar, Scalar } from 'yaml';
import type { FileModel, ChartValues } from '../model';
import type { Source } from '../source';
import { val, type Val } from '../value';
import { argoCdSettings } from './argocd';
import { envAny, workloads, type EnvVar } from './workloads';
import { asMap, get, getIn, items, keyString, pairs } from '../yamlnav';

export type OidcUrlKind = 'discovery' | 'issuer';

export interface OidcUrl {
  kind: OidcUrlKind;
  /** The setting's name as users know it (`OPENID_PROVIDER_URL`, `--oidc-issuer-url`, `oidc.config issuer`). */
  setting: string;
  val: Val;
  /** The URL as the user wrote it (template actions included, quotes and any `--flag=` removed). */
  raw: string;
  /** The literal text after the last template action (the whole URL when nothing is templated). */
  tail: string;
  /** Outer offsets of `raw` in the file when the text there can be edited exactly. */
  at?: { start: number; end: number };
}

const ACTION_END = /\}\}|%\}/g;

function tailOf(raw: string): string {
  let last = -1;
  for (const m of raw.matchAll(ACTION_END)) last = (m.index ?? 0) + m[0].length;
  return last < 0 ? raw : raw.slice(last);
}

/** Builds an OidcUrl from a scalar holding `prefix + URL`. */
function urlOf(kind: OidcUrlKind, setting: string, src: Source, node: unknown, prefix = ''): OidcUrl | undefined {
  const v = val(src, node);
  if (!v) return undefined;
  const original = src.file.text.slice(v.start, v.end);
  const quoted = v.node.type === Scalar.QUOTE_DOUBLE || v.node.type === Scalar.QUOTE_SINGLE;
  const block = v.node.type === Scalar.BLOCK_LITERAL || v.node.type === Scalar.BLOCK_FOLDED;
  const simple = src.exact && !block && !original.includes('\n') && (!quoted || !original.includes('\\'));
  let raw = simple ? (quoted ? original.slice(1, -1) : original) : v.known ? v.text : v.pattern;
  if (!raw.startsWith(prefix)) return undefined;
  raw = raw.slice(prefix.length);
  const rawStart = v.start + (quoted ? 1 : 0) + prefix.length;
  return { kind, setting, val: v, raw, tail: v.known ? raw : tailOf(raw), at: simple ? { start: rawStart, end: rawStart + raw.length } : undefined };
}

const ISSUER_FLAG = '--oidc-issuer-url';
const ISSUER_ENV = 'OAUTH2_PROXY_OIDC_ISSUER_URL';
const DISCOVERY_ENV = 'OPENID_PROVIDER_URL';

/** `--oidc-issuer-url=URL` items, or the flag followed by the URL as the next item. */
function fromArgs(src: Source, seq: unknown, out: OidcUrl[]): void {
  const list = items(seq);
  list.forEach((it, i) => {
    const text = isScalar(it) && typeof it.value === 'string' ? it.value : undefined;
    if (!text) return;
    if (text.startsWith(`${ISSUER_FLAG}=`)) {
      const u = urlOf('issuer', ISSUER_FLAG, src, it, `${ISSUER_FLAG}=`);
      if (u) out.push(u);
    } else if (text === ISSUER_FLAG) {
      const u = urlOf('issuer', ISSUER_FLAG, src, list[i + 1]);
      if (u) out.push(u);
    }
  });
}

/** oauth2-proxy's chart `extraArgs`: a map (`oidc-issuer-url: URL`) or a list of `--flag=value`. */
function fromExtraArgs(src: Source, node: unknown, out: OidcUrl[]): void {
  if (isMap(node)) {
    for (const p of pairs(node)) {
      const k = keyString(p);
      if (k === 'oidc-issuer-url' || k === ISSUER_FLAG) {
        const u = urlOf('issuer', ISSUER_FLAG, src, p.value);
        if (u) out.push(u);
      }
    }
  } else fromArgs(src, node, out);
}

function fromEnv(vars: EnvVar[], out: OidcUrl[]): void {
  for (const e of vars) {
    if (!e.value) continue;
    if (e.name === DISCOVERY_ENV) {
      const u = urlOf('discovery', DISCOVERY_ENV, e.src, e.value.node);
      if (u) out.push(u);
    } else if (e.name === ISSUER_ENV) {
      const u = urlOf('issuer', ISSUER_ENV, e.src, e.value.node);
      if (u) out.push(u);
    }
  }
}

function fromChart(c: ChartValues, out: OidcUrl[]): void {
  const values = c.values;
  if (!values) return;
  if (c.chart === 'oauth2-proxy') fromExtraArgs(c.src, get(values, 'extraArgs'), out);
  // Other charts embed an oauth2-proxy of their own.
  const embedded = asMap(get(values, 'oauth2Proxy'));
  if (embedded) {
    const u = urlOf('issuer', 'oauth2Proxy.issuerUrl', c.src, get(embedded, 'issuerUrl'));
    if (u) out.push(u);
    fromExtraArgs(c.src, get(embedded, 'extraArgs'), out);
  }
  for (const key of ['extraEnvVars', 'extraEnv', 'env']) fromEnv(envAny(c.src, get(values, key)), out);
  if (c.chart === 'open-webui') {
    const u = urlOf('discovery', 'sso.oidc.providerUrl', c.src, getIn(values, ['sso', 'oidc', 'providerUrl']));
    if (u) out.push(u);
  }
}

export function oidcUrls(model: FileModel): OidcUrl[] {
  return model.memo('oidcUrls', () => {
    const out: OidcUrl[] = [];
    for (const w of workloads(model)) {
      for (const c of w.containers) {
        fromArgs(c.src, c.argsSeq, out);
        fromEnv(c.env, out);
      }
    }
    for (const c of model.charts) fromChart(c, out);
    for (const s of argoCdSettings(model)) {
      const root = s.oidcConfig?.root;
      if (!root) continue;
      const u = urlOf('issuer', 'oidc.config issuer', s.oidcConfig!.src, get(root, 'issuer'));
      if (u) out.push(u);
    }
    return out;
  });
}
