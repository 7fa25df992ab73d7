// Unseal base64-decodes every encryptedData value with Go's StdEncoding (padded; only \r and \n are
// skipped) and HybridDecrypt then needs `2-byte RSA length || RSA ciphertext || AES-GCM output`
// (at least the 16-byte tag). A placeholder (`REPLACE_ME`, `<client-secret>`, `changeme`) fails one of
// those steps; the controller gives up on the whole SealedSecret and never creates the Secret, so the
// failure shows up elsewhere (a pod stuck in CreateContainerConfigError, a missing volume).
import { isScalar, type Node } from 'yaml';
import type { Rule } from '../../engine/rule';
import { val } from '../../engine/value';
import { sealedSecrets } from '../../engine/views/secrets';
import { keyString, pairs } from '../../engine/yamlnav';

const GCM_TAG = 16;
// The smallest RSA modulus anyone runs the controller with is far above this (default 4096 bits = 512 bytes).
const MIN_RSA_BYTES = 128;

/** Why a value cannot be ciphertext, or undefined when it can. */
export function notCiphertext(value: string): string | undefined {
  const b64 = value.replace(/[\r\n]/g, '');
  if (b64.length === 0) return 'it is empty (the controller reports "SealedSecret data is too short")';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return 'it is not standard padded base64 (the controller reports "illegal base64 data")';
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length < 2) return 'it is too short (the controller reports "SealedSecret data is too short")';
  const rsaLen = bytes.readUInt16BE(0);
  if (bytes.length < rsaLen + 2) return 'it is too short for the length it declares (the controller reports "SealedSecret data is too short")';
  if (rsaLen < MIN_RSA_BYTES || bytes.length < rsaLen + 2 + GCM_TAG) return 'it is too short to hold an RSA-encrypted key and an AES-GCM payload (decryption fails)';
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'sealed-secrets/placeholder-data',
    defaultSeverity: 'error',
    summary: 'encryptedData values must be kubeseal ciphertext; a placeholder makes the controller fail and the Secret is never created.',
    fixable: false,
  },
  check(ctx) {
    for (const s of sealedSecrets(ctx.file)) {
      const src = s.manifest.src;
      const secretName = s.name?.known ? ` \`${s.name.text}\`` : '';
      for (const p of pairs(s.encryptedData)) {
        const key = keyString(p) ?? '?';
        const node = p.value as Node | null;
        let why: string | undefined;
        let at: { start: number; end: number };
        if (!node || (isScalar(node) && (node.value === null || node.value === undefined))) {
          const k = (p.key as Node).range ?? [0, 0];
          at = { start: src.toOuter(k[0]), end: src.toOuter(k[1]) };
          why = 'it has no value (the controller reports "SealedSecret data is too short")';
        } else {
          const v = val(src, node);
          if (!v || !v.known) continue;
          at = v;
          why = typeof v.node.value === 'string' ? notCiphertext(v.text) : 'it is not a string';
        }
        if (!why) continue;
        const length = isScalar(node) && typeof node.value === 'string' ? ` (${node.value.length} characters)` : '';
        ctx.report({
          start: at.start,
          end: at.end,
          message: `encryptedData \`${key}\`${length} cannot be kubeseal ciphertext: ${why}, so the Secret${secretName} is never created and whatever reads it fails instead; seal the real value with kubeseal.`,
        });
      }
    }
  },
};
