// auth-signin is where ingress-nginx sends the browser (a 302) when auth-url answers 401: the
// user's browser resolves that host, not the controller, so a cluster-internal name never loads.
import type { Rule } from '../../engine/rule';
import { annotation, classifyHost, ingressViews, nginxScope, parseUrl } from '../../engine/views/ingress';

export const rule: Rule = {
  meta: {
    id: 'ingress/auth-signin-internal',
    defaultSeverity: 'error',
    summary: 'auth-signin is a browser redirect: a cluster-internal host (*.svc, single label, pod/service IP) cannot be reached by the browser.',
    fixable: false,
  },
  check(ctx) {
    for (const v of ingressViews(ctx.file)) {
      if (nginxScope(v) === 'other') continue;
      const a = annotation(v, 'auth-signin');
      if (!a?.val) continue;
      const url = parseUrl(a.val.known ? a.val.text : a.val.pattern);
      if (!url.host) continue;
      const kind = classifyHost(url.host);
      if (kind !== 'internal' && kind !== 'single-label') continue;
      const what = kind === 'internal' ? 'a cluster-internal name' : 'a bare Service name';
      ctx.report({
        start: a.val.start,
        end: a.val.end,
        message: `auth-signin sends the user's browser to ${url.host}, ${what} that only resolves inside the cluster: instead of the login page users get "This site can't be reached" (DNS_PROBE_FINISHED_NXDOMAIN); use the proxy's public URL, e.g. https://oauth2.<your domain>/oauth2/start.`,
      });
    }
  },
};
