// Argo CD reads accepted token audiences from one place only: `oidc.config.allowedAudiences`
// (settings.go, OAuth2AllowedAudiences). With Dex alone they are fixed to argo-cd and argo-cd-cli.
// An `*audiences*` key anywhere else (argocd-cm, argocd-cmd-params-cm, dex.config) is ignored.
import type { Pair, YAMLMap } from 'yaml';
import type { Rule } from '../../engine/rule';
import { templatedIn, type Source } from '../../engine/source';
import { argoCdSettings } from '../../engine/views/argocd';
import { dexViews } from '../../engine/views/dex';
import { asMap, get, getIn, keyString, pairs } from '../../engine/yamlnav';

const AUDIENCES = /audiences?$|audiences?[._-]/i;

interface Place {
  src: Source;
  map: YAMLMap | undefined;
  where: string;
}

function audienceKeys(p: Place): Pair[] {
  return pairs(p.map).filter((pair) => {
    const k = keyString(pair);
    const r = (pair.key as { range?: [number, number, number] } | null)?.range;
    return !!k && !!r && AUDIENCES.test(k) && !templatedIn(p.src, r[0], r[1]);
  });
}

export const rule: Rule = {
  meta: {
    id: 'argocd/unknown-audiences-key',
    defaultSeverity: 'warning',
    summary: 'Audience keys outside `oidc.config` (e.g. `server.additional.audiences`) do not exist in Argo CD; use Dex trustedPeers or oidc.config.allowedAudiences.',
    fixable: false,
  },
  check(ctx) {
    const places: Place[] = [];
    for (const s of argoCdSettings(ctx.file)) {
      places.push({ src: s.src, map: s.cm, where: 'argocd-cm' });
      if (s.chart?.values) places.push({ src: s.src, map: asMap(getIn(s.chart.values, ['configs', 'params'])), where: 'argocd-cmd-params-cm' });
    }
    for (const m of ctx.file.manifests) {
      if (m.kind === 'ConfigMap' && m.name?.known && m.name.text === 'argocd-cmd-params-cm') places.push({ src: m.src, map: asMap(get(m.map, 'data')), where: 'argocd-cmd-params-cm' });
    }
    for (const v of dexViews(ctx.file)) {
      if (!v.dex) continue;
      places.push({ src: v.dex.src, map: v.dex.root, where: 'dex.config' });
      for (const c of v.staticClients) places.push({ src: v.dex.src, map: c.map, where: 'a Dex static client' });
    }
    for (const p of places) {
      for (const pair of audienceKeys(p)) {
        const r = (pair.key as { range: [number, number, number] }).range;
        ctx.report({
          start: p.src.toOuter(r[0]),
          end: p.src.toOuter(r[1]),
          message: `Argo CD has no \`${keyString(pair)}\` setting in ${p.where}: it is ignored, so tokens issued to other clients are still refused ("invalid audience", 401); with Dex, add the client to \`trustedPeers\` of the \`argo-cd\` static client (scope \`audience:server:client_id:argo-cd\`), or list it in \`oidc.config\` \`allowedAudiences\` (Argo CD 2.6+).`,
        });
      }
    }
  },
};
