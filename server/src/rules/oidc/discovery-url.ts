// Settings that take the discovery document's URL (Open WebUI's OPENID_PROVIDER_URL, the
// open-webui chart's sso.oidc.providerUrl) are fetched as given: Open WebUI's authlib client loads
// `server_metadata_url` directly. The issuer's base URL is not a discovery document — Dex answers
// `…/api/dex` with a redirect to `…/api/dex/` and that with 404 — so the app cannot start its login.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { oidcUrls } from '../../engine/views/oidc';

export const SUFFIX = '/.well-known/openid-configuration';

export const rule: Rule = {
  meta: {
    id: 'oidc/discovery-url',
    defaultSeverity: 'warning',
    summary: 'Discovery-URL settings (OPENID_PROVIDER_URL, sso.oidc.providerUrl) must end in /.well-known/openid-configuration.',
    fixable: true,
  },
  check(ctx) {
    for (const u of oidcUrls(ctx.file)) {
      if (u.kind !== 'discovery') continue;
      // Unknown when a template may still supply the rest of the path.
      if (u.raw.endsWith(SUFFIX) || SUFFIX.endsWith(u.tail) || u.tail === '') continue;
      const other = u.tail.includes('/.well-known/');
      const fixes: Fix[] = [];
      if (!other && u.at) {
        const text = u.raw.endsWith('/') ? SUFFIX.slice(1) : SUFFIX;
        fixes.push({ title: `Append ${SUFFIX}`, edits: [{ start: u.at.end, end: u.at.end, newText: text }], preferred: true });
      }
      ctx.report({
        start: u.val.start,
        end: u.val.end,
        message: other
          ? `${u.setting} must point at the OpenID discovery document (…${SUFFIX}), not another .well-known document: the app cannot read the provider's endpoints and login fails.`
          : `${u.setting} must be the discovery document's URL, ending in ${SUFFIX}: the issuer's base URL is not a discovery document (Dex answers …/api/dex with a redirect and then 404), so the app's OIDC login fails to load the provider.`,
        fixes,
      });
    }
  },
};
