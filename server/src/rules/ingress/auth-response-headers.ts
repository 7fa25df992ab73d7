// oauth2-proxy answers the auth subrequest with X-Auth-Request-* headers only when asked to
// (legacy_options.go getResponseHeaders): --set-xauthrequest adds User, Email, Preferred-Username
// and Groups, and with --pass-access-token as well, Access-Token. A header it does not send is
// copied to the backend as empty.
import type { Rule } from '../../engine/rule';
import { annotation, annotationText, ingressViews, proxyFor, hostKey } from '../../engine/views/ingress';
import type { ProxyFact } from '../../engine/views/oauth2proxy';

const XAUTH = new Set(['x-auth-request-user', 'x-auth-request-email', 'x-auth-request-preferred-username', 'x-auth-request-groups']);
const TOKEN = 'x-auth-request-access-token';

export const rule: Rule = {
  meta: {
    id: 'ingress/auth-response-headers',
    defaultSeverity: 'warning',
    summary: 'auth-response-headers asks for X-Auth-Request-* headers the oauth2-proxy does not send: they need --set-xauthrequest (and the access token also --pass-access-token).',
    fixable: false,
    crossFile: true,
  },
  check(ctx) {
    const views = ingressViews(ctx.file).filter((v) => annotation(v, 'auth-response-headers'));
    // Ask the index only when there is something to compare: files without the annotation do not depend on proxies.
    if (views.length === 0) return;
    const all: ReadonlyArray<ProxyFact> = ctx.index.all('oauth2Proxies');
    if (all.length === 0) return;
    for (const v of views) {
      const a = annotation(v, 'auth-response-headers');
      const t = annotationText(a);
      if (!a?.val || !t || !t.known) continue;
      const asked = t.text.split(',').map((h) => h.trim()).filter((h) => h !== '');
      const proxy = proxyFor(v, ctx.index.by('oauth2Proxies', 'host', (p) => p.hosts.map(hostKey)));
      if (!proxy) continue;
      const missing: string[] = [];
      let needX = false;
      let needToken = false;
      for (const h of asked) {
        const k = h.toLowerCase();
        if (!XAUTH.has(k) && k !== TOKEN) continue;
        const noX = proxy.setXAuthRequest === false;
        const noToken = k === TOKEN && proxy.passAccessToken === false;
        if (!noX && !noToken) continue;
        missing.push(h);
        needX ||= noX;
        needToken ||= noToken;
      }
      const needs = [needX && '--set-xauthrequest', needToken && '--pass-access-token'].filter(Boolean).join(' and ');
      if (missing.length === 0) continue;
      ctx.report({
        start: a.val.start,
        end: a.val.end,
        message: `auth-response-headers asks for ${missing.join(', ')}, but the oauth2-proxy this ingress uses never sends ${missing.length > 1 ? 'them' : 'it'} without ${needs}: the backend receives the header empty and sees no logged-in user (anonymous access, "missing header" or 401 from the app); add ${needs} to the proxy.`,
        related: [{ file: proxy.file, span: proxy.span, message: 'the oauth2-proxy that answers this ingress\'s auth-url' }],
      });
    }
  },
};
