// The probe's only way onto the network: Node's global fetch with manual redirects and a deadline
// per request. Every failure (refused, DNS, TLS, timeout, oversize body, redirect loop) comes back
// as a value the steps can describe; nothing here throws.

/** What one request produced: an HTTP answer, or the reason there was none. */
export type HttpOutcome = HttpAnswer | HttpFailure;

export interface HttpAnswer {
  ok: true;
  url: string;
  status: number;
  headers: Headers;
  /** The body as text, cut at BODY_LIMIT bytes; empty when not read (event streams). */
  body: string;
  truncated: boolean;
}

export type FailureKind = 'timeout' | 'tls' | 'refused' | 'dns' | 'blocked-port' | 'network';

export interface HttpFailure {
  ok: false;
  url: string;
  kind: FailureKind;
  /** A sentence for people, naming the low-level code when there is one. */
  message: string;
}

export interface RequestSpec {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Metadata documents are small; a bigger answer is not what the probe asked for. */
export const BODY_LIMIT = 256 * 1024;

const USER_AGENT = 'cluster-auth-lint-probe';

// Codes Node/undici put on `error.cause` for certificate and handshake problems.
const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO)/;

export async function request(url: string, spec: RequestSpec, timeoutMs: number): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method: spec.method ?? 'GET',
      headers: { 'user-agent': USER_AGENT, ...spec.headers },
      body: spec.body,
      redirect: 'manual',
      signal,
    });
  } catch (e) {
    return { ok: false, url, ...classify(e, timeoutMs) };
  }
  const type = res.headers.get('content-type') ?? '';
  // An unprotected MCP endpoint may answer with an event stream that never ends: the status and
  // headers are the evidence, the stream is not.
  if (/text\/event-stream/i.test(type)) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: true, url, status: res.status, headers: res.headers, body: '', truncated: false };
  }
  try {
    const { text, truncated } = await readCapped(res, BODY_LIMIT);
    return { ok: true, url, status: res.status, headers: res.headers, body: text, truncated };
  } catch (e) {
    return { ok: false, url, ...classify(e, timeoutMs) };
  }
}

async function readCapped(res: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), truncated };
}

function classify(e: unknown, timeoutMs: number): { kind: FailureKind; message: string } {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return { kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
  }
  const code = err?.cause?.code ?? '';
  const causeMessage = (err?.cause?.message ?? err?.message ?? String(e)).split('\n')[0];
  if (TLS_CODES.test(code)) return { kind: 'tls', message: `TLS failed: ${tlsReason(code, causeMessage)} (${code})` };
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: 'connection refused (ECONNREFUSED): nothing listens there' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', message: `the host name does not resolve (${code})` };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', message: `connecting timed out (${code})` };
  if (causeMessage === 'bad port') {
    return { kind: 'blocked-port', message: 'fetch refuses this port (it is on the WHATWG "bad ports" list), and so do browser-based clients' };
  }
  return { kind: 'network', message: code ? `${causeMessage} (${code})` : causeMessage };
}

function tlsReason(code: string, fallback: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the certificate is self-signed';
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate does not name this host';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'the certificate chain does not lead to a trusted CA';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'the server did not answer with TLS (plain HTTP on an https URL?)';
    default:
      return fallback;
  }
}

/** A redirect's target, resolved against the URL that sent it; undefined when there is none. */
export function redirectTarget(answer: HttpAnswer): string | undefined {
  if (answer.status < 300 || answer.status > 399) return undefined;
  const location = answer.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, answer.url).href;
  } catch {
    return undefined;
  }
}

export interface FollowedOutcome {
  /** Every URL visited, first to last. */
  chain: string[];
  final: HttpOutcome;
  /** Set when following stopped at a URL already visited or after too many hops. */
  loop?: 'repeat' | 'too-many';
}

/**
 * GET with redirects followed by hand, keeping the chain as evidence and stopping at a loop. Like
 * the official TypeScript SDK's metadata discovery, only redirects within the origin are followed:
 * a redirect elsewhere is returned as the final answer (and the probe never wanders off to
 * whatever host a server names).
 */
export async function getFollowing(url: string, headers: Record<string, string>, timeoutMs: number, maxHops = 5): Promise<FollowedOutcome> {
  const chain = [url];
  let current = url;
  for (;;) {
    const final = await request(current, { headers }, timeoutMs);
    const next = final.ok ? redirectTarget(final) : undefined;
    if (!next || new URL(next).origin !== new URL(current).origin) return { chain, final };
    if (chain.includes(next)) return { chain: [...chain, next], final, loop: 'repeat' };
    if (chain.length > maxHops) return { chain: [...chain, next], final, loop: 'too-many' };
    chain.push(next);
    current = next;
  }
}

/**
 * A URL as it can be shown: origin and path, and only the names of its query parameters, since
 * their values may carry codes, states or tokens.
 */
export function showUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(unparsable URL)';
  }
  const names = [...new Set([...u.searchParams.keys()])];
  return `${u.origin}${u.pathname}${names.length ? ` (query: ${names.join(', ')})` : ''}`;
}

/** The body parsed as a JSON object, or why it is not one. */
export function jsonObject(answer: HttpAnswer): { value: Record<string, unknown> } | { problem: string } {
  const type = answer.headers.get('content-type') ?? '(none)';
  if (answer.truncated) return { problem: `the body is larger than ${BODY_LIMIT} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    const title = /<title[^>]*>([^<]{0,80})/i.exec(answer.body)?.[1]?.trim();
    const looks = title !== undefined ? `an HTML page titled "${title}"` : /<html|<!doctype/i.test(answer.body) ? 'an HTML page' : `${answer.body.length} bytes of non-JSON`;
    return { problem: `not JSON: content-type ${type}, ${looks}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'JSON, but not an object' };
  return { value: parsed as Record<string, unknown> };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
