// Argo CD's `url` in argocd-cm: Dex's issuer is `url + "/api/dex"` (plain concatenation, so a
// trailing slash gives `//api/dex`), and without `url` there is no SSO at all (IsDexConfigured
// needs it; the callback is built from it). The argo-helm chart (≥ 6) presets `url` to
// `https://<global.domain>`, whose default is the placeholder `argocd.example.com`.
import type { Rule, RuleContext } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import type { Val } from '../../engine/value';
import { argoCdSettings, type ArgoCdSettings, type EmbeddedConfig } from '../../engine/views/argocd';
import { semver } from '../../engine/model';
import { get, getIn, items, str } from '../../engine/yamlnav';
import { addEntryAt, yamlScalar } from '../../engine/edits';
import { pairRange } from '../../engine/source';
import { kustomizeRole } from '../../engine/views/argocd-refs';
import { val } from '../../engine/value';

const CHART_DEFAULT_DOMAIN = 'argocd.example.com';

function configured(e: EmbeddedConfig | undefined): boolean {
  return !!e?.root && e.root.items.length > 0;
}

/** The user's text of a value, quotes removed (template actions kept as written). */
function rawText(v: Val): string {
  const raw = v.src.file.text.slice(v.start, v.end).trim();
  return /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

/** Argo CD's URL as other settings already spell it: the Dex issuer, the `argo-cd` client's callback, the chart's ingress host. */
function derivedUrl(s: ArgoCdSettings): string | undefined {
  const issuer = val(s.oidcConfig?.src ?? s.src, get(s.oidcConfig?.root, 'issuer'));
  if (issuer && /\/api\/dex\/?$/.test(rawText(issuer))) return rawText(issuer).replace(/\/api\/dex\/?$/, '');
  const dex = s.dexConfig;
  for (const c of items(get(dex?.root, 'staticClients'))) {
    if (str(get(c, 'id')) !== 'argo-cd') continue;
    for (const u of items(get(c, 'redirectURIs'))) {
      const v = dex ? val(dex.src, u) : undefined;
      if (v && /\/auth\/callback$/.test(rawText(v))) return rawText(v).replace(/\/auth\/callback$/, '');
    }
  }
  if (s.chart?.values) {
    const ingress = getIn(s.chart.values, ['server', 'ingress']);
    const host = val(s.chart.src, get(ingress, 'hostname')) ?? val(s.chart.src, items(get(ingress, 'hosts'))[0]);
    if (host && host.text !== '' && str(get(ingress, 'enabled')) === 'true') return `https://${rawText(host)}`;
  }
  return undefined;
}

function urlLine(url: string): string {
  return `url: ${url.includes('{{') ? (url.startsWith('{') ? JSON.stringify(url) : url) : yamlScalar(url)}`;
}

/** Deletes the trailing slashes of a value, inside its quotes. */
function stripTrailingSlash(v: Val): TextEdit | undefined {
  if (!v.src.exact) return undefined;
  const raw = v.src.file.text.slice(v.start, v.end).replace(/\s+$/, '');
  let end = raw.length;
  if (/["']$/.test(raw) && raw.length > 1) end -= 1;
  let start = end;
  while (start > 0 && raw[start - 1] === '/') start--;
  if (start === end) return undefined;
  return { start: v.start + start, end: v.start + end, newText: '' };
}

function ssoKey(s: ArgoCdSettings): { start: number; end: number; name: string } | undefined {
  const e = configured(s.dexConfig) ? s.dexConfig : configured(s.oidcConfig) ? s.oidcConfig : undefined;
  if (!e) return undefined;
  const r = pairRange(s.src, e.pair);
  return { start: r.start, end: s.src.toOuter(((e.pair.key as { range?: [number, number] }).range ?? [0, 0])[1]), name: e === s.dexConfig ? 'dex.config' : 'oidc.config' };
}

function addUrlFix(s: ArgoCdSettings): Fix[] {
  const url = derivedUrl(s);
  if (!url || !s.cm || !s.src.exact) return [];
  const edit = addEntryAt(s.src, s.cm, [], urlLine(url));
  return edit ? [{ title: `Set url: ${url}`, edits: [edit], preferred: true }] : [];
}

function checkSettings(ctx: RuleContext, s: ArgoCdSettings): void {
  const dex = configured(s.dexConfig);
  const sso = dex || configured(s.oidcConfig);
  if (!sso) return;
  const url = s.url && !(s.url.known && s.url.text.trim() === '') ? s.url : undefined;
  if (url) {
    // The literal end of the value decides, even when a template sits before it.
    if (dex && /\/$/.test(url.known ? url.text.trim() : url.pattern)) {
      const fix = stripTrailingSlash(url);
      ctx.report({
        start: url.start,
        end: url.end,
        message: 'url ends with "/", so Dex\'s issuer becomes "<url>//api/dex" and its callback "<url>//api/dex/callback": login fails with "Failed to query provider" (404) or a redirect URI mismatch.',
        fixes: fix ? [{ title: 'Remove the trailing slash', edits: [fix], preferred: true }] : [],
      });
    }
    return;
  }
  const key = ssoKey(s);
  if (!key) return;
  const version = s.chart ? semver(s.chart.version) : undefined;
  const preset = s.via === 'chart' && !(version && version[0] < 6);
  if (!preset) {
    // A kustomize patch gets the rest of argocd-cm (url included) from its base.
    if (s.via === 'configmap' && kustomizeRole(ctx.index, ctx.file.path).patch) return;
    ctx.report({
      start: key.start,
      end: key.end,
      message: `${key.name} is set but argocd-cm has no url${s.via === 'chart' ? ` (argo-cd chart ${s.chart?.version} does not preset it)` : ''}, so Argo CD disables SSO: the login page shows no SSO button and Dex does not start ("dex is not configured").`,
      fixes: addUrlFix(s),
    });
    return;
  }
  const domain = s.globalDomain;
  if (domain) {
    if (domain.known && domain.text.trim() === CHART_DEFAULT_DOMAIN) {
      ctx.report({ start: domain.start, end: domain.end, message: `global.domain is the chart's placeholder ${CHART_DEFAULT_DOMAIN}, so Argo CD's url (and Dex's issuer and callbacks) point at https://${CHART_DEFAULT_DOMAIN}: SSO login redirects there and fails.`, fixes: addUrlFix(s) });
    } else if (dex && /\/$/.test(domain.known ? domain.text.trim() : domain.pattern)) {
      const fix = stripTrailingSlash(domain);
      ctx.report({ start: domain.start, end: domain.end, message: 'global.domain ends with "/", so the preset url does too and Dex\'s issuer becomes "https://<domain>//api/dex": login fails with "Failed to query provider" (404).', fixes: fix ? [{ title: 'Remove the trailing slash', edits: [fix], preferred: true }] : [] });
    }
    return;
  }
  ctx.report({
    start: key.start,
    end: key.end,
    message: `${key.name} is set but neither url nor global.domain is, so the chart presets url to https://${CHART_DEFAULT_DOMAIN}: SSO login redirects to that placeholder host and fails.`,
    fixes: addUrlFix(s),
  });
}

export const rule: Rule = {
  meta: {
    id: 'argocd/url',
    defaultSeverity: 'error',
    summary: "Argo CD's `url` is missing, the chart's placeholder, or ends with `/` while SSO is configured: login fails.",
    fixable: true,
  },
  check(ctx) {
    for (const s of argoCdSettings(ctx.file)) checkSettings(ctx, s);
  },
};
