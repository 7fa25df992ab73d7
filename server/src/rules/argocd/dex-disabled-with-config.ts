// argo-helm `dex.enabled: false` removes the Dex Deployment and Service, but a non-empty
// `dex.config` still makes Argo CD configure SSO through Dex (IsDexConfigured) and proxy /api/dex to
// argocd-dex-server, which no longer exists.
import { isScalar } from 'yaml';
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { val } from '../../engine/value';
import { argoCdSettings } from '../../engine/views/argocd';
import { deleteEntry, replaceScalar } from '../../engine/edits';
import { pairRange } from '../../engine/source';
import { get } from '../../engine/yamlnav';

export const rule: Rule = {
  meta: {
    id: 'argocd/dex-disabled-with-config',
    defaultSeverity: 'error',
    summary: 'argo-helm `dex.enabled: false` with a non-empty `dex.config`: /api/dex is proxied to a Dex that is not deployed.',
    fixable: true,
  },
  check(ctx) {
    for (const s of argoCdSettings(ctx.file)) {
      if (s.via !== 'chart' || s.dexEnabled !== false || !s.dexEnabledPair || !s.cm) continue;
      const dex = s.dexConfig;
      if (!dex?.root || dex.root.items.length === 0) continue;
      const enabled = isScalar(s.dexEnabledPair.value) ? val(s.src, s.dexEnabledPair.value) : undefined;
      if (!enabled || !enabled.known) continue;
      const issuer = val(s.oidcConfig?.src ?? s.src, get(s.oidcConfig?.root, 'issuer'));
      // An oidc.config with its own issuer says Dex was meant to be off: dropping dex.config is then the safer edit.
      const foreignIssuer = !!issuer && !(issuer.known ? issuer.text : issuer.pattern).replace(/\/+$/, '').endsWith('/api/dex');
      const fixes: Fix[] = [];
      const enable = enabled.node.type === 'PLAIN' ? { start: enabled.start, end: enabled.end, newText: 'true' } : replaceScalar(enabled, 'true');
      if (enable && s.src.exact) fixes.push({ title: 'Enable Dex (dex.enabled: true)', edits: [enable], preferred: !foreignIssuer });
      const drop = deleteEntry(s.src, s.cm, dex.pair);
      if (drop) fixes.push({ title: 'Remove dex.config (SSO through oidc.config only)', edits: [drop], preferred: foreignIssuer || !enable });
      const at = pairRange(s.src, s.dexEnabledPair);
      ctx.report({
        start: at.start,
        end: at.end,
        message: 'dex.enabled is false but dex.config is set, so Argo CD still sends SSO logins to /api/dex and on to argocd-dex-server, which is not deployed: login fails with "Failed to query provider" (no such host argocd-dex-server).',
        related: [{ file: ctx.file.path, span: ctx.file.root.file.lines.span(pairRange(s.src, dex.pair).start, pairRange(s.src, dex.pair).end), message: 'dex.config is set here' }],
        fixes,
      });
    }
  },
};
