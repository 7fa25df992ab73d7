// A literal cookie secret oauth2-proxy rejects at start-up (pkg/encryption/utils.go SecretBytes +
// pkg/validation/cookie.go validateCookieSecret, reproduced in engine/cookieSecret.ts), or the
// chart's published placeholder, which passes but lets anyone forge sessions. Checked wherever a
// literal can be written: the chart's config.cookieSecret, extraArgs / args `--cookie-secret`,
// TOML `cookie_secret`, env OAUTH2_PROXY_COOKIE_SECRET, and Secrets' `cookie-secret` keys. A fix
// writes a fresh 43-character base64url secret (32 random bytes) into plain text only.
import { isScalar, Scalar, type Pair } from 'yaml';
import type { Rule, RuleContext } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import { checkCookieSecret, checkCookieSecretBytes, newCookieSecret, type CookieSecretCheck } from '../../engine/cookieSecret';
import { templatedIn } from '../../engine/source';
import { val } from '../../engine/value';
import { asMap, get, keyString, pairs } from '../../engine/yamlnav';
import { configMapConfigs, effective, proxyInstances, type OptionSetting, type OptionValue } from '../../engine/views/oauth2proxy';
import { entryOf } from '../../engine/views/oauth2proxy-config';
import { replaceScalar } from '../../engine/edits';

const SECRET_KEYS = new Set(['cookie-secret', 'cookie_secret', 'OAUTH2_PROXY_COOKIE_SECRET']);

function describe(where: string, length: number, c: CookieSecretCheck): string {
  if (c.insecurePlaceholder) {
    return `The cookie secret (${where}) is the oauth2-proxy chart's published placeholder: oauth2-proxy accepts it as a 16-byte key, so anyone who reads the chart can forge session cookies and walk past the login; use 32 random bytes in base64url (43 characters).`;
  }
  return `oauth2-proxy rejects the cookie secret (${where}, ${length} characters) at start-up: ${c.reason}, a ${c.keyBytes}-byte key where AES needs 16, 24 or 32, so the pod crash-loops with "cookie_secret must be 16, 24, or 32 bytes to create an AES cipher, but is ${c.keyBytes} bytes"; use 32 random bytes in base64url (43 characters).`;
}

function fixWith(edit: TextEdit | undefined): Fix[] | undefined {
  return edit ? [{ title: 'Replace with a new random 32-byte secret (base64url, 43 characters)', edits: [edit], preferred: true }] : undefined;
}

/** An edit that puts the new secret exactly where this value is written (plain text only). */
function editFor(s: OptionSetting, v: OptionValue, secret: string): TextEdit | undefined {
  if (!v.exact || !s.src.exact) return undefined;
  const text = s.src.file.text;
  const current = text.slice(v.start, v.end);
  if (s.source === 'toml') {
    // Inside the TOML string's quotes.
    return /^(["']).*\1$/s.test(current) ? { start: v.start + 1, end: v.end - 1, newText: secret } : { start: v.start, end: v.end, newText: `"${secret}"` };
  }
  const node = s.pair?.value ?? s.env?.value?.node ?? s.item;
  const whole = node ? val(s.src, node) : undefined;
  if (whole && whole.start === v.start && whole.end === v.end) return replaceScalar(whole, secret);
  if (whole && whole.node.type === Scalar.PLAIN && secret.startsWith('-') && whole.start === v.start) return undefined;
  return { start: v.start, end: v.end, newText: secret };
}

function checkSetting(ctx: RuleContext, s: OptionSetting): void {
  for (const v of s.values) {
    if (!v.known) continue;
    const c = checkCookieSecret(v.text);
    if (c.ok && !c.insecurePlaceholder) continue;
    const where = s.source === 'toml' ? `config file \`cookie_secret\`` : s.source === 'flag' ? `\`--cookie-secret\`` : `\`${s.where}\``;
    ctx.report({
      start: v.start,
      end: v.end,
      message: describe(where, v.text.length, c),
      severity: c.ok ? 'warning' : undefined,
      fixes: fixWith(editFor(s, v, newCookieSecret())),
    });
  }
}

function checkSecrets(ctx: RuleContext): void {
  for (const m of ctx.file.manifests) {
    if (m.kind !== 'Secret' || !m.apiVersion.startsWith('v1')) continue;
    for (const field of ['stringData', 'data'] as const) {
      for (const p of pairs(asMap(get(m.map, field)))) {
        const key = keyString(p as Pair);
        if (!key || !SECRET_KEYS.has(key)) continue;
        const v = val(m.src, p.value);
        if (!v || !v.known || !isScalar(p.value)) continue;
        let c: CookieSecretCheck;
        let length: number;
        if (field === 'data') {
          const b64 = v.text.replace(/\s+/g, '');
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) continue;
          const bytes = Buffer.from(b64, 'base64');
          c = checkCookieSecretBytes(bytes);
          length = bytes.length;
        } else {
          c = checkCookieSecret(v.text);
          length = v.text.length;
        }
        if (c.ok && !c.insecurePlaceholder) continue;
        const where = `Secret \`${m.name?.pattern ?? '?'}\` ${field}.${key}${field === 'data' ? ', base64-decoded' : ''}`;
        ctx.report({
          start: v.start,
          end: v.end,
          message: describe(where, length, c),
          severity: c.ok ? 'warning' : undefined,
          fixes: field === 'stringData' ? fixWith(replaceScalar(v, newCookieSecret())) : undefined,
        });
      }
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/cookie-secret',
    defaultSeverity: 'error',
    summary: 'A literal cookie secret oauth2-proxy rejects at start-up (not 16, 24 or 32 bytes after its base64url test), or the chart placeholder (insecure).',
    fixable: true,
  },
  check(ctx) {
    for (const inst of proxyInstances(ctx.file)) {
      const e = effective(inst, 'cookie-secret');
      if (!e || e.isDefault) continue;
      for (const s of e.settings) if (!s.implicit) checkSetting(ctx, s);
    }
    for (const c of configMapConfigs(ctx.file)) {
      const entry = entryOf(c.cfg, 'cookie_secret');
      if (!entry || entry.value.kind !== 'string' || !entry.value.known) continue;
      const src = c.cfg.src;
      const v = entry.value;
      if (templatedIn(src, v.start, v.end)) continue;
      const start = src.toOuter(v.start);
      const end = src.exact ? src.toOuter(v.end - 1) + 1 : src.toOuter(v.end);
      const setting: OptionSetting = { name: 'cookie-secret', source: 'toml', rank: 1, where: `${c.key} cookie_secret`, values: [{ text: v.text, known: true, pattern: v.text, start, end, exact: src.exact }], complete: true, start, end, order: 0, src, entry, config: c.cfg };
      checkSetting(ctx, setting);
    }
    checkSecrets(ctx);
  },
};
