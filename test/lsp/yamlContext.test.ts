// Where the cursor is, read from indentation: the table covers maps, sequences, templates,
// block scalars (embedded documents) and TOML-style lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextAt } from '../../server/src/lsp/yamlContext';

/** `‸` marks the cursor. */
function at(textWithCursor: string) {
  const i = textWithCursor.indexOf('‸');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  return contextAt(text, before.length - 1, before[before.length - 1].length);
}

test('contextAt: path, key, value and embedded documents', async (t) => {
  const cases: Array<{ name: string; text: string; expect: Record<string, unknown> }> = [
    {
      name: 'key in nested map',
      text: 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/au‸th-url: http://x\n',
      expect: { path: ['metadata', 'annotations'], key: 'nginx.ingress.kubernetes.io/auth-url', kind: 'Ingress' },
    },
    {
      name: 'new key being typed',
      text: 'kind: SealedSecret\nmetadata:\n  annotations:\n    seal‸\n',
      expect: { path: ['metadata', 'annotations'], newKey: 'seal', kind: 'SealedSecret' },
    },
    {
      name: 'value after the colon',
      text: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/auth-type: ba‸\n',
      expect: { path: ['metadata', 'annotations'], value: 'nginx.ingress.kubernetes.io/auth-type', prefix: 'ba' },
    },
    {
      name: 'sequence item siblings',
      text: 'staticClients:\n  - id: argo-cd\n    name: Argo CD\n    trusted‸\n',
      expect: { path: ['staticClients', '*'], newKey: 'trusted' },
    },
    {
      name: 'first key of a sequence item',
      text: 'staticClients:\n  - i‸d: argo-cd\n',
      expect: { path: ['staticClients', '*'], key: 'id' },
    },
    {
      name: 'inside dex.config block scalar',
      text: 'configs:\n  cm:\n    dex.config: |\n      staticClients:\n        - id: grafana\n          redirect‸\n',
      expect: { path: ['staticClients', '*'], newKey: 'redirect', host: 'dex.config', hostPath: ['configs', 'cm'] },
    },
    {
      name: 'template lines at column 0 are not structure',
      text: 'config:\n  auth:\n{{- if .Values.x }}\n    emails‸\n{{- end }}\n',
      expect: { path: ['config', 'auth'], newKey: 'emails' },
    },
    {
      name: 'quoted key',
      text: 'grafana:\n  "grafana.ini":\n    au‸th: {}\n',
      expect: { path: ['grafana', 'grafana.ini'], key: 'auth' },
    },
    {
      name: 'TOML line in a configFile block',
      text: 'config:\n  configFile: |-\n    email_dom‸ains = ["*"]\n',
      expect: { path: [], key: 'email_domains', host: 'configFile', hostPath: ['config'] },
    },
    {
      name: 'second document has its own kind',
      text: 'kind: Secret\n---\nkind: SealedSecret\nmetadata:\n  na‸me: x\n',
      expect: { path: ['metadata'], key: 'name', kind: 'SealedSecret' },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const ctx = at(c.text);
      const got: Record<string, unknown> = { path: ctx.path };
      if ('key' in c.expect) got.key = ctx.key?.name;
      if ('newKey' in c.expect) got.newKey = ctx.newKey?.prefix;
      if ('value' in c.expect) got.value = ctx.value?.key;
      if ('prefix' in c.expect) got.prefix = ctx.value?.prefix;
      if ('kind' in c.expect) got.kind = ctx.kind;
      if ('host' in c.expect) got.host = ctx.embedded?.host;
      if ('hostPath' in c.expect) got.hostPath = ctx.embedded?.hostPath;
      assert.deepEqual(got, c.expect);
    });
  }
});
