// The small pure parts of the server: settings parsing, code action selection and building,
// diagnostics conversion, URIs, debouncing, and the client's MCP URL guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../server/src/lsp/settings';
import { codeActionsFor, findingsInRequest } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { uriToPath, pathToUri, isRealFile } from '../../server/src/lsp/uris';
import { Debouncer } from '../../server/src/lsp/debounce';
import { mcpUrlNear } from '../../client/src/mcpUrl';
import type { Finding } from '../../server/src/engine/types';
import type { LintSnapshot } from '../../server/src/lsp/snapshot';

test('parseSettings keeps valid entries and names the rest', async (t) => {
  const cases = [
    { name: 'null', raw: null, enable: true, rules: {}, problems: 0 },
    { name: 'disabled', raw: { enable: false }, enable: false, rules: {}, problems: 0 },
    { name: 'rules', raw: { rules: { 'a/b': 'off', 'c/d': 'warning' } }, enable: true, rules: { 'a/b': 'off', 'c/d': 'warning' }, problems: 0 },
    { name: 'bad severity dropped', raw: { rules: { 'a/b': 'loud', 'c/d': 'info' } }, enable: true, rules: { 'c/d': 'info' }, problems: 1 },
    { name: 'mistyped enable', raw: { enable: 'yes' }, enable: true, rules: {}, problems: 1 },
    { name: 'rules not an object', raw: { rules: ['a/b'] }, enable: true, rules: {}, problems: 1 },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const { settings, problems } = parseSettings(c.raw);
      assert.deepEqual({ enable: settings.enable, rules: settings.rules, problems: problems.length }, { enable: c.enable, rules: c.rules, problems: c.problems });
    });
  }
});

const TEXT = 'a: 1\nb: 2\nc: 3\n';
function finding(ruleId: string, line: number, fixes: Finding['fixes'] = []): Finding {
  const start = TEXT.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
  return { ruleId, severity: 'warning', message: `${ruleId} here`, file: '/w/x.yaml', start, end: start + 1, span: { start: { line, character: 0 }, end: { line, character: 1 } }, fixes, related: [] };
}
const snap: LintSnapshot = {
  uri: 'file:///w/x.yaml',
  version: 3,
  text: TEXT,
  findings: [
    finding('r/one', 0, [{ title: 'Make a 9', preferred: true, edits: [{ start: 3, end: 4, newText: '9' }] }]),
    finding('r/two', 1, [{ title: 'Make b 8', edits: [{ start: 8, end: 9, newText: '8' }] }]),
    finding('r/three', 2),
  ],
};
const docsUrl = (id: string) => `https://docs.example/${id}.md`;
const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });

test('code actions: which findings a request is about', async (t) => {
  const cases = [
    { name: 'diagnostic of this version (data)', diags: [toDiagnostic(snap.findings[1], 1, 3, docsUrl)], range: range(0), expect: [1] },
    { name: 'stale diagnostic matched by rule and range', diags: [{ ...toDiagnostic(snap.findings[2], 2, 1, docsUrl), data: { ruleId: 'r/three', version: 1, index: 0, fixes: 0 } }], range: range(0), expect: [2] },
    { name: 'stale diagnostic that no longer matches', diags: [{ ...toDiagnostic(snap.findings[2], 2, 1, docsUrl), range: range(7) }], range: range(7), expect: [] },
    { name: 'no diagnostics in context: by range', diags: [], range: range(2), expect: [2] },
    { name: 'foreign diagnostics ignored', diags: [{ range: range(0), message: 'x', source: 'yaml' }], range: range(0), expect: [0] },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = findingsInRequest(snap, { textDocument: { uri: snap.uri }, range: c.range, context: { diagnostics: c.diags } });
      assert.deepEqual(got.map((g) => g.index), c.expect);
    });
  }
});

test('code actions: titles, kinds, preferred and versioned edits', async (t) => {
  const opts = { docsUrl, documentChanges: true, lazyEdits: false };
  await t.test('quick-fix list for a fixable finding', () => {
    const actions = codeActionsFor(snap, { textDocument: { uri: snap.uri }, range: range(0), context: { diagnostics: [toDiagnostic(snap.findings[0], 0, 3, docsUrl)] } }, opts);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Make a 9', 'quickfix', true],
        ['Disable r/one for this line', 'quickfix', false],
        ['Disable r/one for this file', 'quickfix', false],
        ['Show documentation for r/one', 'quickfix', false],
        ['Fix all auto-fixable cluster-auth-lint problems', 'quickfix', false],
      ],
    );
    const edit = actions[0].edit?.documentChanges?.[0];
    assert.ok(edit && 'textDocument' in edit);
    assert.deepEqual(edit.textDocument, { uri: snap.uri, version: 3 });
    assert.deepEqual(actions[3].command?.arguments, ['https://docs.example/r/one.md']);
  });
  const kinds = [
    { name: 'only source.fixAll', only: ['source.fixAll'], expect: ['source.fixAll.cluster-auth-lint'] },
    { name: 'only source', only: ['source'], expect: ['source.fixAll.cluster-auth-lint'] },
    { name: 'only quickfix', only: ['quickfix'], expect: ['quickfix', 'quickfix', 'quickfix'] },
    { name: 'only refactor', only: ['refactor'], expect: [] },
  ];
  for (const k of kinds) {
    await t.test(k.name, () => {
      const actions = codeActionsFor(snap, { textDocument: { uri: snap.uri }, range: range(2), context: { diagnostics: [], only: k.only } }, opts);
      assert.deepEqual(actions.map((a) => a.kind), k.expect);
    });
  }
  await t.test('lazy edits leave the edit for resolve', () => {
    const actions = codeActionsFor(snap, { textDocument: { uri: snap.uri }, range: range(0), context: { diagnostics: [] } }, { ...opts, lazyEdits: true });
    assert.ok(actions.every((a) => a.edit === undefined));
    assert.deepEqual(actions[0].data, { uri: snap.uri, version: 3, key: { t: 'fix', i: 0, j: 0 } });
  });
});

test('toDiagnostic: code, docs link, severity, related, data without fix text', () => {
  const f: Finding = { ...snap.findings[0], severity: 'info', related: [{ file: '/w/secret.yaml', span: range(4), message: 'the Secret' }] };
  const d = toDiagnostic(f, 0, 3, docsUrl);
  assert.equal(d.code, 'r/one');
  assert.equal(d.source, 'cluster-auth-lint');
  assert.equal(d.severity, 3);
  assert.equal(d.codeDescription?.href, 'https://docs.example/r/one.md');
  assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///w/secret.yaml', range: range(4) }, message: 'the Secret' }]);
  assert.deepEqual(d.data, { ruleId: 'r/one', version: 3, index: 0, fixes: 1 });
  assert.ok(!JSON.stringify(d).includes('Make a 9'));
});

test('uris: files round-trip, untitled documents get a stable synthetic path', async (t) => {
  const cases = [
    { uri: 'file:///w/a%20b/x.yaml', path: '/w/a b/x.yaml', real: true },
    { uri: 'untitled:Untitled-1', path: '/__cluster-auth-lint-untitled__/untitled/Untitled-1', real: false },
  ];
  for (const c of cases) {
    await t.test(c.uri, () => {
      assert.equal(uriToPath(c.uri), c.path);
      assert.equal(isRealFile(c.path), c.real);
      if (c.real) assert.equal(pathToUri(c.path), c.uri);
    });
  }
});

test('Debouncer.scheduleLeading: at once after a pause, once at the end of a burst, waiting in proportion to the cost', async () => {
  const d = new Debouncer();
  const ran: string[] = [];
  d.scheduleLeading('k', 30, () => ran.push('first'), 12, 1000);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(ran, ['first'], 'a quiet start runs on the next tick');
  // A run costs 12 ms: the burst waits 24 ms (under the 30 ms ceiling) after its last request.
  for (let i = 0; i < 4; i++) d.scheduleLeading('k', 30, () => ran.push(`burst ${i}`), 12, 1001 + i);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(ran, ['first'], 'a burst waits');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(ran, ['first', 'burst 3'], 'and runs once, for its last request');
  // A cheap run (1 ms) is held back only the 2 ms floor; an expensive one only up to the ceiling.
  const t0 = Date.now();
  await new Promise<void>((res) => d.scheduleLeading('k', 30, res, 1, Date.now()));
  assert.ok(Date.now() - t0 < 25, `cheap burst waited ${Date.now() - t0} ms`);
  d.dispose();
});

test('Debouncer: the latest schedule wins', async () => {
  const d = new Debouncer();
  const ran: number[] = [];
  for (let i = 0; i < 5; i++) d.schedule('k', 20, () => ran.push(i));
  d.schedule('other', 5, () => ran.push(100));
  d.schedule('gone', 5, () => ran.push(200));
  d.cancel('gone');
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(ran, [100, 4]);
  d.dispose();
});


test('mcpUrlNear: the MCP ingress host nearest the cursor', async (t) => {
  const ingress = [
    'kind: Ingress', // 0
    'spec:', // 1
    '  rules:', // 2
    '    - host: grafana.example.com', // 3
    '    - host: thoth-mcp.example.com', // 4
    '  tls:', // 5
    '    - hosts:', // 6
    '        - mcp.example.com', // 7
    '---', // 8
    'kind: Ingress', // 9
    'spec:', // 10
    '  rules:', // 11
    '    - host: mcp.{{ .Values.domain }}', // 12
  ].join('\n');
  const cases = [
    { name: 'on the host line', line: 4, expect: 'https://thoth-mcp.example.com/mcp' },
    { name: 'hosts list item', line: 7, expect: 'https://mcp.example.com/mcp' },
    { name: 'nearest in the same document', line: 2, expect: 'https://thoth-mcp.example.com/mcp' },
    { name: 'templated host is not a URL', line: 12, expect: undefined },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(mcpUrlNear(ingress, c.line), c.expect));
});
