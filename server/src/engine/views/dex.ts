// Dex as Argo CD runs it: the static clients and connectors of `dex.config`, the fields of
// `oidc.config`, and Argo CD's external URL, each with its position, wherever argocd-cm is written
// (raw ConfigMap, argo-cd chart values in any container). Also the pattern comparisons the Dex
// rules share: an issuer or redirect URI built from the same template expression as `url` is
// equal to it, and literal text on either side can prove two templated values different.
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FileModel } from '../model';
import { embeddedYaml, structuralTemplateIn, type Source, type YamlSource } from '../source';
import { val, type Val } from '../value';
import { get, isTrue, items, pairOf } from '../yamlnav';
import { argoCdSettings, type ArgoCdSettings, type EmbeddedConfig } from './argocd';

/** The static clients Argo CD puts before the user's own (argo-cd `util/dex/config.go`, GenerateDexConfigYAML). */
export const ARGOCD_CLIENTS = {
  'argo-cd': { name: 'Argo CD' },
  'argo-cd-cli': { name: 'Argo CD CLI' },
  'argo-cd-pkce': { name: 'Argo CD PKCE' },
} as const;
export type ArgoCdClientId = keyof typeof ARGOCD_CLIENTS;

export function isArgoCdClientId(id: string): id is ArgoCdClientId {
  return Object.prototype.hasOwnProperty.call(ARGOCD_CLIENTS, id);
}

/** Something that compares by pattern: a Val, or a value derived from one. */
export interface Pattern {
  pattern: string;
  known: boolean;
}

/** Argo CD's external URL as the settings give it. */
export interface ArgoUrl extends Pattern {
  /** The user's text (template actions as written), for fixes that repeat it. */
  raw: string;
  from: 'url' | 'global.domain' | 'chart-default';
  val?: Val;
}

export interface DexStaticClient {
  map: YAMLMap;
  index: number;
  id?: Val;
  idPair?: Pair;
  idEnv?: Val;
  idEnvPair?: Pair;
  name?: Val;
  namePair?: Pair;
  secret?: Val;
  secretPair?: Pair;
  secretEnv?: Val;
  secretEnvPair?: Pair;
  public: boolean;
  publicPair?: Pair;
  redirectURIsPair?: Pair;
  redirectURIs: Val[];
  trustedPeersPair?: Pair;
  trustedPeers: Val[];
  /** A template action that may produce keys inside the client: a missing field may come from it. */
  templated: boolean;
}

export interface DexConnector {
  map: YAMLMap;
  index: number;
  type?: Val;
  id?: Val;
  name?: Val;
  configPair?: Pair;
  templated: boolean;
}

export interface OidcFields {
  root: YAMLMap;
  issuer?: Val;
  issuerPair?: Pair;
  clientID?: Val;
  clientIDPair?: Pair;
  cliClientID?: Val;
  cliClientIDPair?: Pair;
  clientSecret?: Val;
  allowedAudiencesPair?: Pair;
  allowedAudiences: Val[];
  /** A template action that may produce keys inside oidc.config: a missing field may come from it. */
  templated: boolean;
}

export interface DexView {
  settings: ArgoCdSettings;
  /** The `dex.config` string, parsed. */
  dex?: EmbeddedConfig;
  /** dex.config holds settings (Argo CD's IsDexConfigured needs a non-empty map) or is templated. */
  dexConfigured: boolean;
  staticClientsPair?: Pair;
  staticClients: DexStaticClient[];
  connectorsPair?: Pair;
  connectors: DexConnector[];
  oidc?: OidcFields;
  url?: ArgoUrl;
  /** `additionalUrls` of argocd-cm (each also gets a callback on the `argo-cd` client). */
  additionalUrls: Pattern[];
}

function field(src: Source, map: unknown, key: string): { pair?: Pair; val?: Val } {
  const pair = pairOf(map, key);
  return { pair, val: pair ? val(src, pair.value) : undefined };
}

function listVals(src: Source, node: unknown): Val[] {
  const out: Val[] = [];
  for (const it of items(node)) {
    const v = val(src, it);
    if (v) out.push(v);
  }
  return out;
}

function staticClient(src: YamlSource, map: YAMLMap, index: number, until: number): DexStaticClient {
  const id = field(src, map, 'id');
  const idEnv = field(src, map, 'idEnv');
  const name = field(src, map, 'name');
  const secret = field(src, map, 'secret');
  const secretEnv = field(src, map, 'secretEnv');
  const pub = pairOf(map, 'public');
  const redirect = pairOf(map, 'redirectURIs');
  const peers = pairOf(map, 'trustedPeers');
  return {
    map,
    index,
    id: id.val,
    idPair: id.pair,
    idEnv: idEnv.val,
    idEnvPair: idEnv.pair,
    name: name.val,
    namePair: name.pair,
    secret: secret.val,
    secretPair: secret.pair,
    secretEnv: secretEnv.val,
    secretEnvPair: secretEnv.pair,
    public: isTrue(pub?.value),
    publicPair: pub,
    redirectURIsPair: redirect,
    redirectURIs: listVals(src, redirect?.value),
    trustedPeersPair: peers,
    trustedPeers: listVals(src, peers?.value),
    templated: structuralTemplateIn(src, map.range?.[0] ?? 0, Math.max(until, map.range?.[2] ?? 0)),
  };
}

/** Where the items of a sequence end (the next item's start), so that a template line between items counts for the one before it. */
function itemBounds(root: YAMLMap | undefined, pair: Pair | undefined, textEnd: number): number[] {
  const list = items(pair?.value);
  // The last item reaches to the next top-level key (masked template lines fall outside node ranges).
  const siblings = root ? root.items : [];
  const next = siblings[siblings.indexOf(pair as (typeof siblings)[number]) + 1] as Pair | undefined;
  const end = (next?.key as Node | null | undefined)?.range?.[0] ?? textEnd;
  return list.map((_, i) => (list[i + 1] as { range?: [number, number, number] } | null | undefined)?.range?.[0] ?? end);
}

function oidcFields(e: EmbeddedConfig | undefined): OidcFields | undefined {
  if (!e?.root) return undefined;
  const src = e.src;
  const root = e.root;
  const issuer = field(src, root, 'issuer');
  const clientID = field(src, root, 'clientID');
  const cli = field(src, root, 'cliClientID');
  const aud = pairOf(root, 'allowedAudiences');
  return {
    root,
    issuer: issuer.val,
    issuerPair: issuer.pair,
    clientID: clientID.val,
    clientIDPair: clientID.pair,
    cliClientID: cli.val,
    cliClientIDPair: cli.pair,
    clientSecret: field(src, root, 'clientSecret').val,
    allowedAudiencesPair: aud,
    allowedAudiences: listVals(src, aud?.value),
    templated: structuralTemplateIn(src, 0, src.masked.length),
  };
}

function rawText(v: Val): string {
  if (v.known) return v.text;
  const raw = v.src.file.text.slice(v.start, v.end).trim();
  return /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

/** Argo CD's `url`: as set, or for the argo-helm chart its preset `https://<global.domain>` (default argocd.example.com). */
export function argoUrl(s: ArgoCdSettings): ArgoUrl | undefined {
  if (s.url) return { pattern: s.url.pattern, known: s.url.known, raw: rawText(s.url), from: 'url', val: s.url };
  if (s.via !== 'chart' || s.urlPair) return undefined;
  if (s.globalDomain) {
    const d = s.globalDomain;
    return { pattern: `https://${d.pattern}`, known: d.known, raw: `https://${rawText(d)}`, from: 'global.domain', val: d };
  }
  return { pattern: 'https://argocd.example.com', known: true, raw: 'https://argocd.example.com', from: 'chart-default' };
}

function additionalUrls(s: ArgoCdSettings): Pattern[] {
  const node = get(s.cm, 'additionalUrls');
  const child = embeddedYaml(s.src, node);
  if (!child) return [];
  const out: Pattern[] = [];
  for (const d of child.docs) out.push(...listVals(child, d.contents));
  return out;
}

export function dexViews(model: FileModel): DexView[] {
  return model.memo('dexViews', () =>
    argoCdSettings(model).map((settings) => {
      const dex = settings.dexConfig;
      const root = dex?.root;
      const staticClientsPair = pairOf(root, 'staticClients');
      const connectorsPair = pairOf(root, 'connectors');
      const staticClients: DexStaticClient[] = [];
      const connectors: DexConnector[] = [];
      if (dex) {
        const clientEnds = itemBounds(root, staticClientsPair, dex.src.masked.length);
        items(staticClientsPair?.value).forEach((it, i) => {
          if (isMap(it)) staticClients.push(staticClient(dex.src, it, i, clientEnds[i]));
        });
        const connectorEnds = itemBounds(root, connectorsPair, dex.src.masked.length);
        items(connectorsPair?.value).forEach((it, i) => {
          if (!isMap(it)) return;
          connectors.push({
            map: it,
            index: i,
            type: field(dex.src, it, 'type').val,
            id: field(dex.src, it, 'id').val,
            name: field(dex.src, it, 'name').val,
            configPair: pairOf(it, 'config'),
            templated: structuralTemplateIn(dex.src, it.range?.[0] ?? 0, Math.max(connectorEnds[i], it.range?.[2] ?? 0)),
          });
        });
      }
      const dexConfigured = !!dex && ((root?.items.length ?? 0) > 0 || dex.src.spans.length > 0);
      return {
        settings,
        dex,
        dexConfigured,
        staticClientsPair,
        staticClients,
        connectorsPair,
        connectors,
        oidc: oidcFields(settings.oidcConfig),
        url: argoUrl(settings),
        additionalUrls: additionalUrls(settings),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Pattern comparison

function literalPrefix(p: Pattern): string {
  if (p.known) return p.pattern;
  const i = p.pattern.indexOf('{{');
  return i < 0 ? p.pattern : p.pattern.slice(0, i);
}

function literalSuffix(p: Pattern): string {
  if (p.known) return p.pattern;
  const i = p.pattern.lastIndexOf('}}');
  return i < 0 ? p.pattern : p.pattern.slice(i + 2);
}

/**
 * 'equal' when both render the same text (same known text, or the same pattern), 'different' when
 * the literal text around the template actions already tells them apart, else 'unknown'.
 */
export function comparePatterns(a: Pattern, b: Pattern): 'equal' | 'different' | 'unknown' {
  if (a.known && b.known) return a.pattern === b.pattern ? 'equal' : 'different';
  if (a.pattern === b.pattern) return 'equal';
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  if (!pa.startsWith(pb) && !pb.startsWith(pa)) return 'different';
  const sa = literalSuffix(a);
  const sb = literalSuffix(b);
  if (!sa.endsWith(sb) && !sb.endsWith(sa)) return 'different';
  return 'unknown';
}

/** `base` without trailing slashes, then `path` (Argo CD's RedirectURL joins paths the same way). */
export function joinPath(base: Pattern, path: string): Pattern {
  return { pattern: base.pattern.replace(/\/+$/, '') + path, known: base.known };
}

/** The host part (`host[:port]`) of a URL pattern, when the scheme and host are there to read. */
export function hostOf(p: Pattern): Pattern | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(p.pattern);
  if (!m) return undefined;
  const host = m[1].toLowerCase();
  return { pattern: host, known: p.known || !host.includes('{{') };
}

export function isLoopbackHost(host: Pattern): boolean {
  return host.known && /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host.pattern);
}

/** Issuer compared with `url + "/api/dex"`; undefined when there is no oidc issuer or url to compare. */
export function issuerVsDex(v: DexView): 'equal' | 'different' | 'unknown' | undefined {
  if (!v.oidc?.issuer || !v.url) return undefined;
  return comparePatterns(v.oidc.issuer, joinPath(v.url, '/api/dex'));
}

/** dex.config and oidc.config together, with oidc.config's issuer being Argo CD's own Dex. */
export function oidcThroughDex(v: DexView): boolean {
  return v.dexConfigured && !!v.oidc && issuerVsDex(v) === 'equal';
}

/** `$name:key` or `$key`: resolved by Argo CD from a Secret (ReplaceStringSecret needs the whole string). */
export function isSecretRef(v: Val): boolean {
  return v.known && /^\$[^\s${}]+$/.test(v.text);
}
