// Recognises the classic misconfiguration in front of an MCP endpoint: an auth layer built for
// browsers (oauth2-proxy behind ingress-nginx, Cloudflare Access, Authelia, Pomerium, a login
// page) that answers an API call with a redirect or a sign-in page instead of a 401.
import { redirectTarget, showUrl, type HttpAnswer } from './http';

export interface BrowserAuthSign {
  /** Who is in front, as far as the answer tells ("oauth2-proxy", "a login page"). */
  product: string;
  /** Status, redirect target (query values hidden) and cookie names: never cookie values. */
  evidence: string;
}

interface Pattern {
  product: string;
  test(u: URL): boolean;
}

const LOGIN_TARGETS: Pattern[] = [
  { product: 'oauth2-proxy', test: (u) => /\/oauth2\/(start|sign_in|auth)\b/.test(u.pathname) },
  { product: 'Cloudflare Access', test: (u) => u.hostname.endsWith('.cloudflareaccess.com') || u.pathname.includes('/cdn-cgi/access/') },
  { product: 'Pomerium', test: (u) => u.pathname.startsWith('/.pomerium/') },
  { product: 'Authelia', test: (u) => /authelia/i.test(u.hostname) || (u.searchParams.has('rd') && u.pathname === '/') },
  { product: 'an OpenID Connect login', test: (u) => u.searchParams.has('response_type') && u.searchParams.has('client_id') },
  { product: 'a login page', test: (u) => /(^|\/)(login|log-in|signin|sign-in|sign_in|sso|auth\/login)(\/|$|\.)/i.test(u.pathname) },
];

const SESSION_COOKIES: Array<[RegExp, string]> = [
  [/^_oauth2_proxy/, 'oauth2-proxy'],
  [/^CF_Authorization$/, 'Cloudflare Access'],
  [/^authelia_session$/, 'Authelia'],
  [/^_pomerium/, 'Pomerium'],
];

export function loginTargetProduct(url: string): string | undefined {
  try {
    const u = new URL(url);
    return LOGIN_TARGETS.find((p) => p.test(u))?.product;
  } catch {
    return undefined;
  }
}

function cookieNames(answer: HttpAnswer): string[] {
  return answer.headers.getSetCookie().map((c) => c.split('=')[0].trim()).filter(Boolean);
}

function looksLikeLoginPage(answer: HttpAnswer): boolean {
  if (!/text\/html/i.test(answer.headers.get('content-type') ?? '')) return false;
  return /<form/i.test(answer.body) && /type=["']?password|sign[ -]?in|log[ -]?in|oauth2\/start/i.test(answer.body);
}

/**
 * The sign of browser-only auth in an answer to an unauthenticated API request, if any. A 401
 * carrying a Bearer challenge is never one, whatever else it says.
 */
export function browserAuthSign(answer: HttpAnswer, hasBearerChallenge: boolean): BrowserAuthSign | undefined {
  if (answer.status === 401 && hasBearerChallenge) return undefined;
  const cookies = cookieNames(answer);
  const cookieProduct = SESSION_COOKIES.find(([re]) => cookies.some((c) => re.test(c)))?.[1];
  const cookieNote = cookies.length ? `; sets cookie ${cookies.join(', ')}` : '';
  const target = redirectTarget(answer);
  if (target) {
    const product = loginTargetProduct(target) ?? cookieProduct;
    // 307/308 keep the method and are how endpoints move; 301/302/303 turn the MCP POST into a GET,
    // which is how login flows start.
    if (product || [301, 302, 303].includes(answer.status)) {
      return { product: product ?? 'a redirect-based login', evidence: `${answer.status} → ${showUrl(target)}${cookieNote}` };
    }
    return undefined;
  }
  if (looksLikeLoginPage(answer)) {
    return { product: cookieProduct ?? 'a login page', evidence: `${answer.status} with an HTML sign-in form${cookieNote}` };
  }
  if (cookieProduct) return { product: cookieProduct, evidence: `${answer.status}${cookieNote}` };
  return undefined;
}
