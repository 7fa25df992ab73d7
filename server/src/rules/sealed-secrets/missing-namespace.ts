// Without metadata.namespace the namespace is decided when the object is applied (the Argo CD
// Application's destination, the Helm release, `kubectl -n`), while the ciphertext is bound to the
// namespace it was sealed for (kubeseal refuses to seal without one unless cluster-wide). Only an
// explicit namespace makes a mismatch visible and impossible.
import { isScalar, type Pair, type Node } from 'yaml';
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { columnOf, insertLineAfter, yamlScalar } from '../../engine/edits';
import { structuralTemplateIn } from '../../engine/source';
import { metadataRegion, sealedSecrets, type SealedSecretView } from '../../engine/views/secrets';
import { asMap, pairOf } from '../../engine/yamlnav';

function addNamespace(s: SealedSecretView, meta: Pair<Node, Node>): Fix[] {
  const src = s.manifest.src;
  const ns = s.templateNamespace;
  if (!ns || !ns.known || !src.exact) return [];
  const metaMap = asMap(meta.value);
  const namePair = pairOf(metaMap, 'name');
  const anchor = (namePair?.value ?? namePair?.key ?? metaMap?.items[0]?.key) as Node | undefined;
  const keyNode = (namePair?.key ?? metaMap?.items[0]?.key) as Node | undefined;
  if (!anchor?.range || !keyNode?.range) return [];
  const column = columnOf(src, src.toOuter(keyNode.range[0]));
  const line = `namespace: ${yamlScalar(ns.text)}`;
  return [{ title: `Add metadata.namespace: ${ns.text} (the namespace it was sealed for)`, edits: [insertLineAfter(src, src.toOuter(anchor.range[1]), column, line)], preferred: true }];
}

export const rule: Rule = {
  meta: {
    id: 'sealed-secrets/missing-namespace',
    defaultSeverity: 'warning',
    summary: 'A SealedSecret that is not cluster-wide should name its namespace: the namespace it is applied to must equal the one it was sealed for.',
    fixable: true,
  },
  check(ctx) {
    for (const s of sealedSecrets(ctx.file)) {
      if (s.scope === undefined || s.scope === 'cluster-wide') continue;
      const m = s.manifest;
      const meta = pairOf(m.map, 'metadata');
      const metaMap = asMap(meta?.value);
      if (!meta || !metaMap?.range) continue;
      if (s.namespace) continue;
      const nsPair = pairOf(metaMap, 'namespace');
      if (nsPair && nsPair.value && !isScalar(nsPair.value)) continue;
      // An include or a conditional inside metadata may well write the namespace.
      const region = metadataRegion(m);
      if (structuralTemplateIn(m.src, region[0], region[1])) continue;
      const key = meta.key as Node;
      const start = m.src.toOuter(key.range?.[0] ?? 0);
      const end = m.src.toOuter(key.range?.[1] ?? 0);
      const sealedNs = s.templateNamespace?.known ? ` (\`${s.templateNamespace.text}\`)` : '';
      ctx.report({
        start,
        end,
        message: `SealedSecret${s.name?.known ? ` \`${s.name.text}\`` : ''} has no metadata.namespace: it lands in whatever namespace it is applied to, and anywhere but the one it was sealed for${sealedNs} the controller reports "no key could decrypt secret".`,
        // An empty `namespace:` is replaced by hand; adding a second key would be a duplicate.
        fixes: nsPair ? [] : addNamespace(s, meta as Pair<Node, Node>),
      });
    }
  },
};
