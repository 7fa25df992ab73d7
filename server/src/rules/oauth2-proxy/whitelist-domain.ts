// ingress-nginx sends the user to auth-signin with `rd=<scheme>://<app host><uri>` (an absolute
// URL) unless the sign-in URL carries its own `rd`. After login oauth2-proxy redirects there only
// when the host is covered by its whitelist_domains; otherwise it falls back to `/` on its own host.
import type { Rule } from '../../engine/rule';
import { annotation, annotationText, hostsDiffer, ingressViews, parseUrl, proxyFor, hostKey, redirectTargets, whitelistCovers } from '../../engine/views/ingress';
import type { ProxyFact } from '../../engine/views/oauth2proxy';

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/whitelist-domain',
    defaultSeverity: 'warning',
    summary: 'An ingress whose auth-signin is on another host needs its own host in the proxy\'s whitelist_domains, or users land on / after login instead of the page they asked for.',
    fixable: false,
    crossFile: true,
  },
  check(ctx) {
    const views = ingressViews(ctx.file).filter((v) => annotation(v, 'auth-signin'));
    // Ask the index only when there is something to compare: files without sign-in do not depend on proxies.
    if (views.length === 0) return;
    const all: ReadonlyArray<ProxyFact> = ctx.index.all('oauth2Proxies');
    if (all.length === 0) return;
    for (const v of views) {
      const a = annotation(v, 'auth-signin');
      const signin = annotationText(a);
      if (!a?.val || !signin) continue;
      const signinHost = parseUrl(signin.text).host;
      if (!signinHost || signinHost.includes('$')) continue;
      const proxy = proxyFor(v, ctx.index.by('oauth2Proxies', 'host', (p) => p.hosts.map(hostKey)));
      if (!proxy || proxy.whitelistDomains === undefined) continue;
      const targets = redirectTargets(v, signin.text);
      if (targets === 'relative' || targets === 'unknown') continue;
      const missing: string[] = [];
      for (const t of targets) {
        // A host that may be the sign-in host itself needs no whitelist (and tells us nothing).
        if (!hostsDiffer(t.pattern, signinHost)) continue;
        if (whitelistCovers(proxy.whitelistDomains, t.pattern) === false) missing.push(t.pattern);
      }
      if (missing.length === 0) continue;
      const list = proxy.whitelistDomains.length > 0 ? `its whitelist_domains (${proxy.whitelistDomains.join(', ')}) do not cover` : 'it has no whitelist_domains for';
      const parent = missing[0].includes('.') ? `.${missing[0].split('.').slice(1).join('.')}` : missing[0];
      ctx.report({
        start: a.val.start,
        end: a.val.end,
        message: `After login the oauth2-proxy at ${signinHost} will not send users back to ${missing.join(', ')}: ${list} it, so it logs "Rejecting invalid redirect … domain / port not in whitelist" and users land on ${signinHost}/ instead of the page they asked for; add --whitelist-domain=${parent} to the proxy.`,
        related: [{ file: proxy.file, span: proxy.span, message: 'the oauth2-proxy this ingress signs in with' }],
      });
    }
  },
};
