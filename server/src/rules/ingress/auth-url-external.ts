// auth-url is fetched by the ingress-nginx controller itself, as a subrequest for every request to
// the protected host. A public hostname makes that subrequest leave the cluster through DNS and
// the edge (load balancer, tunnel, sometimes an IPv6 address the pods cannot route) and back in.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import type { RuleContext } from '../../engine/rule';
import { replaceScalar } from '../../engine/edits';
import { annotation, annotationText, classifyHost, ingressViews, nginxScope, parseUrl, type IngressView } from '../../engine/views/ingress';

const norm = (h: string) => h.toLowerCase().replace(/\.$/, '');

/**
 * A templated host is still known to be public when the same pattern is a browser-facing host: this
 * ingress's auth-signin host, a host some Ingress or oauth2-proxy serves, or a name under the
 * configured clusterDomain.
 */
function publicByPattern(ctx: RuleContext, v: IngressView, host: string): boolean {
  const h = norm(host);
  const signin = annotationText(annotation(v, 'auth-signin'));
  const signinHost = signin ? parseUrl(signin.text).host : undefined;
  if (signinHost && norm(signinHost) === h) return true;
  const domain = ctx.config.clusterDomain?.toLowerCase();
  const tail = h.slice(h.lastIndexOf('}}') + 2);
  if (domain && tail.endsWith(`.${domain}`)) return true;
  if (ctx.index.by('ingresses', 'normHost', (f) => f.hosts.map(norm)).has(h)) return true;
  return ctx.index.by('oauth2Proxies', 'normHost', (p) => p.hosts.map(norm)).has(h);
}

export const rule: Rule = {
  meta: {
    id: 'ingress/auth-url-external',
    defaultSeverity: 'warning',
    summary: 'auth-url is fetched by the controller from inside the cluster: a public hostname goes out through DNS and the edge and gives intermittent 500s; use the proxy\'s internal Service URL.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    for (const v of ingressViews(ctx.file)) {
      if (nginxScope(v) !== 'nginx') continue;
      const a = annotation(v, 'auth-url');
      if (!a?.val) continue;
      const url = parseUrl(a.val.known ? a.val.text : a.val.pattern);
      if (!url.host) continue;
      const kind = classifyHost(url.host);
      if (kind !== 'public' && !(kind === 'unknown' && publicByPattern(ctx, v, url.host))) continue;
      const fixes: Fix[] = [];
      // Only an oauth2-proxy endpoint (its default /oauth2 prefix) can be pointed at the configured proxy.
      if (url.path.startsWith('/oauth2/') && !`${url.path}${url.query}`.includes('{{')) {
        const target = `${ctx.config.oauth2Proxy.internalUrl.replace(/\/+$/, '')}${url.path}${url.query ? `?${url.query}` : ''}`;
        const edit = replaceScalar(a.val, target);
        if (edit) fixes.push({ title: `Use the cluster-internal oauth2-proxy URL (${target})`, edits: [edit], preferred: true });
      }
      ctx.report({
        start: a.val.start,
        end: a.val.end,
        message: `auth-url uses the public host ${url.host}, but ingress-nginx fetches it from inside the cluster on every request: the call leaves through DNS and the edge and comes back, and protected sites fail intermittently with 500 Internal Server Error ("auth request unexpected status"); point it at the proxy's Service (${ctx.config.oauth2Proxy.internalUrl}/oauth2/auth).`,
        fixes,
      });
    }
  },
};
