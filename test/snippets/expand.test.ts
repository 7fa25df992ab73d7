import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandSnippet } from './expand';

const cases: Array<[string, string, string]> = [
  ['default placeholder', 'name: ${1:app}', 'name: app'],
  ['mirror takes the first value', '${1:app} and $1 and ${1}', 'app and app and app'],
  ['nested placeholder', 'svc: ${2:${1:app}-svc}', 'svc: app-svc'],
  ['choice takes the first option', 'provider: ${1|github,oidc|}', 'provider: github'],
  ['escapes', 'rd=https://\\$host \\} \\\\', 'rd=https://$host } \\'],
  ['final tab stop and variables vanish', 'a$0b $TM_FILENAME', 'ab '],
];

describe('snippet expansion', () => {
  for (const [name, body, want] of cases) it(name, () => assert.equal(expandSnippet(body), want));
  it('rejects an unterminated placeholder', () => assert.throws(() => expandSnippet('${1:oops')));
});
