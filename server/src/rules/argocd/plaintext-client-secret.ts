// A client secret written into argocd-cm (oidc.config `clientSecret`, a Dex static client's
// `secret`) as a literal, or rendered into it by a template, is readable by anyone who can read
// ConfigMaps in Argo CD's namespace. Argo CD resolves `$secret:key` / `$key` in both places
// (util/settings/settings.go ReplaceStringSecret; util/dex/config.go ReplaceMapSecrets).
import type { Pair, YAMLMap } from 'yaml';
import type { Rule, RuleContext } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { val, type Val } from '../../engine/value';
import { argoCdSettings, type ArgoCdSettings } from '../../engine/views/argocd';
import { replaceScalar } from '../../engine/edits';
import { namedRefs, producersOf } from '../../engine/views/argocd-refs';
import { asMap, get, items, pairOf } from '../../engine/yamlnav';

const DEFAULT_SECRET = 'argocd-dex-secret';

/** A value that Argo CD will look up in a Secret: the literal text starts with `$`. */
function isReference(v: Val): boolean {
  return v.known ? v.text.startsWith('$') : v.pattern.startsWith('$');
}

/** The Secret this file's other references already use (most used first), so the new key joins them. */
function secretFor(refs: ReturnType<typeof namedRefs>, s: ArgoCdSettings): string {
  const counts = new Map<string, number>();
  for (const r of refs) if (r.settings === s) counts.set(r.secret, (counts.get(r.secret) ?? 0) + 1);
  let best = DEFAULT_SECRET;
  let n = 0;
  for (const [name, c] of counts) if (c > n) [best, n] = [name, c];
  return best;
}

function check(ctx: RuleContext, s: ArgoCdSettings, where: string, clientId: Val | undefined, secret: Val, secretName: string): void {
  if (isReference(secret) || (secret.known && secret.text === '')) return;
  const fixes: Fix[] = [];
  if (clientId?.known && /^[-._a-zA-Z0-9]+$/.test(clientId.text)) {
    const key = `${clientId.text}.clientSecret`;
    const ref = `$${secretName}:${key}`;
    const exists = producersOf(ctx.index, secretName, s.namespace).some((p) => p.keys.includes(key));
    const edit = replaceScalar(secret, ref);
    if (edit)
      fixes.push({
        title: exists ? `Reference ${ref} (the key exists)` : `Reference ${ref} (then seal the key "${key}" into Secret ${secretName}, labelled app.kubernetes.io/part-of: argocd)`,
        edits: [edit],
        preferred: true,
      });
  }
  const how = secret.known ? `a literal (${secret.text.length} characters)` : 'rendered from a template';
  ctx.report({
    start: secret.start,
    end: secret.end,
    message: `${where} is ${how} in argocd-cm, so anyone who can read ConfigMaps in Argo CD's namespace (and every Application diff of it) reads the client credential; reference a Secret key with "$<secret>:<key>" instead.`,
    fixes,
  });
}

export const rule: Rule = {
  meta: {
    id: 'argocd/plaintext-client-secret',
    defaultSeverity: 'warning',
    summary: "A client secret in oidc.config or a Dex static client is not a `$secret:key` reference: it is readable in argocd-cm.",
    fixable: true,
  },
  check(ctx) {
    const refs = namedRefs(ctx.file);
    for (const s of argoCdSettings(ctx.file)) {
      const name = secretFor(refs, s);
      const oidc = s.oidcConfig;
      if (oidc?.root) {
        const secret = val(oidc.src, get(oidc.root, 'clientSecret'));
        if (secret) check(ctx, s, 'oidc.config clientSecret', val(oidc.src, get(oidc.root, 'clientID')), secret, name);
      }
      const dex = s.dexConfig;
      if (dex?.root) {
        for (const c of items(get(dex.root, 'staticClients'))) {
          const client = asMap(c) as YAMLMap | undefined;
          const pair = pairOf(client, 'secret') as Pair | undefined;
          const secret = pair ? val(dex.src, pair.value) : undefined;
          const id = val(dex.src, get(client, 'id'));
          if (secret) check(ctx, s, `The secret of Dex static client ${id?.known ? `"${id.text}"` : '(templated id)'}`, id, secret, name);
        }
      }
    }
  },
};
