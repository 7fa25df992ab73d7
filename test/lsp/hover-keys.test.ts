// Hover on the keys the rules care about: a short description from the schemas, wherever the key
// sits (a Secret's annotations, a Dex static client inside dex.config, oauth2-proxy flags and its
// config file keys, ingress annotations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protocol, type MarkupContent } from './protocol';
import { LspClient } from './harness';

const { HoverRequest } = protocol;

const cases: Array<{ name: string; text: string; key: string; expect: RegExp }> = [
  {
    name: 'sealedsecrets.bitnami.com/managed on a Secret',
    text: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: argocd-secret', '  annotations:', '    sealedsecrets.bitnami.com/managed: "true"', 'type: Opaque', ''].join('\n'),
    key: 'sealedsecrets.bitnami.com/managed',
    expect: /take|over|overwrit|managed/i,
  },
  {
    name: 'trustedPeers in a Dex static client inside dex.config',
    text: ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-cm', 'data:', '  dex.config: |', '    staticClients:', '      - id: argo-cd', '        name: Argo CD', '        trustedPeers:', '          - grafana', ''].join('\n'),
    key: 'trustedPeers',
    expect: /client|token|audience|peer/i,
  },
  {
    name: 'nginx.ingress.kubernetes.io/auth-url on an Ingress',
    text: ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: app', '  annotations:', '    nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"', ''].join('\n'),
    key: 'nginx.ingress.kubernetes.io/auth-url',
    expect: /inside the cluster|controller/i,
  },
  {
    name: 'cookie-secret in the oauth2-proxy chart extraArgs',
    text: ['authenticatedEmailsFile:', '  enabled: true', 'config:', '  existingSecret: x', 'extraArgs:', '  cookie-secret: from-env', ''].join('\n'),
    key: 'cookie-secret',
    expect: /16, 24 or 32|cookie/i,
  },
  {
    name: 'email_domains in the oauth2-proxy config file',
    text: ['authenticatedEmailsFile:', '  enabled: true', 'config:', '  configFile: |-', '    email_domains = []', '    upstreams = ["file:///dev/null"]', ''].join('\n'),
    key: 'email_domains',
    expect: /domain|email/i,
  },
];

for (const c of cases) {
  test(`hover on a key the rules care about: ${c.name}`, async () => {
    const client = await LspClient.start();
    try {
      const uri = await client.open('/tmp/cal-lsp-hover/values.yaml', c.text);
      const lines = c.text.split('\n');
      const line = lines.findIndex((l) => l.includes(c.key));
      const character = lines[line].indexOf(c.key) + 2;
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      assert.ok(h, `a hover on ${c.key}`);
      assert.match((h.contents as MarkupContent).value, c.expect);
    } finally {
      await client.stop();
    }
  });
}
