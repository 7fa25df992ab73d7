import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/mcp/behind-forward-auth';
import { INGRESS_CHART, ansibleHelm, application, rawIngress, subchartApplication, y } from '../ingress/fixtures';

const URL_ANN = 'nginx.ingress.kubernetes.io/auth-url: "http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth"';
const SIGNIN = 'nginx.ingress.kubernetes.io/auth-signin: "https://oauth2.example.com/oauth2/start?rd=https://$host$escaped_request_uri"';
const HEADERS = 'nginx.ingress.kubernetes.io/auth-response-headers: X-Auth-Request-User,X-Auth-Request-Email';
const SSL = 'nginx.ingress.kubernetes.io/ssl-redirect: "false"';
const BASIC = ['nginx.ingress.kubernetes.io/auth-type: basic', 'nginx.ingress.kubernetes.io/auth-secret: admin-auth', 'nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"'];

const brain = (extra: string[]) => subchartApplication('brain', ['name: brain', 'cluster_domain: example.com', 'service_name: open-brain-mcp', 'service_port: 8000', ...extra]);

const mcpChart = (annotations: string[]) => ['replicaCount: 1', 'ingress:', '  enabled: true', '  className: nginx', '  annotations:', ...annotations.map((a) => `    ${a}`), '  hosts:', '    - host: tools.example.com', '      paths:', '        - path: /', '          pathType: Prefix'];

ruleTester(rule, {
  valid: [
    { name: 'raw: MCP ingress without auth', code: rawIngress({ name: 'thoth-mcp', annotations: [SSL], hosts: ['thoth.example.com'] }) },
    { name: 'raw: forward-auth on an ordinary app', code: rawIngress({ name: 'grafana', annotations: [URL_ANN, SIGNIN], hosts: ['grafana.example.com'], service: 'grafana' }) },
    { name: 'sub-chart: oauth2_proxy: false for the MCP service', files: INGRESS_CHART, code: brain(['oauth2_proxy: false']) },
    { name: 'sub-chart: templated oauth2_proxy stays silent', files: INGRESS_CHART, code: brain(['oauth2_proxy: {{ .Values.enable_oauth2_proxy }}']) },
    { name: 'sub-chart: oauth2_proxy not set (the template defaults it to false)', files: INGRESS_CHART, code: brain([]) },
    { name: 'sub-chart: extra annotations could hold anything', files: INGRESS_CHART, code: brain(['extra_annotations:', '  nginx.ingress.kubernetes.io/proxy-body-size: 10m']) },
    {
      name: 'chart template: auth only under a condition the values decide',
      file: '/repo/charts/mcp-server/templates/ingress.yaml',
      code: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: mcp-server',
        '  annotations:',
        '    {{- if .Values.ingress.forwardAuth }}',
        `    ${URL_ANN}`,
        '    {{- end }}',
        'spec:',
        '  rules:',
        '    - host: mcp.example.com',
      ),
    },
    { name: 'Application: MCP chart with its own OAuth and no auth annotations', code: application('mcp-server', '0.4.0', mcpChart([SSL])) },
  ],
  invalid: [
    {
      name: 'raw: ingress named for MCP behind forward-auth; fix removes the auth annotations',
      code: rawIngress({ name: 'mcp-server', annotations: [URL_ANN, SIGNIN, HEADERS, SSL], hosts: ['tools.example.com'], service: 'mcp-server' }),
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 107, message: /forward-auth.*Failed to connect/ }],
      output: rawIngress({ name: 'mcp-server', annotations: [SSL], hosts: ['tools.example.com'], service: 'mcp-server' }),
    },
    {
      name: 'raw: host from config mcp.hosts behind basic auth',
      code: rawIngress({ name: 'tools', annotations: BASIC, hosts: ['tools.example.com'] }),
      config: { mcp: { hosts: ['tools.example.com'] } },
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 49, message: /basic auth.*401 Basic challenge/ }],
      output: rawIngress({ name: 'tools', annotations: [], hosts: ['tools.example.com'] }),
    },
    {
      name: 'raw: /mcp path beside the web app: no fix (split the Ingress)',
      code: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: notes',
        '  annotations:',
        `    ${URL_ANN}`,
        `    ${SIGNIN}`,
        'spec:',
        '  ingressClassName: nginx',
        '  rules:',
        '    - host: notes.example.com',
        '      http:',
        '        paths:',
        '          - path: /',
        '            pathType: Prefix',
        '            backend:',
        '              service:',
        '                name: notes-web',
        '                port:',
        '                  number: 80',
        '          - path: /mcp',
        '            pathType: Prefix',
        '            backend:',
        '              service:',
        '                name: notes-api',
        '                port:',
        '                  number: 8080',
      ),
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 107, message: /notes\.example\.com/ }],
      output: null,
    },
    {
      name: 'sub-chart release: oauth2_proxy: true on the MCP service; fix switches it off',
      files: INGRESS_CHART,
      code: brain(['oauth2_proxy: true']),
      errors: [{ line: 22, column: 11, endLine: 22, endColumn: 29, message: /brain\.example\.com/ }],
      output: brain(['oauth2_proxy: false']),
    },
    {
      name: 'sub-chart release: basic_auth: "false" is a non-empty string, which Go templates treat as true',
      files: INGRESS_CHART,
      code: brain(['basic_auth: "false"']),
      errors: [{ line: 22, column: 11, endLine: 22, endColumn: 30, message: /basic auth/ }],
      output: brain(['basic_auth: false']),
    },
    {
      name: 'sub-chart release: both switches on; the fix turns both off',
      files: INGRESS_CHART,
      code: brain(['oauth2_proxy: true', 'basic_auth: true']),
      errors: [{ line: 23, column: 11, endLine: 23, endColumn: 27, message: /basic auth/ }],
      output: brain(['oauth2_proxy: false', 'basic_auth: false']),
    },
    {
      name: 'Application valuesObject of an MCP chart with forward-auth annotations',
      code: application('mcp-server', '0.4.0', mcpChart([URL_ANN, SIGNIN, SSL])),
      errors: [{ line: 22, column: 13, endLine: 22, endColumn: 115 }],
      output: application('mcp-server', '0.4.0', mcpChart([SSL])),
    },
    {
      name: 'Ansible helm task: MCP host behind forward-auth',
      code: ansibleHelm('oci://ghcr.io/example/charts/notes', ['ingress:', '  enabled: true', '  annotations:', `    ${URL_ANN}`, '  hosts:', '    - mcp.example.com']),
      errors: [{ line: 10, column: 11, endLine: 10, endColumn: 113 }],
      output: ansibleHelm('oci://ghcr.io/example/charts/notes', ['ingress:', '  enabled: true', '  annotations:', '  hosts:', '    - mcp.example.com']),
    },
  ],
});
