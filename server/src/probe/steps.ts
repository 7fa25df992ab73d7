// The discovery chain of the MCP authorization spec, walked the way MCP clients walk it. Each step
// makes its requests once and judges what it saw against both spec revisions, because clients in
// the field follow either; later steps build on what earlier ones found (kept in ProbeContext).
import { createHash, randomBytes } from 'node:crypto';
import { parseChallenges, type Challenge } from './challenge';
import { browserAuthSign, loginTargetProduct, type BrowserAuthSign } from './browserAuth';
import { getFollowing, isLoopbackHost, jsonObject, redirectTarget, request, showUrl, type FollowedOutcome, type HttpAnswer, type HttpOutcome } from './http';

export type SpecRevision = '2025-06-18' | '2025-11-25';
export const SPEC_REVISIONS: readonly SpecRevision[] = ['2025-06-18', '2025-11-25'];
export type StepId = '1' | '2' | '3' | '3b' | '4' | '5' | '6';
export type StepStatus = 'pass' | 'fail' | 'skip';

export interface Judgement {
  status: StepStatus;
  detail: string;
}
export type PerSpec = Record<SpecRevision, Judgement>;

export const STEP_TITLES: Record<StepId, string> = {
  '1': 'Unauthenticated request gets 401 with a Bearer resource_metadata challenge',
  '2': 'Protected-resource metadata (RFC 9728)',
  '3': 'Authorization server metadata (RFC 8414 / OpenID discovery)',
  '3b': 'Invalid and query-string tokens are refused',
  '4': 'Dynamic client registration (RFC 7591)',
  '5': 'Authorization endpoint accepts PKCE S256',
  '6': 'No browser-only auth in front of the endpoint',
};

/** The redirect URI the probe registers and asks for: loopback, as native MCP clients use. */
export const PROBE_REDIRECT_URI = 'http://127.0.0.1/cluster-auth-lint-probe/callback';
/** Must be refused at registration: plain http and not loopback. */
export const ATTACKER_REDIRECT_URI = 'http://attacker.example/cb';

interface DocFetch {
  url: string;
  followed: FollowedOutcome;
  doc?: Record<string, unknown>;
  problem?: string;
}

export interface ProbeContext {
  url: string;
  timeoutMs: number;
  protocolVersion: SpecRevision;
  /** Where the unauthenticated request ended after 307/308 hops. */
  endpointUrl: string;
  endpoint?: HttpOutcome;
  hops: string[];
  challenges: Challenge[];
  bearer?: Challenge;
  browserAuth?: BrowserAuthSign;
  advertisedPrm?: DocFetch;
  wellKnownPrm: DocFetch[];
  prm?: DocFetch & { doc: Record<string, unknown> };
  asUrl?: string;
  asAttempts: Array<DocFetch & { kind: 'oauth' | 'oidc' }>;
  asMeta?: { url: string; kind: 'oauth' | 'oidc'; doc: Record<string, unknown> };
  clientId?: string;
}

export function newContext(url: string, timeoutMs: number, protocolVersion: SpecRevision): ProbeContext {
  return { url, timeoutMs, protocolVersion, endpointUrl: url, hops: [], challenges: [], wellKnownPrm: [], asAttempts: [] };
}

const both = (status: StepStatus, detail: string): PerSpec => ({ '2025-06-18': { status, detail }, '2025-11-25': { status, detail } });
const per = (a: Judgement, b: Judgement): PerSpec => ({ '2025-06-18': a, '2025-11-25': b });

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** `error` and `error_description` of an OAuth error body, when the body is one. */
function oauthError(a: HttpAnswer): string {
  const parsed = jsonObject(a);
  if (!('value' in parsed)) return '';
  const { error, error_description: description } = parsed.value;
  if (typeof error !== 'string') return '';
  return typeof description === 'string' && description ? ` ${error} (${clip(description, 120)})` : ` ${error}`;
}

function reachable(ctx: ProbeContext): ctx is ProbeContext & { endpoint: HttpAnswer } {
  return ctx.endpoint?.ok === true;
}

function normalisedUrl(u: string): string | undefined {
  try {
    const x = new URL(u);
    x.hash = '';
    return x.href;
  } catch {
    return undefined;
  }
}

function isSecureOrLoopback(u: string): boolean {
  try {
    const x = new URL(u);
    return x.protocol === 'https:' || (x.protocol === 'http:' && isLoopbackHost(x.hostname));
  } catch {
    return false;
  }
}

function mcpHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra };
}

function initializeBody(ctx: ProbeContext): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: ctx.protocolVersion, capabilities: {}, clientInfo: { name: 'cluster-auth-lint-probe', version: '0.1.0' } },
  });
}

/** An MCP POST that follows 307/308 moves (not logins), as fetch in MCP clients does. */
async function postToEndpoint(ctx: ProbeContext, url: string, extra: Record<string, string> = {}): Promise<{ final: HttpOutcome; hops: string[] }> {
  const hops: string[] = [];
  let current = url;
  for (;;) {
    const final = await request(current, { method: 'POST', headers: mcpHeaders(extra), body: initializeBody(ctx) }, ctx.timeoutMs);
    if (!final.ok || (final.status !== 307 && final.status !== 308)) return { final, hops };
    const next = redirectTarget(final);
    if (!next || loginTargetProduct(next) || hops.includes(next) || hops.length >= 5) return { final, hops };
    hops.push(next);
    current = next;
  }
}

// ---------------------------------------------------------------------------------------------
// Step 1 (requests) and step 6 evidence: the unauthenticated MCP request.

export async function observeEndpoint(ctx: ProbeContext): Promise<void> {
  const { final, hops } = await postToEndpoint(ctx, ctx.url);
  ctx.endpoint = final;
  ctx.hops = hops;
  ctx.endpointUrl = hops.at(-1) ?? ctx.url;
  if (!final.ok) return;
  const header = final.headers.get('www-authenticate');
  ctx.challenges = header ? parseChallenges(header) : [];
  ctx.bearer = ctx.challenges.find((c) => c.scheme === 'bearer');
  ctx.browserAuth = browserAuthSign(final, ctx.bearer !== undefined);
}

function resourceMetadataUrl(ctx: ProbeContext): string | undefined {
  const raw = ctx.bearer?.params['resource_metadata'];
  if (raw === undefined) return undefined;
  try {
    return new URL(raw).href;
  } catch {
    return undefined;
  }
}

export function judgeStep1(ctx: ProbeContext): PerSpec {
  const e = ctx.endpoint;
  if (!e) return both('skip', 'not run');
  if (!e.ok) return both('fail', `cannot reach ${showUrl(ctx.url)}: ${e.message}. MCP clients cannot connect either.`);
  const moved = ctx.hops.length ? ` (after ${ctx.hops.map((h) => `→ ${showUrl(h)}`).join(' ')})` : '';
  if (ctx.browserAuth) {
    return both('fail', `${ctx.browserAuth.evidence}${moved} instead of 401: MCP clients get no Bearer challenge to start from (see step 6).`);
  }
  if (e.status === 403) {
    return both('fail', `HTTP 403${moved} instead of 401: MCP clients start authorization only on a 401, so they report "forbidden" and stop.`);
  }
  if (e.status >= 200 && e.status < 300) {
    return both('fail', `HTTP ${e.status}${moved} without any token: the endpoint is not protected (is the auth layer in front of this path?).`);
  }
  if (e.status !== 401) {
    return both('fail', `HTTP ${e.status}${moved} instead of 401: is this the MCP endpoint URL (often ending in /mcp)?`);
  }
  const header = e.headers.get('www-authenticate');
  const shown = header ? `WWW-Authenticate: ${clip(header, 300)}` : 'no WWW-Authenticate header';
  const wellKnown = ctx.wellKnownPrm.find((d) => d.doc && !d.problem);
  const fallback11: Judgement = wellKnown
    ? { status: 'pass', detail: `401${moved}, ${shown}. 2025-11-25 allows this: clients fall back to the protected-resource metadata at ${showUrl(wellKnown.url)}, which is served.` }
    : {
        status: 'fail',
        detail: `401${moved}, ${shown}, and no protected-resource metadata at the well-known path either: 2025-11-25 clients have no way to find the authorization server and give up.`,
      };
  const without06 = (what: string): Judgement => ({
    status: 'fail',
    detail: `401${moved}, ${what}. 2025-06-18 requires resource_metadata in the 401's WWW-Authenticate: clients that follow it have nowhere to start authorization and give up, usually without telling the user.`,
  });
  if (!ctx.bearer) {
    const schemes = ctx.challenges.map((c) => c.scheme).join(', ');
    return per(without06(header ? `${shown} (schemes: ${schemes || 'none parsed'}, no Bearer)` : shown), fallback11);
  }
  const raw = ctx.bearer.params['resource_metadata'];
  if (raw === undefined) return per(without06(`${shown} (a Bearer challenge without resource_metadata)`), fallback11);
  if (!resourceMetadataUrl(ctx)) {
    return both('fail', `401, ${shown}: resource_metadata is not an absolute URL, so clients cannot fetch it.`);
  }
  const notFirst = ctx.challenges[0]?.scheme !== 'bearer' ? ' Bearer is not the first challenge: the TypeScript SDK reads only the first and would miss resource_metadata.' : '';
  return both('pass', `401${moved}, ${shown}.${notFirst}`);
}

// ---------------------------------------------------------------------------------------------
// Step 2: protected-resource metadata, at the advertised URL and at the well-known paths.

async function fetchDoc(ctx: ProbeContext, url: string): Promise<DocFetch> {
  const followed = await getFollowing(url, { accept: 'application/json', 'mcp-protocol-version': ctx.protocolVersion }, ctx.timeoutMs);
  const final = followed.final;
  const via = followed.chain.length > 1 ? ` (via ${followed.chain.slice(1).map(showUrl).join(' → ')})` : '';
  const at = showUrl(url);
  if (followed.loop === 'repeat') return { url, followed, problem: `${at}: redirect loop ${followed.chain.map(showUrl).join(' → ')}` };
  if (followed.loop === 'too-many') return { url, followed, problem: `${at}: more than 5 redirects${via}` };
  if (!final.ok) return { url, followed, problem: `${at}${via}: ${final.message}` };
  const target = redirectTarget(final);
  if (target) {
    const product = loginTargetProduct(target);
    return {
      url,
      followed,
      problem: product
        ? `${at}${via}: HTTP ${final.status} → ${showUrl(target)} (${product}) instead of the document; metadata must be served without a login`
        : `${at}${via}: HTTP ${final.status} → ${showUrl(target)}, another origin, which the TypeScript SDK does not follow`,
    };
  }
  if (final.status < 200 || final.status > 299) return { url, followed, problem: `${at}${via}: HTTP ${final.status}` };
  const parsed = jsonObject(final);
  if ('problem' in parsed) return { url, followed, problem: `${at}${via}: ${parsed.problem}` };
  return { url, followed, doc: parsed.value };
}

/** Why a protected-resource document is unusable, or undefined when it is fine. */
function prmProblem(d: DocFetch, accepted: string[]): string | undefined {
  if (d.problem || !d.doc) return d.problem;
  const at = showUrl(d.url);
  const { resource, authorization_servers: servers } = d.doc;
  if (typeof resource !== 'string' || !resource) return `${at}: no "resource" field`;
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string')) {
    return `${at}: no "authorization_servers" entry, so clients have no authorization server to go to`;
  }
  if (!normalisedUrl(servers[0] as string)) return `${at}: authorization_servers[0] is not an absolute URL`;
  const got = normalisedUrl(resource);
  if (!got || !accepted.some((a) => normalisedUrl(a) === got)) {
    const expected = accepted[0];
    const prefixOk = got !== undefined && pathPrefixMatch(expected, got);
    return (
      `${at}: "resource" is ${resource}, not ${expected}, the URL it describes. RFC 9728 §3.3 tells clients not to use such a document` +
      (prefixOk ? ' (the TypeScript SDK tolerates a path prefix; stricter clients discard it)' : `; the TypeScript SDK stops with "Protected resource ${resource} does not match expected ${expected}"`)
    );
  }
  return undefined;
}

// The TypeScript SDK's own acceptance rule (checkResourceAllowed): same origin, path prefix on segment boundaries.
function pathPrefixMatch(requested: string, configured: string): boolean {
  const r = new URL(requested);
  const c = new URL(configured);
  if (r.origin !== c.origin || r.pathname.length < c.pathname.length) return false;
  const slash = (p: string): string => (p.endsWith('/') ? p : `${p}/`);
  return slash(r.pathname).startsWith(slash(c.pathname));
}

function wellKnownPrmUrls(endpointUrl: string): Array<{ url: string; describes: string[] }> {
  const u = new URL(endpointUrl);
  const path = u.pathname.replace(/\/$/, '');
  const resource = normalisedUrl(endpointUrl) as string;
  const root = { url: new URL('/.well-known/oauth-protected-resource', u).href, describes: [resource, `${u.origin}/`] };
  return path ? [{ url: new URL(`/.well-known/oauth-protected-resource${path}`, u).href, describes: [resource] }, root] : [root];
}

export async function runStep2(ctx: ProbeContext): Promise<PerSpec> {
  if (!reachable(ctx)) return both('skip', 'skipped: the endpoint could not be reached (step 1).');
  const resource = normalisedUrl(ctx.endpointUrl) as string;
  const lines: string[] = [];
  let advertisedProblem: string | undefined;
  const advertised = resourceMetadataUrl(ctx);
  if (advertised) {
    ctx.advertisedPrm = await fetchDoc(ctx, advertised);
    advertisedProblem = prmProblem(ctx.advertisedPrm, [resource]);
    if (!advertisedProblem) ctx.prm = ctx.advertisedPrm as DocFetch & { doc: Record<string, unknown> };
    lines.push(advertisedProblem ?? `advertised ${showUrl(advertised)}: served, resource ${String(ctx.advertisedPrm.doc?.resource)}`);
  }
  // Path-aware first, then the root, as 2025-11-25 clients (and the TypeScript SDK) do.
  for (const { url, describes } of wellKnownPrmUrls(ctx.endpointUrl)) {
    if (url === advertised && ctx.advertisedPrm) {
      ctx.wellKnownPrm.push(ctx.advertisedPrm);
      if (!advertisedProblem) break;
      continue;
    }
    const d = await fetchDoc(ctx, url);
    const problem = prmProblem(d, describes);
    ctx.wellKnownPrm.push(problem ? { ...d, problem } : d);
    if (!problem) {
      lines.push(`well-known ${showUrl(url)}: served, resource ${String(d.doc?.resource)}`);
      ctx.prm ??= d as DocFetch & { doc: Record<string, unknown> };
      break;
    }
    lines.push(problem);
  }
  if (advertised && advertisedProblem) {
    return both(
      'fail',
      `${lines.join('; ')}. Clients follow the advertised URL and do not fall back when it is broken, so they cannot find the authorization server.`,
    );
  }
  if (!ctx.prm) {
    return both(
      'fail',
      `${lines.join('; ')}. Without protected-resource metadata MCP clients cannot find the authorization server (the TypeScript SDK then guesses ${new URL(ctx.endpointUrl).origin} itself, the 2025-03-26 behaviour).`,
    );
  }
  if (ctx.prm === ctx.advertisedPrm && !ctx.wellKnownPrm.some((d) => d.doc && !d.problem)) {
    lines.push('(not needed while the 401 advertises the document, but clients that start at the well-known path will not find it)');
  }
  const servers = ctx.prm.doc.authorization_servers as string[];
  ctx.asUrl = servers[0];
  const asNote = `authorization server ${servers[0]}${servers.length > 1 ? ` (first of ${servers.length}; clients use the first)` : ''}`;
  return both('pass', `${lines.join('; ')}; ${asNote}.`);
}

// ---------------------------------------------------------------------------------------------
// Step 3: authorization server metadata.

function asDiscoveryUrls(asUrl: string): Array<{ url: string; kind: 'oauth' | 'oidc' }> {
  const u = new URL(asUrl);
  const path = u.pathname.replace(/\/$/, '');
  if (!path) {
    return [
      { url: new URL('/.well-known/oauth-authorization-server', u.origin).href, kind: 'oauth' },
      { url: new URL('/.well-known/openid-configuration', u.origin).href, kind: 'oidc' },
    ];
  }
  return [
    { url: new URL(`/.well-known/oauth-authorization-server${path}`, u.origin).href, kind: 'oauth' },
    { url: new URL(`/.well-known/openid-configuration${path}`, u.origin).href, kind: 'oidc' },
    { url: new URL(`${path}/.well-known/openid-configuration`, u.origin).href, kind: 'oidc' },
  ];
}

function endpointField(doc: Record<string, unknown>, name: string, problems: string[], required: boolean): string | undefined {
  const v = doc[name];
  if (v === undefined) {
    if (required) problems.push(`no ${name}`);
    return undefined;
  }
  if (typeof v !== 'string' || !normalisedUrl(v)) {
    problems.push(`${name} is not an absolute URL`);
    return undefined;
  }
  if (!isSecureOrLoopback(v)) problems.push(`${name} ${showUrl(v)} is not https (authorization server endpoints MUST use HTTPS)`);
  return v;
}

export async function runStep3(ctx: ProbeContext): Promise<PerSpec> {
  if (!ctx.asUrl) return both('skip', 'skipped: no authorization server known (step 2).');
  if (!normalisedUrl(ctx.asUrl)) return both('fail', `the authorization server ${clip(ctx.asUrl, 100)} is not a URL.`);
  for (const { url, kind } of asDiscoveryUrls(ctx.asUrl)) {
    const d = await fetchDoc(ctx, url);
    ctx.asAttempts.push({ ...d, kind });
    if (d.doc) {
      ctx.asMeta = { url, kind, doc: d.doc };
      break;
    }
  }
  const tried = ctx.asAttempts.filter((a) => !a.doc).map((a) => a.problem ?? showUrl(a.url));
  if (!ctx.asMeta) {
    return both('fail', `no authorization server metadata: ${tried.join('; ')}. MCP clients cannot learn where to send the user or get tokens, and stop.`);
  }
  const { doc, url, kind } = ctx.asMeta;
  const problems: string[] = [];
  const issuer = doc.issuer;
  if (typeof issuer !== 'string' || !issuer) problems.push('no issuer');
  else if (normalisedUrl(issuer) !== normalisedUrl(ctx.asUrl)) {
    problems.push(`issuer ${issuer} differs from ${ctx.asUrl} named in the resource metadata (RFC 8414 §3.3: clients must reject the document)`);
  }
  endpointField(doc, 'authorization_endpoint', problems, true);
  endpointField(doc, 'token_endpoint', problems, true);
  const registration = endpointField(doc, 'registration_endpoint', problems, false);
  const responseTypes = doc.response_types_supported;
  if (!Array.isArray(responseTypes)) problems.push('no response_types_supported (REQUIRED by RFC 8414; the TypeScript SDK rejects the document)');
  else if (!responseTypes.includes('code')) problems.push('response_types_supported lacks "code": the TypeScript SDK stops with "Incompatible auth server: does not support response type code"');
  const methods = doc.code_challenge_methods_supported;
  if (!Array.isArray(methods)) {
    problems.push('no code_challenge_methods_supported: the server does not advertise PKCE, so 2025-11-25 clients MUST refuse to proceed (OAuth 2.1 makes PKCE S256 mandatory)');
  } else if (!methods.includes('S256')) {
    problems.push(
      `code_challenge_methods_supported is ${JSON.stringify(methods)}, without S256: MCP clients refuse (the TypeScript SDK stops with "Incompatible auth server: does not support code challenge method S256")`,
    );
  }
  const cimd = doc.client_id_metadata_document_supported === true;
  const source = `${showUrl(url)} (${kind === 'oauth' ? 'RFC 8414' : 'OpenID discovery'})`;
  const before = tried.length ? ` after ${tried.join('; ')}` : '';
  const summary = `${source}${before}: issuer ${String(issuer)}, PKCE ${Array.isArray(methods) ? methods.join('/') : 'not advertised'}, ${registration ? `registration_endpoint ${showUrl(registration)}` : 'no registration_endpoint'}${cimd ? ', client ID metadata documents supported' : ''}`;

  const judge = (spec: SpecRevision): Judgement => {
    const own = [...problems];
    if (spec === '2025-06-18') {
      if (kind === 'oidc') own.unshift('no RFC 8414 metadata (only OpenID discovery, which 2025-06-18 clients do not try; 2025-11-25 clients do)');
      if (!registration) {
        own.push(
          'no registration_endpoint: 2025-06-18 clients rely on dynamic client registration (a SHOULD) and without it cannot get a client_id; the TypeScript SDK stops with "Incompatible auth server: does not support dynamic client registration", leaving users to pre-register a client by hand',
        );
      }
    } else if (!registration && !cimd) {
      own.push(
        'neither client ID metadata documents (client_id_metadata_document_supported, a SHOULD in 2025-11-25) nor dynamic registration: clients can only use a client ID the user pre-registers and enters by hand',
      );
    }
    const listed = own.join('; ');
    return own.length ? { status: 'fail', detail: `${summary}. ${listed.charAt(0).toUpperCase()}${listed.slice(1)}.` } : { status: 'pass', detail: `${summary}.` };
  };
  return per(judge('2025-06-18'), judge('2025-11-25'));
}

// ---------------------------------------------------------------------------------------------
// Step 3b: a made-up token, in the header and in the query string.

function randomToken(): string {
  return `calprobe${randomBytes(16).toString('hex')}`;
}

export async function runStep3b(ctx: ProbeContext): Promise<PerSpec> {
  if (!reachable(ctx)) return both('skip', 'skipped: the endpoint could not be reached (step 1).');
  if (ctx.browserAuth) return both('skip', 'skipped: the endpoint is behind browser-only auth (step 6).');
  const problems: string[] = [];
  const notes: string[] = [];
  const { final: bad } = await postToEndpoint(ctx, ctx.endpointUrl, { authorization: `Bearer ${randomToken()}` });
  if (!bad.ok) problems.push(`with a made-up Bearer token: ${bad.message}`);
  else if (bad.status === 401) {
    const bearer = parseChallenges(bad.headers.get('www-authenticate') ?? '').find((c) => c.scheme === 'bearer');
    if (bearer?.params['error'] === 'invalid_token') notes.push('a made-up Bearer token gets 401 error="invalid_token"');
    else {
      problems.push(
        `a made-up Bearer token gets 401 but ${bearer ? `error=${JSON.stringify(bearer.params['error'] ?? null)}` : 'no Bearer challenge'} instead of error="invalid_token" (RFC 6750 §3.1): clients cannot tell a rejected token from a missing one and may not refresh or re-authorize`,
      );
    }
  } else if (bad.status >= 200 && bad.status < 300) {
    problems.push(`a made-up Bearer token was let through (HTTP ${bad.status}): the endpoint does not validate tokens`);
  } else if (bad.status === 403) {
    problems.push('a made-up Bearer token gets 403 instead of 401 invalid_token: MCP clients re-authorize only on 401');
  } else {
    problems.push(`a made-up Bearer token gets HTTP ${bad.status} instead of 401`);
  }

  const query = new URL(ctx.endpointUrl);
  query.searchParams.set('access_token', randomToken());
  const { final: q } = await postToEndpoint(ctx, query.href);
  const openEndpoint = ctx.endpoint.status >= 200 && ctx.endpoint.status < 300;
  if (!q.ok) notes.push(`query-string token request: ${q.message}`);
  else if (q.status >= 200 && q.status < 300) {
    problems.push(
      openEndpoint
        ? `a request with ?access_token= is let through (HTTP ${q.status}), as is one without any token (step 1)`
        : `a made-up token in ?access_token= was let through (HTTP ${q.status}): tokens in the query string MUST NOT be accepted`,
    );
  } else notes.push(`a made-up token in ?access_token= gets HTTP ${q.status}`);
  return problems.length ? both('fail', `${problems.join('; ')}${notes.length ? `; ${notes.join('; ')}` : ''}.`) : both('pass', `${notes.join('; ')}.`);
}

// ---------------------------------------------------------------------------------------------
// Step 4: dynamic client registration, of a loopback public client and of a plain-http attacker.

async function register(ctx: ProbeContext, endpoint: string, redirectUri: string): Promise<HttpOutcome> {
  const body = {
    client_name: 'cluster-auth-lint probe',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
  return request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }, ctx.timeoutMs);
}

export async function runStep4(ctx: ProbeContext): Promise<PerSpec> {
  if (!ctx.asMeta) return both('skip', 'skipped: no authorization server metadata (step 3).');
  const endpoint = ctx.asMeta.doc.registration_endpoint;
  if (typeof endpoint !== 'string' || !normalisedUrl(endpoint)) {
    const cimd = ctx.asMeta.doc.client_id_metadata_document_supported === true;
    return per(
      { status: 'skip', detail: 'skipped: no registration_endpoint to try (step 3).' },
      { status: 'skip', detail: cimd ? 'skipped: no registration_endpoint; the server offers client ID metadata documents instead (registration is a MAY in 2025-11-25).' : 'skipped: no registration_endpoint to try (step 3).' },
    );
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const good = await register(ctx, endpoint, PROBE_REDIRECT_URI);
  if (!good.ok) problems.push(`registering a public client: ${good.message}`);
  else {
    const parsed = jsonObject(good);
    const doc = 'value' in parsed ? parsed.value : undefined;
    if (good.status >= 200 && good.status < 300 && typeof doc?.client_id === 'string' && doc.client_id) {
      ctx.clientId = doc.client_id;
      notes.push(`a public client with a loopback redirect URI got HTTP ${good.status} and a client_id${good.status === 201 ? '' : ' (RFC 7591 says 201)'}`);
      if (typeof doc.client_secret === 'string') notes.push(`the answer also holds a client_secret (${doc.client_secret.length} characters) though the client is public`);
    } else if (good.status >= 200 && good.status < 300) {
      problems.push(`registering a public client got HTTP ${good.status} but no client_id (${'problem' in parsed ? parsed.problem : 'missing field'})`);
    } else {
      problems.push(
        `registering a public client with a loopback redirect URI was refused (HTTP ${good.status}${oauthError(good)}): MCP clients register exactly this way (token_endpoint_auth_method none, http://127.0.0.1 redirect) and stop when it fails`,
      );
    }
  }
  const bad = await register(ctx, endpoint, ATTACKER_REDIRECT_URI);
  if (!bad.ok) problems.push(`registering ${ATTACKER_REDIRECT_URI}: ${bad.message}`);
  else if (bad.status >= 200 && bad.status < 300) {
    problems.push(
      `registering the redirect URI ${ATTACKER_REDIRECT_URI} was accepted (HTTP ${bad.status}): redirect URIs must be loopback or https, or a rogue client can collect authorization codes over plain HTTP`,
    );
  } else {
    const err = oauthError(bad);
    notes.push(`${ATTACKER_REDIRECT_URI} is refused (HTTP ${bad.status}${err})${/invalid_redirect_uri/.test(err) ? '' : ' — RFC 7591 names the error invalid_redirect_uri'}`);
  }
  return problems.length ? both('fail', `${problems.join('; ')}${notes.length ? `; ${notes.join('; ')}` : ''}.`) : both('pass', `${notes.join('; ')}.`);
}

// ---------------------------------------------------------------------------------------------
// Step 5: the authorization endpoint, with and without PKCE.

interface AuthorizeAnswer {
  refused: boolean;
  codeIssued: boolean;
  text: string;
}

function readAuthorizeAnswer(o: HttpOutcome): AuthorizeAnswer {
  if (!o.ok) return { refused: true, codeIssued: false, text: o.message };
  const target = redirectTarget(o);
  if (target) {
    const t = new URL(target);
    if (`${t.origin}${t.pathname}` === PROBE_REDIRECT_URI) {
      const error = t.searchParams.get('error');
      if (error) return { refused: true, codeIssued: false, text: `HTTP ${o.status} back to the redirect URI with error=${error}` };
      if (t.searchParams.has('code')) return { refused: false, codeIssued: true, text: `HTTP ${o.status} back to the redirect URI with an authorization code (approved without a login)` };
    }
    return { refused: false, codeIssued: false, text: `HTTP ${o.status} → ${showUrl(target)}` };
  }
  if (o.status >= 200 && o.status < 300) return { refused: false, codeIssued: false, text: `HTTP ${o.status} ${o.headers.get('content-type') ?? ''} (a login or consent page)`.trim() };
  return { refused: true, codeIssued: false, text: `HTTP ${o.status}${oauthError(o)}` };
}

export async function runStep5(ctx: ProbeContext): Promise<PerSpec> {
  if (!ctx.asMeta) return both('skip', 'skipped: no authorization server metadata (step 3).');
  const endpoint = ctx.asMeta.doc.authorization_endpoint;
  if (typeof endpoint !== 'string' || !normalisedUrl(endpoint)) return both('skip', 'skipped: no authorization_endpoint (step 3).');
  if (!ctx.clientId) return both('skip', 'skipped: no client_id to ask with (step 4).');
  const resource = typeof ctx.prm?.doc.resource === 'string' ? ctx.prm.doc.resource : ctx.url;
  const scopes = ctx.prm?.doc.scopes_supported;
  const build = (pkce: boolean): string => {
    const u = new URL(endpoint);
    u.searchParams.set('response_type', 'code');
    u.searchParams.set('client_id', ctx.clientId as string);
    u.searchParams.set('redirect_uri', PROBE_REDIRECT_URI);
    u.searchParams.set('state', randomBytes(12).toString('hex'));
    u.searchParams.set('resource', resource);
    if (Array.isArray(scopes) && scopes.length) u.searchParams.set('scope', scopes.join(' '));
    if (pkce) {
      const verifier = randomBytes(32).toString('base64url');
      u.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
      u.searchParams.set('code_challenge_method', 'S256');
    }
    return u.href;
  };
  const withPkce = readAuthorizeAnswer(await request(build(true), { headers: { accept: 'text/html' } }, ctx.timeoutMs));
  if (withPkce.refused) {
    return both('fail', `a PKCE S256 authorization request to ${showUrl(endpoint)} was refused: ${withPkce.text}. MCP clients send exactly this request and cannot sign the user in.`);
  }
  const claimsPkce = Array.isArray(ctx.asMeta.doc.code_challenge_methods_supported);
  if (!claimsPkce) return both('pass', `a PKCE S256 request: ${withPkce.text}. Not checked whether PKCE is required: the metadata does not claim PKCE.`);
  const without = readAuthorizeAnswer(await request(build(false), { headers: { accept: 'text/html' } }, ctx.timeoutMs));
  if (without.codeIssued) {
    return both(
      'fail',
      `a PKCE S256 request: ${withPkce.text}; but a request without code_challenge also got an authorization code (${without.text}): OAuth 2.1 requires PKCE for public clients, or an intercepted code can be redeemed by anyone.`,
    );
  }
  const second = without.refused
    ? `a request without code_challenge is refused (${without.text})`
    : `a request without code_challenge is not refused up front (${without.text}); the server may still enforce PKCE at the token endpoint, which the probe cannot reach without signing in`;
  return both('pass', `a PKCE S256 request: ${withPkce.text}; ${second}.`);
}

// ---------------------------------------------------------------------------------------------
// Step 6: browser-only auth in front of the endpoint.

export function judgeStep6(ctx: ProbeContext): PerSpec {
  if (!reachable(ctx)) return both('skip', 'skipped: the endpoint could not be reached (step 1).');
  const sign = ctx.browserAuth;
  if (!sign) return both('pass', `HTTP ${ctx.endpoint.status} to an unauthenticated request, without a login redirect or session cookie.`);
  return both(
    'fail',
    `behind browser-only auth (${sign.product}): ${sign.evidence}. MCP clients are not browsers: they cannot follow a login redirect or keep a session cookie, and most give up without saying why. Let the MCP path bypass the forward-auth and have the MCP server answer 401 with a Bearer challenge itself.`,
  );
}
