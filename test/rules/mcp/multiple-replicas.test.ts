import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/mcp/multiple-replicas';
import { ansibleHelm, application, y } from '../ingress/fixtures';

const deployment = (o: { name: string; replicas: string; image?: string; args?: string[]; kind?: string }) =>
  y(
    'apiVersion: apps/v1',
    `kind: ${o.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${o.name}`,
    '  namespace: tools',
    'spec:',
    `  replicas: ${o.replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${o.name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${o.name}`,
    '    spec:',
    '      containers:',
    '        - name: server',
    `          image: ${o.image ?? `ghcr.io/example/${o.name}:1.0.0`}`,
    ...(o.args ? [`          args: [${o.args.map((a) => JSON.stringify(a)).join(', ')}]`] : []),
    '          ports:',
    '            - containerPort: 8000',
  );

const hpa = (target: string, max: string) =>
  y(
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${target}`,
    '  namespace: tools',
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${target}`,
    '  minReplicas: 1',
    `  maxReplicas: ${max}`,
  );

const knowledge = { '/repo/apps/knowledge/deployment.yaml': deployment({ name: 'knowledge', replicas: '1', image: 'ghcr.io/example/knowledge:2.1', args: ['mcp', '--transport', 'http', '--port', '8765'] }) };

ruleTester(rule, {
  valid: [
    { name: 'raw: MCP server with one replica', code: deployment({ name: 'thoth-mcp', replicas: '1', args: ['mcp', '--transport', 'http'] }) },
    { name: 'raw: ordinary app with three replicas', code: deployment({ name: 'cloudflared', replicas: '3', image: 'cloudflare/cloudflared:2025.1.0' }) },
    { name: 'raw: templated replicas stay silent', file: '/repo/charts/notes-mcp/templates/deployment.yaml', code: deployment({ name: 'notes-mcp', replicas: '{{ .Values.replicaCount }}' }) },
    { name: 'HPA on an ordinary app', code: hpa('web', '10') },
    { name: 'HPA on the MCP server that never scales past one', files: knowledge, code: hpa('knowledge', '1') },
    { name: 'Application: MCP chart with one replica and autoscaling off', code: application('mcp-server', '0.4.0', ['replicaCount: 1', 'autoscaling:', '  enabled: false', '  maxReplicas: 5']) },
    { name: 'Application: templated replicaCount stays silent', code: application('mcp-server', '0.4.0', ['replicaCount: {{ .Values.mcp_replicas }}']) },
    { name: 'Ansible: replicas of an ordinary chart', code: ansibleHelm('bitnami/nginx', ['replicaCount: 3']) },
  ],
  invalid: [
    {
      name: 'raw: Deployment named for MCP with 3 replicas',
      code: deployment({ name: 'open-brain-mcp', replicas: '3' }),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 14, message: /its name open-brain-mcp\) runs 3 replicas.*invalid_grant/ }],
    },
    {
      name: 'raw: StatefulSet whose image says mcp',
      code: deployment({ kind: 'StatefulSet', name: 'notes', replicas: '2', image: 'ghcr.io/example/notes-mcp:1.2' }),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 14, message: /its image ghcr\.io\/example\/notes-mcp:1\.2/ }],
    },
    {
      name: 'HPA in another file than the MCP Deployment (runs `mcp --transport http`)',
      files: knowledge,
      code: hpa('knowledge', '4'),
      errors: [{ line: 12, column: 16, endLine: 12, endColumn: 17, message: /HorizontalPodAutoscaler scales the MCP server knowledge up to 4 pods/ }],
    },
    {
      name: 'KEDA ScaledObject without maxReplicaCount (KEDA scales to 100)',
      code: y('apiVersion: keda.sh/v1alpha1', 'kind: ScaledObject', 'metadata:', '  name: gateway', 'spec:', '  scaleTargetRef:', '    name: mcp-gateway', '  triggers:', '    - type: cpu', '      metricType: Utilization', '      metadata:', '        value: "60"'),
      errors: [{ line: 7, column: 11, endLine: 7, endColumn: 22, message: /up to 100 pods/ }],
    },
    {
      name: 'Application valuesObject: MCP chart with replicaCount 2',
      code: application('mcp-server', '0.4.0', ['replicaCount: 2', 'ingress:', '  enabled: true']),
      errors: [{ line: 17, column: 23, endLine: 17, endColumn: 24, message: /chart mcp-server\) runs 2 replicas/ }],
    },
    {
      name: 'Application valuesObject: MCP chart with autoscaling on',
      code: application('mcp-server', '0.4.0', ['autoscaling:', '  enabled: true', '  maxReplicas: 4']),
      errors: [{ line: 18, column: 20, endLine: 18, endColumn: 24, message: /Autoscaling is on/ }],
    },
    {
      name: 'Ansible helm task: the mcp section of a bigger chart',
      code: ansibleHelm('oci://ghcr.io/example/charts/notes', ['web:', '  replicas: 3', 'mcp:', '  port: 8765', '  replicas: 3']),
      errors: [{ line: 11, column: 19, endLine: 11, endColumn: 20 }],
    },
    {
      name: 'values.yaml of a local MCP chart',
      file: '/repo/charts/open-brain-mcp/values.yaml',
      files: { '/repo/charts/open-brain-mcp/Chart.yaml': y('apiVersion: v2', 'name: open-brain-mcp', 'version: 0.1.0') },
      code: y('image:', '  repository: ghcr.io/example/open-brain-mcp', 'replicaCount: 2'),
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 16 }],
    },
  ],
});
