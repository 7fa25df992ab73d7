// Shared builders for the sealed-secrets rule tests: realistic SealedSecrets with values shaped
// like kubeseal output (2-byte RSA length, 512-byte RSA block, AES-GCM payload), from a fixed seed.
import { y } from '../../support/yaml';
import { createHash } from 'node:crypto';

/** Deterministic bytes that have the shape of kubeseal ciphertext (not a real ciphertext). */
export function fakeCiphertext(seed: string, payload = 24): string {
  const out = Buffer.alloc(2 + 512 + payload + 16);
  out.writeUInt16BE(512, 0);
  let block = Buffer.from(seed);
  for (let i = 2; i < out.length; i += 32) {
    block = createHash('sha256').update(block).digest();
    block.copy(out, i, 0, Math.min(32, out.length - i));
  }
  return out.toString('base64');
}

export { y };

export interface SealedOpts {
  name?: string;
  namespace?: string | null;
  templateName?: string | null;
  templateNamespace?: string | null;
  annotations?: string[];
  templateAnnotations?: string[];
  templateType?: string;
  data?: Record<string, string>;
}

export function sealed(o: SealedOpts = {}): string {
  const name = o.name ?? 'grafana-oauth-secret';
  const ns = o.namespace === undefined ? 'monitoring' : o.namespace;
  const tName = o.templateName === undefined ? name : o.templateName;
  const tNs = o.templateNamespace === undefined ? (ns ?? 'monitoring') : o.templateNamespace;
  const data = o.data ?? { CLIENT_SECRET: fakeCiphertext('client-secret') };
  const lines = ['---', 'apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', `  name: ${name}`];
  if (ns !== null) lines.push(`  namespace: ${ns}`);
  if (o.annotations) lines.push('  annotations:', ...o.annotations.map((a) => `    ${a}`));
  lines.push('spec:', '  encryptedData:', ...Object.entries(data).map(([k, v]) => `    ${k}: ${v}`), '  template:', '    metadata:');
  if (o.templateAnnotations) lines.push('      annotations:', ...o.templateAnnotations.map((a) => `        ${a}`));
  if (tName !== null) lines.push(`      name: ${tName}`);
  if (tNs !== null) lines.push(`      namespace: ${tNs}`);
  if (o.templateType) lines.push(`    type: ${o.templateType}`);
  return y(...lines);
}
