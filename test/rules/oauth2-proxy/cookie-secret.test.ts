// The fix writes a random secret; for exact outputs the test feeds node:crypto's randomBytes a
// constant (the real generator is tested in test/unit/cookieSecret.test.ts).
import { after } from 'node:test';
import nodeCrypto = require('node:crypto');
import { ruleTester } from '../../support/ruleTester';
import { rule } from '../../../server/src/rules/oauth2-proxy/cookie-secret';
import { appValuesObject, appValuesString, deployment, y } from './fixtures';

const realRandomBytes = nodeCrypto.randomBytes;
(nodeCrypto as { randomBytes: unknown }).randomBytes = (n: number) => Buffer.alloc(n, 7);
after(() => {
  (nodeCrypto as { randomBytes: unknown }).randomBytes = realRandomBytes;
});
const NEW = Buffer.alloc(32, 7).toString('base64url');

// Throwaway test values, generated once: standard base64 with `+`/`/`, 64 hex characters, base64url.
const STD_PLUS = 'Rhs1r+e5MinXkhSNKB1fzhof8KVa8kG4asrD2tZ4SNs=';
const HEX64 = '99fef4faf488efa4f0f6389ba34bb6fe5f10dac1bc355f49ced30962e6bc9e53';
const URL43 = 'ndIFwtxG9UTlq-iSBb-sgcqZsnfBqse7T5-IHIW2abA';
const PW20_B64 = 'Y29ycmVjdC1ob3JzZS1iYXR0ISE=';

const secret = (field: string, key: string, value: string) =>
  y('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: oauth2-proxy-credentials', '  namespace: oauth2-proxy', 'type: Opaque', `${field}:`, `  client-id: oauth2-proxy`, `  ${key}: ${value}`);

const configMap = (line: string) => y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: oauth2-proxy-config', 'data:', '  oauth2_proxy.cfg: |', '    email_domains = [ "example.com" ]', `    ${line}`);

ruleTester(rule, {
  valid: [
    { name: '43-character base64url', code: appValuesObject('10.7.0', ['config:', `  cookieSecret: ${URL43}`]) },
    { name: 'a 32-character password is valid by design', code: appValuesObject('10.7.0', ['config:', '  cookieSecret: "correct-horse-battery-staple!!#1"']) },
    { name: 'existingSecret: the chart value is not used', code: appValuesObject('10.7.0', ['config:', '  existingSecret: oauth2-proxy-credentials', '  cookieSecret: XXXXXXXXXXXXXXXX']) },
    { name: 'templated value stays silent', code: appValuesObject('10.7.0', ['config:', '  cookieSecret: "{{ .Values.oauth2_cookie_secret }}"']) },
    { name: 'env from a secretKeyRef', code: deployment(['--provider=github'], ['env:', '  - name: OAUTH2_PROXY_COOKIE_SECRET', '    valueFrom:', '      secretKeyRef:', '        name: oauth2-proxy', '        key: cookie-secret']) },
    { name: 'a Secret holding a base64url secret with =', code: secret('stringData', 'cookie-secret', `${URL43}=`) },
    { name: 'a SealedSecret cannot be checked', code: y('apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', '  name: oauth2-proxy-credentials', 'spec:', '  encryptedData:', `    cookie-secret: AgBy3i4OJSWK+PiTySYZZA==`) },
    { name: 'a --cookie-secret flag overridden by nothing but valid', code: deployment([`--cookie-secret=${URL43}`]) },
  ],
  invalid: [
    {
      name: 'chart config.cookieSecret: standard base64 with + or / (valuesObject)',
      code: appValuesObject('10.7.0', ['config:', `  cookieSecret: ${STD_PLUS}`]),
      errors: [{ line: 18, column: 25, endLine: 18, endColumn: 69, message: /44 characters.*standard base64.*but is 44 bytes/ }],
      output: appValuesObject('10.7.0', ['config:', `  cookieSecret: ${NEW}`]),
    },
    {
      name: 'the chart placeholder is insecure, not invalid',
      code: appValuesObject('10.7.0', ['config:', '  cookieSecret: "XXXXXXXXXXXXXXXX"']),
      errors: [{ line: 18, column: 25, endLine: 18, endColumn: 43, severity: 'warning', message: /placeholder/ }],
      output: appValuesObject('10.7.0', ['config:', `  cookieSecret: "${NEW}"`]),
    },
    {
      name: 'extraArgs cookie-secret: token_hex(32) (helm.values string)',
      code: appValuesString('10.7.0', ['extraArgs:', `  cookie-secret: ${HEX64}`]),
      errors: [{ line: 16, column: 26, endLine: 16, endColumn: 90, message: /64-character hex/ }],
      output: appValuesString('10.7.0', ['extraArgs:', `  cookie-secret: ${NEW}`]),
    },
    {
      name: 'a container arg with a trailing = and newline-free hex',
      code: deployment(['--provider=github', `--cookie-secret=${HEX64}`]),
      errors: [{ line: 14, column: 31, endLine: 14, endColumn: 95 }],
      output: deployment(['--provider=github', `--cookie-secret=${NEW}`]),
    },
    {
      name: 'TOML cookie_secret in a ConfigMap',
      code: configMap(`cookie_secret = "${STD_PLUS}"`),
      errors: [{ line: 8, column: 21, endLine: 8, endColumn: 67 }],
      output: configMap(`cookie_secret = "${NEW}"`),
    },
    {
      name: 'Secret stringData cookie-secret',
      code: secret('stringData', 'cookie-secret', `"${STD_PLUS}"`),
      errors: [{ line: 9, column: 18, endLine: 9, endColumn: 64 }],
      output: secret('stringData', 'cookie-secret', `"${NEW}"`),
    },
    {
      name: 'Secret data is checked after base64 decoding and not rewritten',
      code: secret('data', 'cookie-secret', PW20_B64),
      errors: [{ line: 9, column: 18, endLine: 9, endColumn: 46, message: /20 characters.*but is 20 bytes/ }],
      output: null,
    },
    {
      name: 'env OAUTH2_PROXY_COOKIE_SECRET literal in a container',
      code: deployment(['--provider=github'], ['env:', '  - name: OAUTH2_PROXY_COOKIE_SECRET', `    value: "${HEX64}"`]),
      errors: [{ line: 16, column: 23, endLine: 16, endColumn: 87 }],
      output: deployment(['--provider=github'], ['env:', '  - name: OAUTH2_PROXY_COOKIE_SECRET', `    value: "${NEW}"`]),
    },
  ],
});
