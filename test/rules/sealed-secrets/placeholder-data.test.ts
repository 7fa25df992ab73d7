import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../support/ruleTester';
import { rule, notCiphertext } from '../../../server/src/rules/sealed-secrets/placeholder-data';
import { sealed, y, fakeCiphertext } from './fixtures';

const chartFiles = { '/repo/charts/app/Chart.yaml': y('apiVersion: v2', 'name: app', 'version: 0.1.0') };
const real = fakeCiphertext('real');

describe('notCiphertext', () => {
  const table: Array<[string, string, RegExp | undefined]> = [
    ['kubeseal-shaped (4096-bit key)', real, undefined],
    ['kubeseal-shaped (2048-bit key)', (() => { const b = Buffer.from(fakeCiphertext('x'), 'base64').subarray(0, 2 + 256 + 20); b.writeUInt16BE(256, 0); return b.toString('base64'); })(), undefined],
    ['wrapped at 76 columns', real.replace(/(.{76})/g, '$1\n'), undefined],
    ['REPLACE_ME', 'REPLACE_ME', /illegal base64/],
    ['angle-bracket placeholder', '<client-secret>', /illegal base64/],
    ['plain word that is valid base64', 'changeme', /too short/],
    ['base64 of a plaintext password', Buffer.from('hunter2hunter2').toString('base64'), /too short/],
    ['missing padding', real.slice(0, -2), /illegal base64/],
    ['URL-safe alphabet', real.replace(/\+/g, '-'), /illegal base64/],
    ['empty', '', /empty/],
  ];
  for (const [name, value, want] of table) {
    it(name, () => {
      const why = notCiphertext(value);
      if (want) assert.match(why ?? '', want);
      else assert.equal(why, undefined);
    });
  }
});

ruleTester(rule, {
  valid: [
    { name: 'kubeseal output', code: sealed() },
    { name: 'several keys', code: sealed({ data: { 'client-id': fakeCiphertext('a'), 'client-secret': fakeCiphertext('b'), 'cookie-secret': fakeCiphertext('c') } }) },
    { name: 'templated values in a Helm chart', file: '/repo/charts/app/templates/secret.yaml', files: chartFiles, code: sealed({ data: { TOKEN: '{{ .Values.sealed.token }}', URL: '"{{ .Values.sealed.url }}"' } }) },
    { name: 'literal block keeps newlines (Go skips them)', code: sealed({ data: { TOKEN: `|\n      ${real.slice(0, 200)}\n      ${real.slice(200)}` } }) },
  ],
  invalid: [
    {
      name: 'REPLACE_ME placeholder',
      code: sealed({ data: { 'client-secret': 'REPLACE_ME' } }),
      errors: [{ line: 9, column: 20, endLine: 9, endColumn: 30, message: /`client-secret` \(10 characters\).*illegal base64 data.*`grafana-oauth-secret` is never created/ }],
    },
    {
      name: 'angle brackets and an empty value, beside a real one',
      code: sealed({ data: { 'client-id': '"<github client id>"', 'cookie-secret': real, 'client-secret': '' } }),
      errors: [
        { line: 9, column: 16, endLine: 9, endColumn: 36, message: /illegal base64/ },
        { line: 11, column: 5, endLine: 11, endColumn: 18, message: /no value/ },
      ],
    },
    {
      name: 'base64 of the plaintext (sealed with base64 instead of kubeseal)',
      file: '/repo/charts/app/templates/secret.yaml',
      files: chartFiles,
      code: sealed({ data: { password: Buffer.from('s3cr3t-passw0rd').toString('base64') } }),
      errors: [{ line: 9, column: 15, endLine: 9, endColumn: 35, message: /password` \(20 characters\).*too short/ }],
    },
    {
      name: 'folded plain scalar turns line breaks into spaces',
      code: sealed({ data: { TOKEN: `${real.slice(0, 300)}\n      ${real.slice(300)}` } }),
      errors: [{ line: 9, column: 12, endLine: 10, endColumn: 7 + real.length - 300, message: /illegal base64/ }],
    },
  ],
});
