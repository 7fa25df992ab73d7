// Every component's fact extractor. A component adds its line here and declares its kinds in its
// own file (see ../facts.ts).
import type { FileFacts } from '../facts';
import type { FileModel } from '../model';
import { chartFacts } from './charts';
import { chartSecretFacts, secretFacts } from './secrets';
import { chartDefaultsFacts, ingressFacts, ingressTemplateFacts } from './ingress';
import { mcpWorkloadFacts } from './mcp';
import { kustomizationFacts, producedSecretFacts, secretRefFacts } from './argocd-refs';
import { oauth2ProxyFacts } from './oauth2proxy';

type Extractor = (model: FileModel) => FileFacts;

export const factExtractors: Extractor[] = [
  (m) => ({ charts: chartFacts(m) }),
  (m) => ({ secrets: secretFacts(m) }),
  (m) => ({ chartSecrets: chartSecretFacts(m) }),
  (m) => ({ ingresses: ingressFacts(m), ingressTemplates: ingressTemplateFacts(m), chartDefaults: chartDefaultsFacts(m), mcpWorkloads: mcpWorkloadFacts(m) }),
  (m) => ({ secretRefs: secretRefFacts(m), kustomizations: kustomizationFacts(m), producedSecrets: producedSecretFacts(m) }),
  (m) => ({ oauth2Proxies: oauth2ProxyFacts(m) }),
];

/** One file's facts; a failing extractor loses its own facts only. */
export function extractFacts(model: FileModel): FileFacts {
  const out: Record<string, unknown[]> = {};
  for (const extract of factExtractors) {
    let part: FileFacts;
    try {
      part = extract(model);
    } catch {
      continue;
    }
    for (const [k, list] of Object.entries(part)) if (list && list.length > 0) (out[k] ??= []).push(...list);
  }
  return out as FileFacts;
}
