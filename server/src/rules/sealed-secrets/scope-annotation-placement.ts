// SecretScope reads `sealedsecrets.bitnami.com/cluster-wide` / `namespace-wide` from the object it is
// given; Unseal gives it the SealedSecret's own metadata, and compares with the exact string "true".
// A scope annotation that only sits in spec.template.metadata.annotations (where kubeseal also copies
// it), or whose value is "True"/"yes"/an unquoted boolean, therefore does not set the scope. No fix is
// offered: moving or rewriting the annotation changes the scope the controller decrypts with, and only
// re-sealing can change the scope of the ciphertext.
import { isScalar, Scalar, type Node, type Pair } from 'yaml';
import type { Rule } from '../../engine/rule';
import { val } from '../../engine/value';
import { CLUSTER_WIDE, NAMESPACE_WIDE, sealedSecrets, type Scope } from '../../engine/views/secrets';
import { pairOf } from '../../engine/yamlnav';

const SCOPE_OF: Record<string, Scope> = { [CLUSTER_WIDE]: 'cluster-wide', [NAMESPACE_WIDE]: 'namespace-wide' };
const RANK: Record<Scope, number> = { strict: 0, 'namespace-wide': 1, 'cluster-wide': 2 };
// Values someone writes meaning "true" that the controller does not take as "true".
const TRUTHY = /^(true|yes|y|on|1)$/i;
const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

export const rule: Rule = {
  meta: {
    id: 'sealed-secrets/scope-annotation-placement',
    defaultSeverity: 'warning',
    summary: 'Only the SealedSecret\'s own metadata.annotations with the exact string "true" set its scope; a scope annotation elsewhere or with another value is ignored.',
    fixable: false,
  },
  check(ctx) {
    for (const s of sealedSecrets(ctx.file)) {
      const src = s.manifest.src;
      for (const key of [CLUSTER_WIDE, NAMESPACE_WIDE]) {
        const own = pairOf(s.annotations, key) as Pair<Node, Node> | undefined;
        const v = own && isScalar(own.value) ? val(src, own.value) : undefined;
        if (own && v && v.known && !(typeof v.node.value === 'string' && v.text === 'true')) {
          if (v.node.type === Scalar.PLAIN && (typeof v.node.value !== 'string' || YAML11_BOOL.test(v.text))) {
            ctx.report({ start: v.start, end: v.end, message: `\`${key}: ${v.text}\` is not a string to Kubernetes (kubectl and Argo CD read YAML 1.1, where it is a boolean or a number), and annotations must be strings: the API server rejects the SealedSecret and nothing is applied; kubeseal writes "true" in quotes.` });
          } else if (TRUTHY.test(v.text)) {
            ctx.report({ start: v.start, end: v.end, message: `The controller compares \`${key}\` with the exact string "true", so "${v.text}" is ignored and this SealedSecret is decrypted with ${s.scope ?? 'strict'} scope: if it was sealed ${SCOPE_OF[key]}, the controller reports "no key could decrypt secret".` });
          }
        }
        if (s.scope === undefined) continue;
        const inTemplate = pairOf(s.templateAnnotations, key) as Pair<Node, Node> | undefined;
        const tv = inTemplate ? val(src, inTemplate.value) : undefined;
        if (!inTemplate || !tv || !tv.known || tv.text !== 'true') continue;
        if (RANK[SCOPE_OF[key]] <= RANK[s.scope]) continue;
        const start = src.toOuter((inTemplate.key as Node).range?.[0] ?? 0);
        ctx.report({
          start,
          end: tv.end,
          message: `\`${key}\` is only in spec.template.metadata.annotations, which the controller does not read for the scope: this SealedSecret is decrypted with ${s.scope} scope, and if it was sealed ${SCOPE_OF[key]} the controller reports "no key could decrypt secret"; put the annotation in metadata.annotations too (or re-seal with \`kubeseal --scope ${s.scope}\`).`,
        });
      }
    }
  },
};
