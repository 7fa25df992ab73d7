// The oauth2-proxy view: the TOML-like config reader keeps positions (multi-line arrays, comments,
// strings, booleans), and effective() follows oauth2-proxy's precedence flag > env > config file >
// default across the containers an instance can live in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/engine/model';
import { fileSource, childSource } from '../../../server/src/engine/source';
import { effective, effectiveText, oauth2ProxyFacts, option, proxyInstances } from '../../../server/src/engine/views/oauth2proxy';
import { readConfigText, entryOf, entryValues } from '../../../server/src/engine/views/oauth2proxy-config';
import { appValuesObject, deployment, y } from './fixtures';
import { isMap, isScalar } from 'yaml';

function configOf(text: string) {
  const src = fileSource('/t.yaml', text);
  const top = src.docs[0].contents;
  assert.ok(isMap(top));
  const node = top.items[0].value;
  assert.ok(isScalar(node));
  return readConfigText(childSource(src, node)!);
}

describe('readConfigText', () => {
  const text = y('cfg: |', '  # comment', '  email_domains = [', '    "a.example.com", # first', "    'b.example.com',", '  ]', '  cookie_secure = true', '  cookie_name = "_x" # trailing', '  skip = {{ .Values.skip }}', '  bad line');
  const cfg = configOf(text);
  it('reads keys, multi-line arrays with comments and trailing commas', () => {
    assert.deepEqual(entryValues(entryOf(cfg, 'email_domains')!).map((v) => v.text), ['a.example.com', 'b.example.com']);
    assert.equal(entryOf(cfg, 'COOKIE_SECURE')!.value.kind, 'bool');
    assert.equal((entryOf(cfg, 'cookie_name')!.value as { text: string }).text, '_x');
  });
  it('maps value offsets back to the outer file exactly', () => {
    const v = entryValues(entryOf(cfg, 'email_domains')!)[1];
    assert.equal(text.slice(cfg.src.toOuter(v.start), cfg.src.toOuter(v.end - 1) + 1), "'b.example.com'");
  });
  it('a templated value is unknown with its pattern', () => {
    const v = entryValues(entryOf(cfg, 'skip')!)[0];
    assert.deepEqual([v.known, v.pattern], [false, '{{.Values.skip}}']);
  });
  it('reports a line that is not key = value', () => {
    assert.equal(cfg.problems.length, 1);
    assert.match(cfg.problems[0].message, /expected `=`/);
  });
});

describe('effective options', () => {
  it('a flag beats env beats the config file', () => {
    const m = buildModel('/t.yaml', appValuesObject('10.7.0', ['config:', '  configFile: |-', '    cookie_name = "_toml"', '    email_domains = ["example.com"]', 'extraEnv:', '  - name: OAUTH2_PROXY_COOKIE_NAME', '    value: _env', 'extraArgs:', '  cookie-name: _flag']));
    const [inst] = proxyInstances(m);
    assert.equal(effectiveText(inst, 'cookie-name'), '_flag');
    assert.deepEqual(effective(inst, 'cookie-name')!.source, 'flag');
    assert.deepEqual(effective(inst, 'email-domain')!.values.map((v) => v.text), ['example.com']);
  });
  it('chart defaults depend on the chart version', () => {
    const old = proxyInstances(buildModel('/t.yaml', appValuesObject('10.3.0', ['config:', '  emailDomains: [example.com]'])))[0];
    const cur = proxyInstances(buildModel('/t.yaml', appValuesObject('10.4.0', ['config:', '  emailDomains: [example.com]'])))[0];
    assert.deepEqual(effective(old, 'email-domain')!.values.map((v) => v.text), ['*']);
    assert.deepEqual(effective(cur, 'email-domain')!.values.map((v) => v.text), ['example.com']);
  });
  it('existingConfig hides the config file; envFrom hides env', () => {
    const chart = proxyInstances(buildModel('/t.yaml', appValuesObject('10.7.0', ['config:', '  existingConfig: cfg'])))[0];
    assert.equal(effective(chart, 'email-domain'), undefined);
    const pod = proxyInstances(buildModel('/t.yaml', deployment(['--provider=github'], ['envFrom:', '  - secretRef:', '      name: env'])))[0];
    assert.equal(effective(pod, 'cookie-name'), undefined);
    assert.equal(effectiveText(pod, 'provider'), 'github');
  });
  it('facts carry the fields other rules read', () => {
    const m = buildModel('/t.yaml', appValuesObject('10.7.0', ['extraArgs:', '  cookie-domain: ".{{ .Values.domain }}"', '  set-xauthrequest: true', 'ingress:', '  enabled: true', '  hosts:', '    - oauth2.{{ .Values.domain }}']));
    const [f] = oauth2ProxyFacts(m);
    assert.deepEqual([f.cookieName, f.cookieDomains, f.whitelistDomains, f.hosts, f.setXAuthRequest, f.passAccessToken, f.provider], ['_oauth2_proxy', ['.{{.Values.domain}}'], [], ['oauth2.{{.Values.domain}}'], true, false, 'google']);
  });
});

describe('option()', () => {
  it('lists every setting with its source, highest precedence first, the default last', () => {
    const m = buildModel('/t.yaml', appValuesObject('10.3.0', ['extraArgs:', '  email-domain: example.com']));
    const [inst] = proxyInstances(m);
    assert.deepEqual(option(inst, 'email-domain').map((s) => [s.source, s.values.map((v) => v.text).join(',')]), [['flag', 'example.com'], ['chart', '*'], ['default', '']]);
  });
});
