// The schemas as documentation: refs and branches followed, the right schema for the place,
// generic keys never described out of context, and the shipped schemas well described.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SchemaDocs } from '../../server/src/schemaDocs';
import { keyDocAt } from '../../server/src/lsp/schemaPlaces';
import { completionsAt } from '../../server/src/lsp/completion';
import { hoverAt } from '../../server/src/lsp/hover';
import { contextAt } from '../../server/src/lsp/yamlContext';
import { REPO_ROOT } from './harness';

const toy = new SchemaDocs([
  {
    name: 'dex-config',
    root: {
      definitions: { client: { properties: { id: { description: 'Client id.' }, trustedPeers: { type: 'array', description: 'Peers.' } } } },
      properties: {
        staticClients: { type: 'array', items: { $ref: '#/definitions/client' } },
        connectors: { type: 'array', items: { allOf: [{ properties: { type: { enum: ['github', 'oidc'], description: 'Connector type.' } } }] } },
      },
    },
  },
]);

test('SchemaDocs: refs, items and allOf branches', async (t) => {
  const cases = [
    { name: 'item through $ref', schema: 'dex-config', at: ['staticClients', '*', 'trustedPeers'], expect: 'Peers.' },
    { name: 'allOf branch with enum', schema: 'dex-config', at: ['connectors', '*', 'type'], expect: 'Connector type.' },
    { name: 'unknown path', schema: 'dex-config', at: ['nope'], expect: undefined },
    { name: 'unknown schema', schema: 'nope', at: ['x'], expect: undefined },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(toy.describe(c.schema, c.at)?.description, c.expect));
  assert.deepEqual(toy.describe('dex-config', ['connectors', '*', 'type'])?.enum, ['github', 'oidc']);
  assert.deepEqual(toy.propertiesAt('dex-config', ['staticClients', '*']).map((d) => d.name), ['id', 'trustedPeers']);
});

test('keyDocAt: structure first; generic names only in a known structure', async (t) => {
  const cases = [
    { name: 'id inside dex.config static client', text: 'configs:\n  cm:\n    dex.config: |\n      staticClients:\n        - id: x\n', line: 4, ch: 11, expect: 'Client id.' },
    { name: 'id in an unrelated list', text: 'items:\n  - id: x\n', line: 1, ch: 5, expect: undefined },
    { name: 'distinctive camelCase key anywhere', text: 'foo:\n  trustedPeers: []\n', line: 1, ch: 4, expect: 'Peers.' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(keyDocAt(contextAt(c.text, c.line, c.ch), toy)?.description, c.expect));
  }
});

const shipped = SchemaDocs.load(path.join(REPO_ROOT, 'schemas'));

test('shipped schemas: the keys the rules care about are described', async (t) => {
  const cases = [
    { schema: 'sealed-secret', at: ['metadata', 'annotations', 'sealedsecrets.bitnami.com/cluster-wide'], mention: /re-seal/i },
    { schema: 'sealed-secret', at: ['spec', 'template', 'metadata', 'annotations', 'sealedsecrets.bitnami.com/managed'], mention: /EXISTING Secret/ },
    { schema: 'sealed-secret', at: ['spec', 'template', 'metadata', 'annotations', 'sealedsecrets.bitnami.com/patch'], mention: /merge/i },
    { schema: 'sealed-secret', at: ['spec', 'template', 'metadata', 'labels'], mention: /part-of: argocd/ },
    { schema: 'ingress-annotations', at: ['nginx.ingress.kubernetes.io/auth-url'], mention: /inside the cluster/ },
    { schema: 'ingress-annotations', at: ['nginx.ingress.kubernetes.io/auth-signin'], mention: /browser/ },
    { schema: 'ingress-annotations', at: ['nginx.ingress.kubernetes.io/auth-response-headers'], mention: /--set-xauthrequest/ },
    { schema: 'ingress-annotations', at: ['nginx.ingress.kubernetes.io/auth-type'], mention: /MCP/ },
  ];
  for (const c of cases) {
    await t.test(c.at[c.at.length - 1], () => assert.match(shipped.describe(c.schema, c.at)?.description ?? '', c.mention));
  }
});

test('shipped schemas: every property has a description, every file is valid JSON', () => {
  for (const file of readdirSync(path.join(REPO_ROOT, 'schemas')).filter((f) => ['sealed-secret.schema.json', 'ingress-annotations.schema.json'].includes(f))) {
    const missing: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (!v.description && !v.$ref && k !== 'spec') missing.push(`${at}.${k}`);
        walk(v, `${at}.${k}`);
      }
      for (const sub of Object.values((n.definitions as object) ?? {})) walk(sub, at);
    };
    walk(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', file), 'utf8')), file);
    assert.deepEqual(missing, []);
  }
});

test('completion: quoting and snippets follow YAML', async (t) => {
  const cases = [
    {
      name: 'annotation value "true" is quoted',
      text: 'kind: SealedSecret\nmetadata:\n  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: \n',
      line: 3, ch: 44, label: '"true"', newText: '"true"',
    },
    {
      name: 'after a bare colon a space is inserted',
      text: 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/auth-type:\n',
      line: 3, ch: 42, label: 'basic', newText: ' basic',
    },
    {
      name: 'keys already present are not offered again',
      text: 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/auth-url: x\n    nginx.ingress.kubernetes.io/auth-u\n',
      line: 4, ch: 38, label: 'nginx.ingress.kubernetes.io/auth-url', newText: undefined,
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const items = completionsAt(c.text, { line: c.line, character: c.ch }, shipped);
      const item = items.find((i) => i.label === c.label);
      const edit = item?.textEdit && 'range' in item.textEdit ? item.textEdit.newText : undefined;
      assert.equal(edit, c.newText, items.map((i) => i.label).join(', '));
    });
  }
});

test('hover: oauth2-proxy flags find their config-file key', async (t) => {
  const docs = new SchemaDocs([
    { name: 'oauth2-proxy-config', root: { properties: { email_domains: { description: 'Allowed email domains.' }, cookie_secret: { description: 'Cookie secret.' } } } },
  ]);
  const deps = { ruleMeta: () => undefined, docsUrl: (id: string) => id, schemaDocs: docs };
  const cases = [
    { name: 'extraArgs map key', text: 'extraArgs:\n  cookie-secret: x\n', line: 1, ch: 4, expect: /Cookie secret/ },
    { name: 'flag in an args list', text: 'args:\n  - --email-domain=*\n', line: 1, ch: 8, expect: /Allowed email domains/ },
    { name: 'TOML key', text: 'configFile: |\n  email_domains = []\n', line: 1, ch: 4, expect: /Allowed email domains/ },
    { name: 'unrelated word', text: 'args:\n  - --verbose\n', line: 1, ch: 6, expect: null },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const h = hoverAt({ uri: 'file:///x.yaml', version: 1, text: c.text, findings: [] }, { line: c.line, character: c.ch }, deps);
      if (c.expect === null) assert.equal(h, null);
      else assert.match((h?.contents as { value: string }).value, c.expect);
    });
  }
});
