// The explicit rule registry: every shipped rule, by component. A rule file that is not listed
// here does not run (and the parity test fails).
import type { Rule } from '../engine/rule';
import type { RuleMeta } from '../engine/types';
import { oauth2ProxyRules } from './oauth2-proxy/index';
import { ingressRules } from './ingress/index';
import { mcpRules } from './mcp/index';
import { argocdRules } from './argocd/index';
import { sealedSecretsRules } from './sealed-secrets/index';
import { workloadsRules } from './workloads/index';
import { grafanaRules } from './grafana/index';
import { oidcRules } from './oidc/index';
import { schemaRules } from './schema/index';

export const rules: Rule[] = [
  ...oauth2ProxyRules,
  ...ingressRules,
  ...mcpRules,
  ...argocdRules,
  ...sealedSecretsRules,
  ...workloadsRules,
  ...grafanaRules,
  ...oidcRules,
  ...schemaRules,
];

const byId = new Map(rules.map((r) => [r.meta.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id)?.meta;
}

let docsBase = 'https://github.com/cluster-auth-lint/cluster-auth-lint/blob/main/docs/rules/';

/** Where rule docs live: the repository by default, the extension's own copy when the server knows it. */
export function setDocsBase(base: string): void {
  docsBase = base.endsWith('/') ? base : `${base}/`;
}

export function docsUrl(id: string): string {
  return `${docsBase}${id}.md`;
}
