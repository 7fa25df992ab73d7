// WWW-Authenticate parsing: several challenges in one header, token68, quoted values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenges } from '../../server/src/probe/challenge';

describe('parseChallenges', () => {
  const cases: Array<{ header: string; want: Array<{ scheme: string; params?: Record<string, string>; token68?: string }> }> = [
    {
      header: 'Bearer error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
      want: [{ scheme: 'bearer', params: { error: 'invalid_token', resource_metadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' } }],
    },
    {
      header: 'Basic realm="intranet", Bearer resource_metadata="https://a.example/prm", scope="mcp:tools"',
      want: [
        { scheme: 'basic', params: { realm: 'intranet' } },
        { scheme: 'bearer', params: { resource_metadata: 'https://a.example/prm', scope: 'mcp:tools' } },
      ],
    },
    { header: 'Negotiate YIIB==, Bearer', want: [{ scheme: 'negotiate', token68: 'YIIB==' }, { scheme: 'bearer' }] },
    { header: 'Bearer realm="say \\"hi\\"",error=invalid_token', want: [{ scheme: 'bearer', params: { realm: 'say "hi"', error: 'invalid_token' } }] },
    { header: 'BEARER Resource_Metadata = "https://b.example/prm"', want: [{ scheme: 'bearer', params: { resource_metadata: 'https://b.example/prm' } }] },
    { header: '', want: [] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.header), () => {
      const got = parseChallenges(c.header);
      assert.deepEqual(
        got,
        c.want.map((w) => ({ scheme: w.scheme, params: w.params ?? {}, ...(w.token68 ? { token68: w.token68 } : {}) })),
      );
    });
  }
});
