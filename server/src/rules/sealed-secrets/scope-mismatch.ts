// The controller decrypts with a label built from the SealedSecret's OWN metadata (Unseal → labelFor
// → EncryptionLabel): `<namespace>/<name>` for strict scope, `<namespace>` for namespace-wide, empty
// for cluster-wide. kubeseal writes the sealing-time name and namespace into both metadata and
// spec.template.metadata, so a difference between them means the object was renamed or moved after
// sealing. The template's copy is the one the ciphertext was made for: the fix restores metadata
// from it. Scope itself is never changed: it is baked into the ciphertext.
import type { Rule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import type { Val } from '../../engine/value';
import { sealedSecrets, type SealedSecretView } from '../../engine/views/secrets';

/** Both values written and both known, or both the same template expression. */
function differ(own: Val | undefined, sealed: Val | undefined): boolean {
  if (!own || !sealed) return false;
  if (!own.known || !sealed.known) return false;
  return own.text !== sealed.text;
}

function restore(own: Val, sealed: Val, what: string): Fix[] {
  if (!own.src.exact) return [];
  // The template's text as the user wrote it (quotes included) is valid YAML at the same place.
  const text = own.src.file.text.slice(sealed.start, sealed.end);
  return [{ title: `Restore metadata.${what} to \`${sealed.text}\` (the ${what} it was sealed for)`, edits: [{ start: own.start, end: own.end, newText: text }], preferred: true }];
}

function check(s: SealedSecretView, report: (r: { start: number; end: number; message: string; fixes: Fix[] }) => void): void {
  if (s.scope === undefined || s.scope === 'cluster-wide') return;
  const sealedFor = `${s.templateNamespace?.text ?? '?'}/${s.templateName?.text ?? '?'}`;
  if (differ(s.namespace, s.templateNamespace)) {
    const own = s.namespace!;
    const scopeWord = s.scope === 'strict' ? 'strict scope' : 'namespace-wide scope';
    report({
      start: own.start,
      end: own.end,
      message: `SealedSecret was sealed for namespace \`${s.templateNamespace!.text}\` (spec.template.metadata) but is placed in \`${own.text}\`: with ${scopeWord} the namespace is part of the decryption label, so the controller reports "no key could decrypt secret" and the Secret is never created.`,
      fixes: restore(own, s.templateNamespace!, 'namespace'),
    });
  }
  if (s.scope === 'strict' && differ(s.name, s.templateName)) {
    const own = s.name!;
    report({
      start: own.start,
      end: own.end,
      message: `SealedSecret was sealed as \`${sealedFor}\` (spec.template.metadata) but is named \`${own.text}\`: with strict scope the name is part of the decryption label, so the controller reports "no key could decrypt secret" and the Secret is never created.`,
      fixes: restore(own, s.templateName!, 'name'),
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'sealed-secrets/scope-mismatch',
    defaultSeverity: 'error',
    summary: 'A SealedSecret renamed or moved after sealing (metadata differs from spec.template.metadata under its scope) cannot be decrypted.',
    fixable: true,
  },
  check(ctx) {
    for (const s of sealedSecrets(ctx.file)) check(s, ctx.report);
  },
};
