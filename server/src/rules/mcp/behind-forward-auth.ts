// An MCP client does the OAuth token flow itself: it reads the protected-resource and
// authorization-server metadata, registers, and sends the user's browser to /authorize only. Every
// one of those requests must reach the MCP server unauthenticated; forward-auth or basic auth in
// front answers them with a login redirect or nginx's own 401, and the client cannot connect.
import type { Node, Pair } from 'yaml';
import type { Rule } from '../../engine/rule';
import type { Source } from '../../engine/source';
import type { Fix, TextEdit } from '../../engine/types';
import { val } from '../../engine/value';
import {
  annotation,
  annotationName,
  hostInList,
  hostSaysMcp,
  ingressViews,
  isMcpIngress,
  isMcpPath,
  saysMcp,
  subchartViews,
  type IngressView,
} from '../../engine/views/ingress';
import { deletePairLines, replaceScalar } from '../../engine/edits';

// The auth annotations of forward-auth and basic auth (auth-tls-* is client certificates: not ours).
const AUTH_KEYS = /^auth-(?!tls-)/;

function removeAnnotationsFix(v: IngressView): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const a of v.annotations.values()) {
    const name = annotationName(a.key);
    if (!name || !AUTH_KEYS.test(name) || a.conditional) continue;
    const e = deletePairLines(v.src, a.pair);
    if (!e) return undefined;
    edits.push(e);
  }
  return edits.length > 0 ? { title: 'Remove the auth annotations (the MCP server does its own OAuth)', edits, preferred: true } : undefined;
}

/** Outer range of a pair from its key to the end of its value. */
function pairSpan(src: Source, pair: Pair): { start: number; end: number } | undefined {
  const k = (pair.key as Node | null)?.range;
  const r = (pair.value as Node | null)?.range;
  return k && r ? { start: src.toOuter(k[0]), end: src.toOuter(r[1]) } : undefined;
}

/** Some backends serve something else: removing the auth would expose it too. */
function mixedBackends(v: IngressView, mcpHosts: readonly string[]): boolean {
  if (saysMcp(v.name?.pattern) || (v.chart && v.via === 'chart' && saysMcp(v.chart.chart))) return false;
  if (v.hosts.some((h) => hostSaysMcp(h.pattern) || (h.known && hostInList(h.pattern, mcpHosts)))) return false;
  const served = v.backends.filter((b) => b.service || b.path);
  return served.some((b) => !saysMcp(b.service?.pattern) && !isMcpPath(b.path?.pattern));
}

function message(v: IngressView): string {
  const host = v.hosts.find((h) => h.known)?.pattern ?? v.hosts[0]?.pattern;
  const where = host ? `The MCP host ${host}` : 'This MCP endpoint';
  if (v.authMode === 'basic')
    return `${where} is behind nginx basic auth: MCP clients (Claude, VS Code, Cursor) get nginx's 401 Basic challenge on /.well-known/oauth-protected-resource, /register, /token and /mcp instead of the server's OAuth metadata, and fail with "Failed to connect" or "invalid OAuth error response"; let the MCP server do its own OAuth.`;
  return `${where} is behind oauth2-proxy forward-auth: MCP clients (Claude, VS Code, Cursor) cannot do a browser login, so the metadata, /register, /authorize, /token and /mcp requests get a 302 to the login page or nginx's 401 instead of the server's own OAuth answers, and the client fails with "Failed to connect" or "invalid OAuth error response"; let the MCP server do its own OAuth.`;
}

export const rule: Rule = {
  meta: {
    id: 'mcp/behind-forward-auth',
    defaultSeverity: 'error',
    summary: 'An MCP host must not sit behind forward-auth or basic auth: MCP clients do their own OAuth token flow and need the metadata, /register, /authorize, /token and /mcp unauthenticated.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    // Only Applications with git-path sources can release a reusable ingress chart: other files do not depend on templates.
    const releases = ctx.file.charts.some((c) => c.via === 'application');
    const sub = releases ? subchartViews(ctx.file, ctx.index.all('ingressTemplates'), ctx.index.all('chartDefaults')) : [];
    const views = [...ingressViews(ctx.file), ...sub];
    for (const v of views) {
      if (v.authMode !== 'forward-auth' && v.authMode !== 'basic') continue;
      if (!isMcpIngress(v, ctx.config.mcp.hosts)) continue;
      const fixes: Fix[] = [];
      let at = v.anchor;
      if (v.via === 'subchart') {
        const on = (v.toggles ?? []).filter((t) => t.state === 'on');
        const first = on.find((t) => t.mode === v.authMode && t.pair) ?? on.find((t) => t.pair);
        if (first?.pair) at = pairSpan(v.src, first.pair) ?? at;
        // Every switch that is on must go off, or the other auth mode takes over.
        const edits = on.map((t) => {
          const tv = t.pair ? val(v.src, t.pair.value) : undefined;
          const e = tv && replaceScalar(tv, 'false');
          return e ? { ...e, newText: 'false' } : undefined;
        });
        if (edits.length > 0 && edits.every((e) => e)) fixes.push({ title: `Set ${on.map((t) => `${t.key}: false`).join(', ')} (the MCP server does its own OAuth)`, edits: edits as TextEdit[], preferred: true });
      } else {
        const a = v.authMode === 'forward-auth' ? annotation(v, 'auth-url') : annotation(v, 'auth-type');
        if (a) at = pairSpan(v.src, a.pair) ?? at;
        if (!mixedBackends(v, ctx.config.mcp.hosts)) {
          const fix = removeAnnotationsFix(v);
          if (fix) fixes.push(fix);
        }
      }
      ctx.report({ start: at.start, end: at.end, message: message(v), fixes });
    }
  },
};
