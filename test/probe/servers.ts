// Real servers on 127.0.0.1 for the probe tests: an MCP server built with the official SDK (its
// auth router, an in-memory OAuth provider and requireBearerAuth), variants of it broken one way
// each, forward-auth stubs and raw misbehaving HTTP servers. Every server listens on port 0.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import { mcpAuthRouter, createOAuthMetadata, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { CustomOAuthError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthServerProvider, AuthorizationParams } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface Running {
  url: string;
  origin: string;
  close(): Promise<void>;
  /** Values a probe must never print: authorization codes and secrets the server handed out. */
  secrets: string[];
}

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closer(server: http.Server | https.Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

// ---------------------------------------------------------------------------------------------
// The compliant MCP server and its variants.

export interface McpVariant {
  /** Drop WWW-Authenticate from every /mcp answer. */
  stripWwwAuthenticate?: boolean;
  /** Keep the Bearer challenge but leave resource_metadata out of it. */
  noResourceMetadata?: boolean;
  /** A clients store without registerClient: the SDK then serves no registration endpoint. */
  noRegistration?: boolean;
  /** Register any redirect URI, plain-http attacker ones included. */
  acceptAnyRedirectUri?: boolean;
  /** Hand a client_secret to public clients too. */
  secretForPublicClients?: boolean;
  /** Rewrite the authorization server metadata document. */
  metadata?: (m: OAuthMetadata) => Record<string, unknown>;
  /** Serve the (rewritten) metadata only as OpenID discovery; RFC 8414 answers 404. */
  oidcOnly?: boolean;
  /** The resource the protected-resource metadata names (default: the /mcp URL). */
  resourceServerPath?: string;
  /** The token verifier throws a plain Error (as the SDK's demo does), which becomes a 500. */
  verifierThrowsPlainError?: boolean;
}

class InMemoryClients implements OAuthRegisteredClientsStore {
  readonly clients = new Map<string, OAuthClientInformationFull>();
  constructor(private readonly variant: McpVariant, private readonly secrets: string[]) {}
  async getClient(clientId: string): Promise<OAuthClientInformationFull | undefined> {
    return this.clients.get(clientId);
  }
  async registerClient(client: Omit<OAuthClientInformationFull, 'client_id' | 'client_id_issued_at'>): Promise<OAuthClientInformationFull> {
    // Redirect URIs must be loopback or https (MCP authorization, communication security).
    const bad = client.redirect_uris.find((u) => {
      const x = new URL(u);
      return !(x.protocol === 'https:' || (x.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(x.hostname)));
    });
    if (bad && !this.variant.acceptAnyRedirectUri) throw new CustomOAuthError('invalid_redirect_uri', `redirect URI ${bad} must be loopback or https`);
    const full = { ...client, client_id: (client as OAuthClientInformationFull).client_id ?? randomUUID() } as OAuthClientInformationFull;
    if (this.variant.secretForPublicClients) {
      full.client_secret = randomUUID().replace(/-/g, '');
      this.secrets.push(full.client_secret);
    }
    this.clients.set(full.client_id, full);
    return full;
  }
}

class InMemoryProvider implements OAuthServerProvider {
  private readonly codes = new Map<string, { client: OAuthClientInformationFull; params: AuthorizationParams }>();
  private readonly tokens = new Map<string, AuthInfo>();
  readonly clientsStore: OAuthRegisteredClientsStore;

  constructor(private readonly variant: McpVariant, private readonly secrets: string[]) {
    const store = new InMemoryClients(variant, secrets);
    this.clientsStore = variant.noRegistration ? { getClient: (id) => store.getClient(id) } : store;
  }

  // Approves at once, as the SDK's demo provider does: a real one would show a login page first.
  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    const code = randomUUID();
    this.secrets.push(code);
    this.codes.set(code, { client, params });
    const target = new URL(params.redirectUri);
    target.searchParams.set('code', code);
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    res.redirect(302, target.href);
  }

  async challengeForAuthorizationCode(_client: OAuthClientInformationFull, code: string): Promise<string> {
    const data = this.codes.get(code);
    if (!data) throw new Error('unknown code');
    return data.params.codeChallenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<OAuthTokens> {
    const data = this.codes.get(code);
    if (!data || data.client.client_id !== client.client_id) throw new Error('unknown code');
    this.codes.delete(code);
    const token = randomUUID();
    this.secrets.push(token);
    this.tokens.set(token, { token, clientId: client.client_id, scopes: data.params.scopes ?? [], expiresAt: Math.floor(Date.now() / 1000) + 3600, resource: data.params.resource });
    return { access_token: token, token_type: 'bearer', expires_in: 3600 };
  }

  async exchangeRefreshToken(): Promise<OAuthTokens> {
    throw new Error('refresh tokens are not issued');
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const info = this.tokens.get(token);
    if (info) return info;
    if (this.variant.verifierThrowsPlainError) throw new Error('Invalid or expired token');
    throw new InvalidTokenError('Invalid or expired token');
  }
}

function mcpHandler(): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const server = new McpServer({ name: 'probe-test', version: '1.0.0' });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };
}

export async function startMcpServer(variant: McpVariant = {}): Promise<Running> {
  const app = express();
  const server = http.createServer(app);
  const origin = await listen(server);
  const secrets: string[] = [];
  const mcpUrl = new URL('/mcp', origin);
  const issuerUrl = new URL(`${origin}/`);
  const provider = new InMemoryProvider(variant, secrets);
  const resourceServerUrl = new URL(variant.resourceServerPath ?? '/mcp', origin);

  if (variant.metadata || variant.oidcOnly) {
    const rewritten = (variant.metadata ?? ((m) => ({ ...m })))(createOAuthMetadata({ provider, issuerUrl }));
    app.get(variant.oidcOnly ? '/.well-known/openid-configuration' : '/.well-known/oauth-authorization-server', (_req, res) => {
      res.json(rewritten);
    });
    if (variant.oidcOnly) app.get('/.well-known/oauth-authorization-server', (_req, res) => res.status(404).json({ error: 'not_found' }));
  }
  app.use(
    mcpAuthRouter({
      provider,
      issuerUrl,
      resourceServerUrl,
      authorizationOptions: { rateLimit: false },
      clientRegistrationOptions: { rateLimit: false },
      tokenOptions: { rateLimit: false },
    }),
  );
  const bearer = requireBearerAuth({
    verifier: provider,
    resourceMetadataUrl: variant.noResourceMetadata ? undefined : getOAuthProtectedResourceMetadataUrl(resourceServerUrl),
  });
  const strip = (_req: Request, res: Response, next: NextFunction): void => {
    if (variant.stripWwwAuthenticate) {
      const set = res.setHeader.bind(res);
      res.setHeader = (name: string, value: number | string | readonly string[]) => (name.toLowerCase() === 'www-authenticate' ? res : set(name, value));
    }
    next();
  };
  app.post('/mcp', strip, bearer, express.json(), mcpHandler());
  app.get('/mcp', strip, bearer, mcpHandler());
  return { url: mcpUrl.href, origin, secrets, close: closer(server) };
}

// ---------------------------------------------------------------------------------------------
// Forward-auth stubs: what sits in front of an MCP server when it is protected like a web app.

export type ForwardAuthKind = 'oauth2-proxy' | 'cloudflare-access' | 'login-page';

export async function startForwardAuthStub(kind: ForwardAuthKind): Promise<Running> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    req.resume();
    if (kind === 'oauth2-proxy') {
      // ingress-nginx `auth-signin`: every unauthenticated request goes to /oauth2/start, which
      // sets a CSRF cookie and sends the browser to the IdP's login page.
      if (path === '/oauth2/start') {
        res.writeHead(302, { location: `${origin}/idp/auth?client_id=oauth2-proxy&response_type=code&state=abc`, 'set-cookie': '_oauth2_proxy_csrf=csrfvalue; HttpOnly' });
        res.end();
      } else if (path === '/idp/auth') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><head><title>Sign in to Dex</title></head><body><form method="post"><input type="password" name="password"></form></body></html>');
      } else {
        res.writeHead(302, { location: `${origin}/oauth2/start?rd=${encodeURIComponent(req.url ?? '/')}` });
        res.end();
      }
    } else if (kind === 'cloudflare-access') {
      res.writeHead(302, { location: `${origin}/cdn-cgi/access/login/mcp.example.com?kid=abc&redirect_url=%2Fmcp`, 'set-cookie': 'CF_AppSession=xyz; HttpOnly' });
      res.end();
    } else {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': '_oauth2_proxy_csrf=csrfvalue; HttpOnly' });
      res.end('<!DOCTYPE html><html><head><title>Sign In</title></head><body><form action="/oauth2/start"><button>Sign in with Dex</button></form></body></html>');
    }
  });
  origin = await listen(server);
  return { url: `${origin}/mcp`, origin, secrets: [], close: closer(server) };
}

// ---------------------------------------------------------------------------------------------
// Raw servers for the failure modes.

export async function startRaw(handler: (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => void): Promise<Running> {
  let origin = '';
  const server = http.createServer((req, res) => handler(req, res, origin));
  origin = await listen(server);
  return { url: `${origin}/mcp`, origin, secrets: [], close: closer(server) };
}

export async function startTls(cert: string, key: string, handler: http.RequestListener): Promise<Running> {
  const server = https.createServer({ cert, key }, handler);
  const origin = await listen(server);
  return { url: `${origin}/mcp`, origin, secrets: [], close: closer(server) };
}

/** A port nothing listens on: bound, then released. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  const origin = await listen(server);
  await closer(server)();
  return Number(new URL(origin).port);
}
