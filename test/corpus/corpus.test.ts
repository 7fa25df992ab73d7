// The real-world corpus (../shared/corpus: a k3s GitOps cluster and an MCP server's chart, after
// their authors fixed what the rules describe): no crash, no error, and exactly the latent
// problems listed here, each justified from RULES.md. A new finding is a false alarm until shown
// otherwise; a missing one is a rule that went blind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Workspace, CLI_MODEL_CACHE_BYTES } from '../../server/src/engine/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import { rules } from '../../server/src/rules/index';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

/** file:line rule — why (RULES.md). */
const EXPECTED: Record<string, string> = {
  'tpi-k3s-ansible/kubernetes-services/templates/grafana.yaml:40 grafana/open-self-signup': '[users] allow_sign_up: true while generic OAuth is enabled opens /api/user/signup; OAuth sign-up is governed by [auth.generic_oauth] allow_sign_up.',
  'tpi-k3s-ansible/kubernetes-services/templates/grafana.yaml:42 grafana/unknown-setting': '[auth] disable_signup_form is not a Grafana setting and blocks nothing.',
  'tpi-k3s-ansible/roles/cluster/tasks/argocd.yml:61 argocd/oidc-dex-cli-client': 'Dex through oidc.config (issuer = url + /api/dex) without cliClientID: argo-cd-cli, and allowedAudiences lacks argo-cd-cli: argocd login --sso fails.',
  'tpi-k3s-ansible/roles/cluster/tasks/argocd.yml:62 argocd/plaintext-client-secret': 'oidc.config clientSecret is a template that renders the secret into the ConfigMap.',
  'tpi-k3s-ansible/roles/cluster/tasks/argocd.yml:84 argocd/plaintext-client-secret': "the argo-cd static client's secret is a template that renders the secret into the ConfigMap.",
  'tpi-k3s-ansible/kubernetes-services/additions/cloudflared/deployment.yaml:38 workloads/secret-reload': 'env from a SealedSecret-produced Secret with no Reloader annotation or checksum (info).',
  'tpi-k3s-ansible/kubernetes-services/additions/open-brain-mcp/templates/deployment.yaml:26 workloads/secret-reload': 'envFrom a SealedSecret-produced Secret with no Reloader annotation or checksum (info).',
  'tpi-k3s-ansible/kubernetes-services/templates/grafana.yaml:34 workloads/secret-reload': 'grafana.envFromSecrets reads a SealedSecret-produced Secret; the chart checksums do not cover it (info).',
  'tpi-k3s-ansible/kubernetes-services/templates/oauth2-proxy.yaml:22 workloads/secret-reload': "config.existingSecret: the oauth2-proxy chart's checksum/secret does not change with it (the RULES.md trap) (info).",
  'tpi-k3s-ansible/kubernetes-services/templates/open-webui.yaml:54 workloads/secret-reload': 'extraEnvVars secretKeyRef to a SealedSecret-produced Secret (info).',
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('the real-world corpus: no crash, no error, exactly the justified findings', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  const ws = new Workspace(defaultConfig, rules, { modelCacheBytes: CLI_MODEL_CACHE_BYTES });
  const files = yamlFiles(CORPUS);
  assert.ok(files.length > 100);
  for (const f of files) ws.update(f, readFileSync(f, 'utf8'));
  const findings = files.flatMap((f) => ws.lint(f));
  assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('meta/')).map((f) => `${f.file}: ${f.message}`), [], 'no engine problem');
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${relative(CORPUS, f.file)}:${f.span.start.line + 1} ${f.ruleId}`), [], 'no error on the corpus');
  const got = findings.map((f) => `${relative(CORPUS, f.file).split('\\').join('/')}:${f.span.start.line + 1} ${f.ruleId}`).sort();
  assert.deepEqual(got, Object.keys(EXPECTED).sort());
});
