// OIDC clients (go-oidc in oauth2-proxy and Argo CD) fetch `<issuer>/.well-known/openid-configuration`
// and then require the document's `issuer` to equal the configured value byte for byte
// (oidc.NewProvider: "oidc: issuer did not match the issuer returned by provider"). A trailing `/`
// that the provider does not have, or a configured `/.well-known/…` suffix (fetched as
// `…/.well-known/openid-configuration/.well-known/openid-configuration`, a 404), stops the proxy from
// starting or breaks every login.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { oidcUrls } from '../../engine/views/oidc';

const WELL_KNOWN = '/.well-known/';
// Providers whose issuer really ends in `/` (Auth0 tenants, Azure AD v1 tokens).
const SLASH_ISSUERS = /^https:\/\/([^/]+\.auth0\.com|sts\.windows\.net\/[^/]+)\/$/;

export const rule: Rule = {
  meta: {
    id: 'oidc/issuer-url',
    defaultSeverity: 'error',
    summary: 'Issuer settings (--oidc-issuer-url, oidc.config issuer) must equal the issuer exactly: no trailing / and no /.well-known/ suffix.',
    fixable: true,
  },
  check(ctx) {
    for (const u of oidcUrls(ctx.file)) {
      if (u.kind !== 'issuer') continue;
      const wk = u.tail.indexOf(WELL_KNOWN);
      if (wk >= 0) {
        const cut = u.raw.length - (u.tail.length - wk);
        const fixes: Fix[] = u.at ? [{ title: 'Remove the /.well-known/… suffix', edits: [{ start: u.at.start + cut, end: u.at.end, newText: '' }], preferred: true }] : [];
        ctx.report({
          start: u.val.start,
          end: u.val.end,
          message: `${u.setting} is an issuer, not a discovery URL: the client appends /.well-known/openid-configuration itself, gets a 404 ("failed to get provider" / "issuer did not match"), and login fails.`,
          fixes,
        });
        continue;
      }
      if (!/\/+$/.test(u.tail) || (u.val.known && SLASH_ISSUERS.test(u.raw))) continue;
      const slashes = u.tail.length - u.tail.replace(/\/+$/, '').length;
      const fixes: Fix[] = u.at ? [{ title: 'Remove the trailing /', edits: [{ start: u.at.end - slashes, end: u.at.end, newText: '' }], preferred: true }] : [];
      ctx.report({
        start: u.val.start,
        end: u.val.end,
        message: `${u.setting} ends with "/": the issuer in the provider's discovery document does not (Dex: …/api/dex), and the client compares them exactly ("oidc: issuer did not match the issuer returned by provider"), so the proxy does not start or every login fails.`,
        fixes,
      });
    }
  },
};
