// With dex.config present, Argo CD still runs Dex and still sends every session check through it,
// whatever oidc.config says; oidc.config only takes over issuer, client and audiences. That works
// only when oidc.config's issuer is Argo CD's own Dex: exactly `url + "/api/dex"`.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import type { Node } from 'yaml';
import { deletePairLines, insertLineBefore, yamlScalar } from '../../engine/edits';
import { outerRange } from '../../engine/source';
import { dexViews, issuerVsDex, type DexView } from '../../engine/views/dex';

function dexIssuerText(v: DexView): string {
  return `${v.url!.raw.replace(/\/+$/, '')}/api/dex`;
}

function removeDexFix(v: DexView): Fix | undefined {
  const e = v.dex && deletePairLines(v.settings.src, v.dex.pair);
  return e ? { title: 'Remove dex.config (use the external OIDC provider only; with the argo-cd chart also set dex.enabled: false)', edits: [e] } : undefined;
}

export const rule: Rule = {
  meta: {
    id: 'argocd/oidc-issuer-not-dex',
    defaultSeverity: 'error',
    summary: 'oidc.config beside dex.config must use Argo CD\'s own Dex as issuer (`<url>/api/dex`); oidc.config does not turn Dex off.',
    fixable: true,
  },
  check(ctx) {
    for (const v of dexViews(ctx.file)) {
      const oidc = v.oidc;
      if (!v.dexConfigured || !oidc || !v.url || !v.settings.oidcConfig) continue;
      const expected = dexIssuerText(v);
      const fixes: Fix[] = [];
      if (oidc.issuer) {
        if (issuerVsDex(v) !== 'different') continue;
        if (oidc.issuer.src.exact) fixes.push({ title: `Set the issuer to Argo CD's Dex (${expected})`, edits: [{ start: oidc.issuer.start, end: oidc.issuer.end, newText: yamlScalar(expected) }], preferred: true });
        const remove = removeDexFix(v);
        if (remove) fixes.push(remove);
        ctx.report({
          start: oidc.issuer.start,
          end: oidc.issuer.end,
          message: `dex.config is set, so Argo CD still runs Dex with this issuer and checks every session through Dex: a foreign issuer breaks SSO login and sessions ("failed to verify token", login loop); use ${expected} or remove dex.config.`,
          fixes,
        });
        continue;
      }
      // No issuer at all: Argo CD hands Dex an empty issuer and Dex does not start.
      if (oidc.templated) continue;
      const key = outerRange(v.settings.src, v.settings.oidcConfig.pair.key as Node);
      const first = oidc.root.items[0];
      const firstKey = (first?.key as { range?: [number, number, number] } | undefined)?.range;
      if (firstKey && v.settings.oidcConfig.src.exact) {
        const at = v.settings.oidcConfig.src.toOuter(firstKey[0]);
        fixes.push({ title: `Add issuer: ${expected}`, edits: [insertLineBefore(v.settings.oidcConfig.src, at, `issuer: ${yamlScalar(expected)}`)], preferred: true });
      }
      const remove = removeDexFix(v);
      if (remove) fixes.push(remove);
      ctx.report({
        start: key.start,
        end: key.end,
        message: `oidc.config has no issuer while dex.config is set: Argo CD starts Dex with an empty issuer and Dex exits, so SSO login is down; set issuer: ${expected}.`,
        fixes,
      });
    }
  },
};
