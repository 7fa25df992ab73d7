// The MCP authorization probe against real servers on 127.0.0.1: the official SDK's auth stack
// (compliant, then broken one way at a time), forward-auth stubs, and misbehaving HTTP servers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeMain } from '../../server/src/probe/main';
import { freePort, startForwardAuthStub, startMcpServer, startRaw, startTls, type ForwardAuthKind, type McpVariant, type Running } from './servers';

interface JsonReport {
  url: string;
  steps: Array<{ id: string; status: 'pass' | 'fail' | 'skip'; detail: string }>;
  verdict: string;
}

async function probe(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await probeMain(args, (s) => {
    output += s;
  });
  return { code, output };
}

async function probeJson(url: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; output: string }> {
  const { code, output } = await probe([url, '--format', 'json', ...extra]);
  return { code, report: JSON.parse(output) as JsonReport, output };
}

function statuses(r: JsonReport): string {
  return r.steps.map((s) => `${s.id}:${s.status}`).join(' ');
}

function step(r: JsonReport, id: string): { status: string; detail: string } {
  const s = r.steps.find((x) => x.id === id);
  assert.ok(s, `step ${id} is reported`);
  return s;
}

async function withServer<T>(start: Promise<Running>, body: (s: Running) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

function assertNoSecrets(output: string, server: Running): void {
  for (const secret of server.secrets) assert.ok(!output.includes(secret), 'a code, token or secret the server issued is printed');
}

const ALL_PASS = '1:pass 2:pass 3:pass 3b:pass 4:pass 5:pass 6:pass';

describe('probe-mcp against the official SDK auth stack', () => {
  for (const spec of ['2025-06-18', '2025-11-25']) {
    it(`a compliant server passes every step under ${spec}, in the public JSON shape, printing no code or secret`, async () => {
      await withServer(startMcpServer(), async (server) => {
        const { code, report, output } = await probeJson(server.url, '--spec', spec);
        assert.equal(statuses(report), ALL_PASS, output);
        assert.equal(report.verdict, 'ok');
        assert.equal(code, 0);
        assert.deepEqual(Object.keys(report), ['url', 'steps', 'verdict']);
        for (const s of report.steps) assert.deepEqual(Object.keys(s), ['id', 'status', 'detail']);
        assert.equal(report.url, server.url);
        assert.match(step(report, '1').detail, /resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
        assert.match(step(report, '3b').detail, /invalid_token/);
        assert.match(step(report, '4').detail, /attacker\.example\/cb is refused \(HTTP 400 invalid_redirect_uri/);
        assert.match(step(report, '5').detail, /without code_challenge is refused/);
        assert.ok(server.secrets.length > 0, 'the server issued an authorization code');
        assertNoSecrets(output, server);
      });
    });
  }

  it('text output names every step, its status and the verdict', async () => {
    await withServer(startMcpServer(), async (server) => {
      const { code, output } = await probe([server.url]);
      assert.equal(code, 0);
      assert.match(output, new RegExp(`^MCP authorization probe: ${server.url.replace(/[.]/g, '\\.')} \\(spec 2025-06-18\\)`));
      for (const id of ['1', '2', '3', '3b', '4', '5', '6']) assert.match(output, new RegExp(`^PASS  ${id}\\s`, 'm'));
      assert.match(output, /^Verdict: ok/m);
    });
  });

  // Each variant breaks one thing; the matching step fails under the listed revisions, saying what clients do.
  const broken: Array<{ name: string; variant: McpVariant; spec: string; want: string; verdict: string; failing: string; says: RegExp }> = [
    {
      name: 'WWW-Authenticate stripped, 2025-06-18',
      variant: { stripWwwAuthenticate: true },
      spec: '2025-06-18',
      want: '1:fail 2:pass 3:pass 3b:fail 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '1',
      says: /no WWW-Authenticate header.*2025-06-18 requires resource_metadata.*give up.*\[under 2025-11-25: pass\]/,
    },
    {
      name: 'WWW-Authenticate stripped, 2025-11-25 (well-known fallback is served)',
      variant: { stripWwwAuthenticate: true },
      spec: '2025-11-25',
      want: '1:pass 2:pass 3:pass 3b:fail 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '3b',
      says: /made-up Bearer token gets 401 but no Bearer challenge instead of error="invalid_token".*clients cannot tell/,
    },
    {
      name: 'Bearer challenge without resource_metadata, 2025-06-18',
      variant: { noResourceMetadata: true },
      spec: '2025-06-18',
      want: '1:fail 2:pass 3:pass 3b:pass 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '1',
      says: /a Bearer challenge without resource_metadata.*clients that follow it have nowhere to start authorization/,
    },
    {
      name: 'registration endpoint removed, 2025-06-18',
      variant: { noRegistration: true },
      spec: '2025-06-18',
      want: '1:pass 2:pass 3:fail 3b:pass 4:skip 5:skip 6:pass',
      verdict: 'misconfigured',
      failing: '3',
      says: /No registration_endpoint: 2025-06-18 clients rely on dynamic client registration.*does not support dynamic client registration.*pre-register/,
    },
    {
      name: 'registration endpoint removed, 2025-11-25 without client ID metadata documents',
      variant: { noRegistration: true },
      spec: '2025-11-25',
      want: '1:pass 2:pass 3:fail 3b:pass 4:skip 5:skip 6:pass',
      verdict: 'misconfigured',
      failing: '3',
      says: /Neither client ID metadata documents.*nor dynamic registration: clients can only use a client ID the user pre-registers/,
    },
    {
      name: 'code_challenge_methods_supported absent',
      variant: { metadata: ({ code_challenge_methods_supported: _drop, ...m }) => m },
      spec: '2025-06-18',
      want: '1:pass 2:pass 3:fail 3b:pass 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '3',
      says: /No code_challenge_methods_supported.*clients MUST refuse to proceed/,
    },
    {
      name: 'S256 missing from code_challenge_methods_supported',
      variant: { metadata: (m) => ({ ...m, code_challenge_methods_supported: ['plain'] }) },
      spec: '2025-11-25',
      want: '1:pass 2:pass 3:fail 3b:pass 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '3',
      says: /\["plain"\], without S256: MCP clients refuse.*Incompatible auth server: does not support code challenge method S256/,
    },
    {
      name: 'plain-http attacker redirect URI accepted at registration',
      variant: { acceptAnyRedirectUri: true },
      spec: '2025-06-18',
      want: '1:pass 2:pass 3:pass 3b:pass 4:fail 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '4',
      says: /http:\/\/attacker\.example\/cb was accepted \(HTTP 201\): redirect URIs must be loopback or https/,
    },
    {
      name: 'resource in the protected-resource metadata is not the endpoint URL',
      variant: { resourceServerPath: '/' },
      spec: '2025-06-18',
      want: '1:pass 2:fail 3:skip 3b:pass 4:skip 5:skip 6:pass',
      verdict: 'misconfigured',
      failing: '2',
      says: /"resource" is http:\/\/127\.0\.0\.1:\d+\/, not http:\/\/127\.0\.0\.1:\d+\/mcp.*RFC 9728 §3\.3.*TypeScript SDK tolerates a path prefix/,
    },
    {
      name: 'an invalid token makes the verifier throw, which the SDK turns into a 500',
      variant: { verifierThrowsPlainError: true },
      spec: '2025-06-18',
      want: '1:pass 2:pass 3:pass 3b:fail 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '3b',
      says: /a made-up Bearer token gets HTTP 500 instead of 401/,
    },
    {
      name: 'OpenID discovery only, 2025-06-18',
      variant: { oidcOnly: true },
      spec: '2025-06-18',
      want: '1:pass 2:pass 3:fail 3b:pass 4:pass 5:pass 6:pass',
      verdict: 'misconfigured',
      failing: '3',
      says: /OpenID discovery.*No RFC 8414 metadata \(only OpenID discovery, which 2025-06-18 clients do not try; 2025-11-25 clients do\).*\[under 2025-11-25: pass\]/,
    },
    {
      name: 'OpenID discovery only, 2025-11-25',
      variant: { oidcOnly: true },
      spec: '2025-11-25',
      want: ALL_PASS,
      verdict: 'ok',
      failing: '',
      says: /./,
    },
    {
      name: 'no registration but client ID metadata documents, 2025-11-25',
      variant: { noRegistration: true, metadata: (m) => ({ ...m, client_id_metadata_document_supported: true }) },
      spec: '2025-11-25',
      want: '1:pass 2:pass 3:pass 3b:pass 4:skip 5:skip 6:pass',
      verdict: 'ok',
      failing: '',
      says: /./,
    },
  ];
  for (const c of broken) {
    it(c.name, async () => {
      await withServer(startMcpServer(c.variant), async (server) => {
        const { code, report, output } = await probeJson(server.url, '--spec', c.spec);
        assert.equal(statuses(report), c.want, output);
        assert.equal(report.verdict, c.verdict);
        assert.equal(code, c.verdict === 'ok' ? 0 : 1);
        if (c.failing) assert.match(step(report, c.failing).detail, c.says);
        assertNoSecrets(output, server);
      });
    });
  }

  it('a client_secret handed to a public client is named with its length, never printed', async () => {
    await withServer(startMcpServer({ secretForPublicClients: true }), async (server) => {
      const { report, output } = await probeJson(server.url);
      assert.match(step(report, '4').detail, /client_secret \(32 characters\)/);
      assert.ok(server.secrets.length >= 2);
      assertNoSecrets(output, server);
    });
  });
});

describe('probe-mcp against browser-only auth', () => {
  const cases: Array<{ kind: ForwardAuthKind; product: RegExp; evidence: RegExp }> = [
    { kind: 'oauth2-proxy', product: /browser-only auth \(oauth2-proxy\)/, evidence: /302 → http:\/\/127\.0\.0\.1:\d+\/oauth2\/start \(query: rd\)/ },
    { kind: 'cloudflare-access', product: /browser-only auth \(Cloudflare Access\)/, evidence: /302 → .*\/cdn-cgi\/access\/login\/mcp\.example\.com \(query: kid, redirect_url\); sets cookie CF_AppSession/ },
    { kind: 'login-page', product: /browser-only auth \(oauth2-proxy\)/, evidence: /403 with an HTML sign-in form; sets cookie _oauth2_proxy_csrf/ },
  ];
  for (const c of cases) {
    it(`${c.kind}: verdict browser-only-auth, step 6 names it, later steps skip`, async () => {
      await withServer(startForwardAuthStub(c.kind), async (server) => {
        const { code, report, output } = await probeJson(server.url);
        assert.equal(report.verdict, 'browser-only-auth', output);
        assert.equal(code, 1);
        assert.equal(statuses(report), '1:fail 2:fail 3:skip 3b:skip 4:skip 5:skip 6:fail');
        assert.match(step(report, '6').detail, c.product);
        assert.match(step(report, '6').detail, c.evidence);
        assert.match(step(report, '6').detail, /MCP clients are not browsers/);
        assert.ok(!output.includes('csrfvalue') && !output.includes('xyz'), 'cookie values are not printed');
      });
    });
  }

  it('oauth2-proxy: the well-known fetch shows the redirect chain to the login page', async () => {
    await withServer(startForwardAuthStub('oauth2-proxy'), async (server) => {
      const { report } = await probeJson(server.url);
      assert.match(step(report, '2').detail, /via .*\/oauth2\/start.*\/idp\/auth.*not JSON: content-type text\/html, an HTML page titled "Sign in to Dex"/);
    });
  });
});

describe('probe-mcp failure modes', () => {
  it('an unreachable port: verdict unreachable, step 1 says why, the rest skip, exit 1', async () => {
    const port = await freePort();
    const { code, report } = await probeJson(`http://127.0.0.1:${port}/mcp`);
    assert.equal(report.verdict, 'unreachable');
    assert.equal(code, 1);
    assert.equal(statuses(report), '1:fail 2:skip 3:skip 3b:skip 4:skip 5:skip 6:skip');
    assert.match(step(report, '1').detail, /connection refused \(ECONNREFUSED\).*MCP clients cannot connect either/);
  });

  it('a server that never answers: a timeout, reported, not a hang', async () => {
    await withServer(
      startRaw(() => undefined),
      async (server) => {
        const started = Date.now();
        const { report } = await probeJson(server.url, '--timeout', '300');
        assert.ok(Date.now() - started < 5000);
        assert.equal(report.verdict, 'unreachable');
        assert.match(step(report, '1').detail, /no answer within 300 ms/);
      },
    );
  });

  it('an https URL to a plain-http server: a TLS failure', async () => {
    await withServer(
      startRaw((_q, res) => res.end()),
      async (server) => {
        const { report } = await probeJson(server.url.replace('http:', 'https:'));
        assert.equal(report.verdict, 'unreachable');
        assert.match(step(report, '1').detail, /TLS failed: the server did not answer with TLS/);
      },
    );
  });

  it('a self-signed certificate: a TLS failure naming it', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-probe-tls-'));
    try {
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      } catch {
        t.skip('openssl is not available');
        return;
      }
      const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
      const key = readFileSync(join(dir, 'k.pem'), 'utf8');
      await withServer(
        startTls(cert, key, (_q, res) => res.end()),
        async (server) => {
          const { report } = await probeJson(server.url);
          assert.equal(report.verdict, 'unreachable');
          assert.match(step(report, '1').detail, /TLS failed: the certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A 401 whose resource_metadata points at a document that misbehaves in one way.
  const metadataFaults: Array<{ name: string; serve: (path: string, res: import('node:http').ServerResponse, origin: string) => void; says: RegExp }> = [
    {
      name: 'non-JSON metadata',
      serve: (_p, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><head><title>Welcome to nginx!</title></head></html>');
      },
      says: /not JSON: content-type text\/html, an HTML page titled "Welcome to nginx!"/,
    },
    {
      name: 'a redirect loop',
      serve: (p, res, origin) => {
        res.writeHead(302, { location: `${origin}${p === '/prm-a' ? '/prm-b' : '/prm-a'}` });
        res.end();
      },
      says: /redirect loop .*\/prm-a → .*\/prm-b → .*\/prm-a/,
    },
    {
      name: 'metadata without authorization_servers',
      serve: (_p, res, origin) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ resource: `${origin}/mcp` }));
      },
      says: /no "authorization_servers" entry, so clients have no authorization server to go to/,
    },
  ];
  for (const f of metadataFaults) {
    it(`${f.name}: step 2 fails with what it saw`, async () => {
      await withServer(
        startRaw((req, res, origin) => {
          const path = new URL(req.url ?? '/', origin).pathname;
          req.resume();
          if (path === '/mcp') {
            res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${origin}/prm-a"` });
            res.end();
          } else if (path.startsWith('/prm-')) f.serve(path, res, origin);
          else {
            res.writeHead(404);
            res.end();
          }
        }),
        async (server) => {
          const { code, report, output } = await probeJson(server.url);
          assert.equal(statuses(report), '1:pass 2:fail 3:skip 3b:fail 4:skip 5:skip 6:pass', output);
          assert.equal(report.verdict, 'misconfigured');
          assert.equal(code, 1);
          assert.match(step(report, '2').detail, f.says);
        },
      );
    });
  }

  it('a 308 move of the endpoint is followed like fetch does, and the moved URL is the resource', async () => {
    await withServer(
      startRaw((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        req.resume();
        if (path === '/mcp') {
          res.writeHead(308, { location: '/mcp/' });
          res.end();
        } else if (path === '/mcp/') {
          res.writeHead(401, { 'www-authenticate': `Basic realm="x", Bearer resource_metadata="${origin}/prm"` });
          res.end();
        } else if (path === '/prm') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ resource: `${origin}/mcp/`, authorization_servers: [`${origin}/`] }));
        } else {
          res.writeHead(404);
          res.end();
        }
      }),
      async (server) => {
        const { report, output } = await probeJson(server.url);
        assert.equal(step(report, '1').status, 'pass', output);
        assert.match(step(report, '1').detail, /^401 \(after → http:\/\/127\.0\.0\.1:\d+\/mcp\/\)/);
        assert.match(step(report, '1').detail, /Bearer is not the first challenge: the TypeScript SDK reads only the first/);
        assert.equal(step(report, '2').status, 'pass');
        assert.match(step(report, '3').detail, /no authorization server metadata: .*oauth-authorization-server: HTTP 404; .*openid-configuration: HTTP 404/);
      },
    );
  });

  it('an endpoint that answers 200 without a token is reported as unprotected', async () => {
    await withServer(
      startRaw((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"jsonrpc":"2.0","id":1,"result":{}}');
      }),
      async (server) => {
        const { report } = await probeJson(server.url);
        assert.match(step(report, '1').detail, /HTTP 200 without any token: the endpoint is not protected/);
        assert.match(step(report, '3b').detail, /let through/);
        assert.equal(report.verdict, 'misconfigured');
      },
    );
  });

  it('an event-stream answer does not hang the probe', async () => {
    await withServer(
      startRaw((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: message\n\n');
      }),
      async (server) => {
        const { report } = await probeJson(server.url, '--timeout', '2000');
        assert.match(step(report, '1').detail, /HTTP 200 without any token/);
      },
    );
  });
});

describe('probe-mcp usage errors exit 2', () => {
  const cases: Array<{ args: string[]; says: RegExp }> = [
    { args: ['not a url'], says: /not a URL/ },
    { args: ['ftp://127.0.0.1/mcp'], says: /not an http\(s\) URL: ftp:/ },
    { args: [], says: /give the URL of the MCP endpoint/ },
    { args: ['http://127.0.0.1/mcp', 'http://127.0.0.1/other'], says: /one URL expected/ },
    { args: ['http://127.0.0.1/mcp', '--spec', '2025-03-26'], says: /unknown spec revision "2025-03-26"/ },
    { args: ['http://127.0.0.1/mcp', '--format', 'sarif'], says: /unknown format "sarif"/ },
    { args: ['http://127.0.0.1/mcp', '--timeout', 'soon'], says: /--timeout wants a positive whole number/ },
    { args: ['http://127.0.0.1/mcp', '--bogus'], says: /Unknown option '--bogus'/ },
    { args: ['http://user:pw@127.0.0.1/mcp'], says: /carries credentials/ },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.args)}`, async () => {
      const { code, output } = await probe(c.args);
      assert.equal(code, 2);
      assert.match(output, c.says);
      assert.ok(!output.includes(':pw@'), 'credentials in a URL are not echoed');
    });
  }

  it('with --format json the error is a JSON object', async () => {
    const { code, output } = await probe(['nope', '--format', 'json']);
    assert.equal(code, 2);
    assert.match(JSON.parse(output).error, /not a URL/);
  });
});
