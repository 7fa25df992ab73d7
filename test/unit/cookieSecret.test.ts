// oauth2-proxy's cookie-secret acceptance (SecretBytes + validateCookieSecret) against the ways
// people generate secrets (RULES.md, oauth2-proxy/cookie-secret). Inputs come from a seeded PRNG so
// every run sees the same secrets; each row states accept/reject and the key length.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rng as prng } from '../support/rng';
import { checkCookieSecret, checkCookieSecretBytes, newCookieSecret, rawUrlDecodedLength } from '../../server/src/engine/cookieSecret';

function bytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

const rand = prng(20240611);
/** python: base64.b64encode(secrets.token_bytes(32)) — standard alphabet, 44 characters with `=`. */
const b64 = (): string => bytes(rand, 32).toString('base64');
/** The first standard-base64 secret (in PRNG order) that has, or has not, a `+` or `/`. */
function b64Where(withSlashOrPlus: boolean): string {
  for (;;) {
    const s = b64();
    if (/[+/]/.test(s) === withSlashOrPlus) return s;
  }
}
const hex = (n: number): string => bytes(rand, n).toString('hex');
/** `head -c32 /dev/urandom | base64 | tr -d -- '\n' | tr -- '+/' '-_'` */
const urlWithPadding = (): string => bytes(rand, 32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
/** A 43-character base64url secret (python urlsafe_b64encode(...).rstrip('=') / Node base64url). */
const url43 = (): string => bytes(rand, 32).toString('base64url');
/** A typed password: letters, digits and punctuation. */
function password(n: number, alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#%^*()[]{}<>?'): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  // A password that happens to be pure base64url would be decoded instead; typed ones have punctuation.
  return /[^A-Za-z0-9_-]/.test(s) ? s : `${s.slice(0, -1)}!`;
}

interface Row {
  generator: string;
  value: string;
  ok: boolean;
  keyBytes: number;
  placeholder?: boolean;
  reason?: RegExp;
}

const rows: Row[] = [
  { generator: 'base64.b64encode(token_bytes(32)) without + or /', value: b64Where(false), ok: true, keyBytes: 32 },
  { generator: 'base64.b64encode(token_bytes(32)) with + or /', value: b64Where(true), ok: false, keyBytes: 44, reason: /standard base64/ },
  { generator: 'base64.b64encode(token_bytes(32)) + trailing newline (after =)', value: `${b64Where(false)}\n`, ok: false, keyBytes: 45, reason: /line break after/ },
  { generator: 'openssl rand -base64 32 (newline stripped, no + or /)', value: b64Where(false), ok: true, keyBytes: 32 },
  { generator: 'openssl rand -base64 32 (newline stripped, with + or /)', value: b64Where(true), ok: false, keyBytes: 44 },
  { generator: 'openssl rand -base64 32 (newline kept)', value: `${b64Where(false)}\n`, ok: false, keyBytes: 45 },
  { generator: 'secrets.token_hex(16): 32 hex characters read as base64url', value: hex(16), ok: true, keyBytes: 24, reason: /24-byte key/ },
  { generator: 'secrets.token_hex(32): 64 hex characters', value: hex(32), ok: false, keyBytes: 64, reason: /hex/ },
  { generator: "head -c32 /dev/urandom | base64 | tr -d '\\n' | tr '+/' '-_' (44 with =)", value: urlWithPadding(), ok: true, keyBytes: 32 },
  { generator: '43-character base64url', value: url43(), ok: true, keyBytes: 32 },
  { generator: '43-character base64url + newline', value: `${url43()}\n`, ok: true, keyBytes: 32 },
  { generator: '44-character base64url with =', value: `${url43()}=`, ok: true, keyBytes: 32 },
  { generator: '16-character password', value: password(16), ok: true, keyBytes: 16 },
  { generator: '24-character password', value: password(24), ok: true, keyBytes: 24 },
  { generator: '32-character password', value: password(32), ok: true, keyBytes: 32 },
  { generator: '32-character alphanumeric password (decodes as base64url)', value: password(32, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789').replace(/!$/, 'x'), ok: true, keyBytes: 24 },
  { generator: '20-character password', value: password(20), ok: false, keyBytes: 20 },
  { generator: 'chart placeholder XXXXXXXXXXXXXXXX', value: 'XXXXXXXXXXXXXXXX', ok: true, keyBytes: 16, placeholder: true, reason: /placeholder/ },
  { generator: 'empty', value: '', ok: false, keyBytes: 0 },
];

describe('checkCookieSecret: generators of RULES.md', () => {
  for (const r of rows) {
    it(`${r.generator} → ${r.ok ? 'accepted' : 'rejected'}, ${r.keyBytes}-byte key`, () => {
      const c = checkCookieSecret(r.value);
      assert.equal(c.ok, r.ok);
      assert.equal(c.keyBytes, r.keyBytes);
      assert.equal(!!c.insecurePlaceholder, !!r.placeholder);
      if (r.reason) assert.match(c.reason ?? '', r.reason);
      // Never the value itself in what a message may print.
      if (r.value.length >= 8) assert.ok(!(c.reason ?? '').includes(r.value.trim()), 'the reason must not contain the secret');
    });
  }
});

describe('rawUrlDecodedLength follows Go RawURLEncoding', () => {
  const cases: Array<[string, number | undefined]> = [
    ['', 0],
    ['QQ', 1],
    ['QUE', 2],
    ['QUFB', 3],
    ['Q', undefined],
    ['QU=', undefined],
    ['QU+B', undefined],
    ['QU\nFB\r\n', 3],
    ['QU FB', undefined],
  ];
  for (const [text, n] of cases) it(JSON.stringify(text), () => assert.equal(rawUrlDecodedLength(text), n));
});

describe('standard base64 of 32 bytes passes about one time in four', () => {
  it('400 seeded samples land between 18% and 34%', () => {
    const r = prng(7);
    let pass = 0;
    const n = 400;
    for (let i = 0; i < n; i++) if (checkCookieSecret(bytes(r, 32).toString('base64')).ok) pass++;
    const ratio = pass / n;
    // (62/64)^42 ≈ 0.264: 42 free characters must each avoid `+` and `/`.
    assert.ok(ratio > 0.18 && ratio < 0.34, `ratio ${ratio}`);
  });
});

describe('checkCookieSecretBytes (a Secret data value, base64-decoded)', () => {
  it('binary 32 bytes are a 32-byte key', () => assert.deepEqual([checkCookieSecretBytes(Buffer.alloc(32, 0xff)).ok, checkCookieSecretBytes(Buffer.alloc(32, 0xff)).keyBytes], [true, 32]));
  it('binary 33 bytes fail', () => assert.equal(checkCookieSecretBytes(Buffer.alloc(33, 0xff)).ok, false));
  it('text bytes go through the text test', () => assert.equal(checkCookieSecretBytes(Buffer.from(`${url43()}`)).keyBytes, 32));
});

describe('newCookieSecret', () => {
  it('is 43 base64url characters that oauth2-proxy reads as a 32-byte key, new each time', () => {
    const a = newCookieSecret();
    const b = newCookieSecret();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b);
    assert.deepEqual([checkCookieSecret(a).ok, checkCookieSecret(a).keyBytes], [true, 32]);
  });
});
