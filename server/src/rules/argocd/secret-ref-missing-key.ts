// `$secret:key` names a Secret that exists in the workspace but has no such key. Argo CD's
// ReplaceStringSecret logs "config referenced '...', but key does not exist in secret" and keeps the
// literal, so the provider (or Dex, for a static client) gets `$secret:key` as the credential.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { replaceScalar } from '../../engine/edits';
import { namedRefs, nearestKey, producerKeysTemplated, producersOf } from '../../engine/views/argocd-refs';

export const rule: Rule = {
  meta: {
    id: 'argocd/secret-ref-missing-key',
    defaultSeverity: 'error',
    summary: 'A `$secret:key` in dex.config/oidc.config names a key the Secret does not have: the literal is used as the credential.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    for (const ref of namedRefs(ctx.file)) {
      const producers = producersOf(ctx.index, ref.secret, ref.settings.namespace).filter((p) => p.source === 'Secret' || p.source === 'SealedSecret');
      if (producers.length === 0) continue;
      // An ExternalSecret, a templated key list or any other producer of the same name may hold the key.
      if (producersOf(ctx.index, ref.secret, ref.settings.namespace).length !== producers.length) continue;
      if (producers.some((p) => producerKeysTemplated(ctx.index, p))) continue;
      const keys = [...new Set(producers.flatMap((p) => p.keys))];
      if (keys.includes(ref.key)) continue;
      const near = nearestKey(ref.key, keys);
      const fixes: Fix[] = [];
      if (near) {
        const edit = replaceScalar(ref.val, `$${ref.secret}:${near}`);
        if (edit) fixes.push({ title: `Use the existing key "${near}" of Secret ${ref.secret}`, edits: [edit], preferred: true });
      }
      const sealed = producers.some((p) => p.source === 'SealedSecret');
      const advice = near ? `did you mean "${near}"?` : `${sealed ? 'seal' : 'add'} the key "${ref.key}" into Secret ${ref.secret}${sealed ? ' (kubeseal --merge-into)' : ''}.`;
      ctx.report({
        start: ref.val.start,
        end: ref.val.end,
        message: `Secret "${ref.secret}" has no key "${ref.key}", so Argo CD keeps the literal "${ref.val.text}" as the credential and the provider refuses it ("invalid_client", "Failed to get token from provider"); ${advice}`,
        related: producers.map((p) => ({ file: p.file, span: p.span, message: `${p.source} ${p.name} has the keys ${p.keys.map((k) => `"${k}"`).join(', ') || '(none)'}` })),
        fixes,
      });
    }
  },
};
