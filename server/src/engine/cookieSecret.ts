// oauth2-proxy's acceptance test for a cookie secret, reproduced exactly (pkg/encryption/utils.go
// SecretBytes, pkg/validation/cookie.go validateCookieSecret): strip trailing `=`, decode the rest
// as unpadded base64url (Go's decoder skips CR and LF anywhere); when that yields 16, 24 or 32 bytes
// those bytes are the AES key, otherwise the original string's UTF-8 bytes are. The key must be
// 16, 24 or 32 bytes, or the proxy exits at start-up. Pure: no value ever leaves this module in a
// message, only lengths.
import { randomBytes } from 'node:crypto';

export interface CookieSecretCheck {
  ok: boolean;
  /** Length of the key oauth2-proxy would use. */
  keyBytes: number;
  /** How the key was read: decoded from base64url, or the text's own bytes. */
  encoding: 'base64url' | 'raw';
  /** Why it fails (or what to know when it passes), without the value. */
  reason?: string;
  /** The chart's placeholder: it passes, but everyone knows it. */
  insecurePlaceholder?: boolean;
}

const AES_SIZES = [16, 24, 32];
const URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Byte length that Go's base64.RawURLEncoding.DecodeString yields, or undefined when it returns
 * an error: a character outside the URL alphabet (`=` included: raw encodings have no padding), or
 * a length that leaves one character over. CR and LF are skipped wherever they are.
 */
export function rawUrlDecodedLength(text: string): number | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (!URL_ALPHABET.test(s)) return undefined;
  const rest = s.length % 4;
  if (rest === 1) return undefined;
  return Math.floor(s.length / 4) * 3 + (rest === 0 ? 0 : rest - 1);
}

/** The key length SecretBytes gives, and how it got there. */
export function secretKey(value: string): { keyBytes: number; encoding: 'base64url' | 'raw' } {
  const decoded = rawUrlDecodedLength(value.replace(/=+$/, ''));
  if (decoded !== undefined && AES_SIZES.includes(decoded)) return { keyBytes: decoded, encoding: 'base64url' };
  return { keyBytes: Buffer.byteLength(value, 'utf8'), encoding: 'raw' };
}

const PLACEHOLDER = /^X{16}$/;

export function checkCookieSecret(value: string): CookieSecretCheck {
  const { keyBytes, encoding } = secretKey(value);
  const ok = AES_SIZES.includes(keyBytes);
  const out: CookieSecretCheck = { ok, keyBytes, encoding };
  if (ok) {
    if (PLACEHOLDER.test(value)) {
      out.insecurePlaceholder = true;
      out.reason = "it is the chart's published placeholder, used as 16 raw bytes: anyone can forge session cookies";
    } else if (encoding === 'base64url' && keyBytes !== 32) {
      out.reason = `it decodes to a ${keyBytes}-byte key (AES-${keyBytes * 8}), not 32`;
    }
    return out;
  }
  out.reason = whyRejected(value);
  return out;
}

/** The likely cause of a rejection, in the words of the generator that produced it. */
function whyRejected(value: string): string {
  const n = value.length;
  if (n === 0) return 'the secret is empty';
  if (/=[\r\n]+$/.test(value)) return `a line break after the \`=\` padding keeps the ${n}-character text from being read as base64`;
  const core = value.replace(/[\r\n]/g, '');
  if (/^[A-Za-z0-9+/]+=*$/.test(core) && /[+/]/.test(core) && rawUrlDecodedLength(core.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')) !== undefined) {
    return `the ${n}-character text is standard base64 with \`+\` or \`/\`, which oauth2-proxy only decodes in the URL alphabet (\`-\` and \`_\`), so it takes the text itself as the key`;
  }
  if (/^[0-9a-fA-F]+$/.test(core)) return `the ${n}-character hex text is taken as ${n} raw bytes`;
  const decoded = rawUrlDecodedLength(core.replace(/=+$/, ''));
  if (decoded !== undefined) return `the ${n}-character text decodes to ${decoded} bytes, so it is used as ${Buffer.byteLength(value, 'utf8')} raw bytes instead`;
  return `the ${n}-character text is used as raw bytes`;
}

/** The same test for bytes that may not be text (a Secret's base64 `data`). */
export function checkCookieSecretBytes(bytes: Uint8Array): CookieSecretCheck {
  const text = Buffer.from(bytes).toString('utf8');
  if (Buffer.byteLength(text, 'utf8') === bytes.length && Buffer.from(text, 'utf8').equals(Buffer.from(bytes))) return checkCookieSecret(text);
  const ok = AES_SIZES.includes(bytes.length);
  return ok ? { ok, keyBytes: bytes.length, encoding: 'raw' } : { ok, keyBytes: bytes.length, encoding: 'raw', reason: `the ${bytes.length} bytes are not text, so they are the key as they are` };
}

/** A fresh secret as oauth2-proxy's docs generate it: 32 random bytes, base64url without padding (43 characters). */
export function newCookieSecret(): string {
  return randomBytes(32).toString('base64url');
}
