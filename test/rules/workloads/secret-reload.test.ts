// The rule's fixes are alternatives (which reload mechanism the cluster runs): none is preferred and
// fix-all must apply none. The shared tester states one output per case, so invalid cases are checked
// here: exact ranges, fix-all leaves the text alone, and each offered fix, applied on its own, gives
// the stated text, still parses and silences the rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, lintWith, parsesCleanly, type CaseBase } from '../../support/ruleTester';
import { applyEdits, fixAllEdits } from '../../../server/src/engine/fix';
import { rule } from '../../../server/src/rules/workloads/secret-reload';

import { y } from '../../support/yaml';

const sealed = (name: string, ns: string) =>
  y(
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  encryptedData:',
    '    TUNNEL_TOKEN: AgA80SjMw3+y2FHRWd7pv3RFseWgnfpTtUIqQyOpUOqI7HQRxvIkn5IacbdXSkqzOQ15eb9LU0nGdbgnQmpdmgkY6nUcFgKJ',
    '  template:',
    '    metadata:',
    `      name: ${name}`,
    `      namespace: ${ns}`,
  );

const deployment = (o: { kind?: string; metaExtra?: string[]; podMeta?: string[]; envFrom?: boolean; name?: string; image?: string } = {}) =>
  y(
    'apiVersion: apps/v1',
    `kind: ${o.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${o.name ?? 'cloudflared'}`,
    '  namespace: cloudflared',
    ...(o.metaExtra ?? []),
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app: cloudflared',
    '  template:',
    '    metadata:',
    ...(o.podMeta ?? ['      labels:', '        app: cloudflared']),
    '    spec:',
    '      containers:',
    '        - name: cloudflared',
    `          image: ${o.image ?? 'cloudflare/cloudflared:2026.5.0'}`,
    ...(o.envFrom
      ? ['          envFrom:', '            - secretRef:', '                name: cloudflared-credentials']
      : ['          env:', '            - name: TUNNEL_TOKEN', '              valueFrom:', '                secretKeyRef:', '                  name: cloudflared-credentials', '                  key: TUNNEL_TOKEN']),
  );

const files = { '/repo/additions/cloudflared/tunnel-secret.yaml': sealed('cloudflared-credentials', 'cloudflared') };
const FILE = '/repo/additions/cloudflared/deployment.yaml';

const oauth2ProxyApp = (extra: string[] = []) =>
  y(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: oauth2-proxy',
    '  namespace: argo-cd',
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: oauth2-proxy',
    '  sources:',
    '    - chart: oauth2-proxy',
    '      repoURL: https://oauth2-proxy.github.io/manifests',
    '      targetRevision: 10.7.0',
    '      helm:',
    '        valuesObject:',
    '          config:',
    '            existingSecret: oauth2-proxy-credentials',
    ...extra,
    '          extraArgs:',
    '            provider: github',
  );
const proxyFiles = { '/repo/additions/oauth2-proxy/secret.yaml': sealed('oauth2-proxy-credentials', 'oauth2-proxy') };

const chartFiles = {
  '/repo/charts/mcp/Chart.yaml': y('apiVersion: v2', 'name: mcp', 'version: 0.1.0'),
  '/repo/charts/mcp/templates/mcp-secret.yaml': sealed('mcp-secret', 'mcp'),
};
const helmDeployment = (podMeta: string[]) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: mcp',
    '  labels:',
    '    app: mcp',
    'spec:',
    '  template:',
    '    metadata:',
    ...podMeta,
    '    spec:',
    '      containers:',
    '        - name: mcp',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          envFrom:',
    '            - secretRef:',
    '                name: mcp-secret',
  );

ruleTester(rule, {
  valid: [
    { name: 'Reloader names the Secret', file: FILE, files, code: deployment({ metaExtra: ['  annotations:', '    secret.reloader.stakater.com/reload: "other,cloudflared-credentials"'] }) },
    { name: 'Reloader auto on the pod template', file: FILE, files, code: deployment({ podMeta: ['      annotations:', '        reloader.stakater.com/auto: "true"', '      labels:', '        app: cloudflared'] }) },
    { name: 'a plain Secret is not re-sealed', file: FILE, files: { '/repo/additions/cloudflared/s.yaml': y('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: cloudflared-credentials', '  namespace: cloudflared') }, code: deployment() },
    { name: 'CronJob pods start fresh each run', file: FILE, files, code: deployment({ kind: 'Job' }) },
    { name: 'Argo CD server reloads itself', file: FILE, files, code: deployment({ name: 'argocd-server', image: 'quay.io/argoproj/argocd:v3.1.0' }) },
    { name: 'SealedSecret in another namespace', file: FILE, files: { '/repo/other/s.yaml': sealed('cloudflared-credentials', 'tunnel') }, code: deployment() },
    { name: 'pod annotations from values (templated)', file: '/repo/charts/mcp/templates/deployment.yaml', files: chartFiles, code: helmDeployment(['      {{- with .Values.podAnnotations }}', '      annotations:', '        {{- toYaml . | nindent 8 }}', '      {{- end }}', '      labels:', '        app: mcp']) },
    { name: 'checksum of the sealed template', file: '/repo/charts/mcp/templates/deployment.yaml', files: chartFiles, code: helmDeployment(['      annotations:', '        checksum/secret: {{ include (print $.Template.BasePath "/mcp-secret.yaml") . | sha256sum }}']) },
    { name: 'oauth2-proxy chart with Reloader in podAnnotations', file: '/repo/apps/oauth2-proxy.yaml', files: proxyFiles, code: oauth2ProxyApp(['          podAnnotations:', '            secret.reloader.stakater.com/reload: oauth2-proxy-credentials']) },
  ],
  invalid: [
    {
      name: 'flow-style annotations: reported, no edit can be placed (fixes are never applied by fix-all anyway)',
      file: FILE,
      files,
      code: deployment({ metaExtra: ['  annotations: {}'] }),
      errors: [{ line: 24, column: 25, endLine: 24, endColumn: 48, severity: 'info', related: 1, message: /Deployment `cloudflared` reads Secret `cloudflared-credentials`/ }],
      output: null,
    },
  ],
});

interface ReloadCase extends CaseBase {
  name: string;
  errors: Array<[number, number, number, number]>;
  /** Text after the first offered fix (Reloader, this Secret), applied alone. */
  output: string;
  /** Text after each further fix, applied alone, in the order offered. */
  otherOutputs: string[];
}

const cases: ReloadCase[] = [
  {
    name: 'raw Deployment, env secretKeyRef',
    file: FILE,
    files,
    code: deployment(),
    errors: [[23, 25, 23, 48]],
    output: deployment({ metaExtra: [] }).replace('  name: cloudflared\n', '  annotations:\n    secret.reloader.stakater.com/reload: "cloudflared-credentials"\n  name: cloudflared\n'),
    otherOutputs: [
      deployment().replace('  name: cloudflared\n', '  annotations:\n    secret.reloader.stakater.com/auto: "true"\n  name: cloudflared\n'),
    ],
  },
  {
    name: 'raw Deployment, envFrom, existing annotations without Reloader',
    file: FILE,
    files,
    code: deployment({ envFrom: true, metaExtra: ['  annotations:', '    argocd.argoproj.io/sync-wave: "1"'] }),
    errors: [[23, 23, 23, 46]],
    output: deployment({ envFrom: true, metaExtra: ['  annotations:', '    secret.reloader.stakater.com/reload: "cloudflared-credentials"', '    argocd.argoproj.io/sync-wave: "1"'] }),
    otherOutputs: [
      deployment({ envFrom: true, metaExtra: ['  annotations:', '    secret.reloader.stakater.com/auto: "true"', '    argocd.argoproj.io/sync-wave: "1"'] }),
    ],
  },
  {
    name: 'Helm chart template: Reloader or a checksum of the sealed template',
    file: '/repo/charts/mcp/templates/deployment.yaml',
    files: chartFiles,
    code: helmDeployment(['      labels:', '        app: mcp']),
    errors: [[18, 23, 18, 33]],
    output: helmDeployment(['      labels:', '        app: mcp']).replace('  name: mcp\n', '  annotations:\n    secret.reloader.stakater.com/reload: "mcp-secret"\n  name: mcp\n'),
    otherOutputs: [
      helmDeployment(['      labels:', '        app: mcp']).replace('  name: mcp\n', '  annotations:\n    secret.reloader.stakater.com/auto: "true"\n  name: mcp\n'),
      helmDeployment(['      annotations:', '        checksum/mcp-secret: {{ include (print $.Template.BasePath "/mcp-secret.yaml") . | sha256sum }}', '      labels:', '        app: mcp']),
    ],
  },
  {
    name: 'oauth2-proxy chart existingSecret (Application valuesObject): its own checksum/secret does not cover it',
    file: '/repo/apps/oauth2-proxy.yaml',
    files: proxyFiles,
    code: oauth2ProxyApp(['          podAnnotations:', '            checksum/secret: abc123']),
    errors: [[17, 29, 17, 53]],
    output: oauth2ProxyApp(['          podAnnotations:', '            secret.reloader.stakater.com/reload: "oauth2-proxy-credentials"', '            checksum/secret: abc123']),
    otherOutputs: [
      oauth2ProxyApp(['          podAnnotations:', '            secret.reloader.stakater.com/auto: "true"', '            checksum/secret: abc123']),
    ],
  },
  {
    name: 'Open WebUI extraEnvVars secretKeyRef (values file)',
    file: '/repo/open-webui/values.yaml',
    files: {
      '/repo/open-webui/Chart.yaml': y('apiVersion: v2', 'name: open-webui', 'version: 15.2.0'),
      '/repo/open-webui/templates/oauth-secret.yaml': sealed('open-webui-oauth-secret', 'open-webui'),
    },
    code: y('extraEnvVars:', '  - name: OAUTH_CLIENT_SECRET', '    valueFrom:', '      secretKeyRef:', '        name: open-webui-oauth-secret', '        key: client-secret'),
    errors: [[5, 15, 5, 38]],
    output: y('podAnnotations:', '  secret.reloader.stakater.com/reload: "open-webui-oauth-secret"', 'extraEnvVars:', '  - name: OAUTH_CLIENT_SECRET', '    valueFrom:', '      secretKeyRef:', '        name: open-webui-oauth-secret', '        key: client-secret'),
    otherOutputs: [
      y('podAnnotations:', '  secret.reloader.stakater.com/auto: "true"', 'extraEnvVars:', '  - name: OAUTH_CLIENT_SECRET', '    valueFrom:', '      secretKeyRef:', '        name: open-webui-oauth-secret', '        key: client-secret'),
    ],
  },
];

describe('workloads/secret-reload (invalid)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const found = lintWith(rule, c);
      assert.deepEqual(
        found.map((f) => [f.span.start.line + 1, f.span.start.character + 1, f.span.end.line + 1, f.span.end.character + 1]),
        c.errors,
      );
      assert.ok(found.every((f) => f.severity === 'info' && /keep the old values until restarted/.test(f.message) && f.related.length === 1));
      // A choice, never applied silently.
      assert.ok(found.every((f) => f.fixes.length >= 2 && f.fixes.every((x) => !x.preferred)));
      assert.deepEqual(fixAllEdits(found), []);
      const offered = found[0].fixes;
      const outputs = [c.output, ...c.otherOutputs];
      assert.equal(offered.length, outputs.length);
      offered.forEach((fix, i) => {
        const text = applyEdits(c.code, fix.edits);
        assert.equal(text, outputs[i], fix.title);
        if (parsesCleanly(c.code)) assert.ok(parsesCleanly(text), `${fix.title}: must still parse`);
        assert.deepEqual(lintWith(rule, { ...c, code: text }), [], `${fix.title}: the rule must not fire after it`);
      });
    });
  }
});
