// The language server over real JSON-RPC on stdio, as an editor drives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { protocol } from './protocol';
import type { CodeAction, CompletionItem, Diagnostic, MarkupContent } from './protocol';
import { LspClient, REPO_ROOT, editsForUri, tempWorkspace, uriOf } from './harness';
import {
  ARGOCD_VALUES,
  BAD_COOKIE_SECRET,
  COOKIE_SECRET_VALUE,
  FIXABLE_CASES,
  DEX_SEALED_SECRET_LABELLED,
  DEX_SEALED_SECRET_UNLABELLED,
  INGRESS,
  OAUTH2_PROXY_APP_FIXED,
  OAUTH2_PROXY_APP_WILDCARD,
  SEALED_SECRET_FOR_COMPLETION,
  SECRET_REF_RULE,
  WILDCARD_RULE,
} from './fixtures';

const { CodeActionRequest, CompletionRequest, DocumentDiagnosticRequest, ExecuteCommandRequest, FileChangeType, HoverRequest } = protocol;

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => String(d.code));

async function withServer(options: Parameters<typeof LspClient.start>[0], body: (c: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

async function actionsAt(c: LspClient, uri: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  const r = await c.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only },
  });
  // The server only ever answers with CodeAction literals.
  return (r ?? []) as CodeAction[];
}

function byCode(ds: readonly Diagnostic[], code: string): Diagnostic {
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `expected a ${code} diagnostic, got: ${codes(ds).join(', ') || 'none'}`);
  return d;
}

test('initialize: capabilities for push and pull clients', async (t) => {
  const cases = [
    { name: 'push client', pull: false, diagnosticProvider: false },
    { name: 'pull client', pull: true, diagnosticProvider: true },
  ];
  for (const c of cases) {
    await t.test(c.name, () =>
      withServer({ pull: c.pull }, async (client) => {
        const caps = client.initializeResult.capabilities;
        assert.equal(!!caps.diagnosticProvider, c.diagnosticProvider);
        assert.ok(caps.hoverProvider);
        assert.ok(caps.completionProvider);
        const kinds = typeof caps.codeActionProvider === 'object' ? caps.codeActionProvider.codeActionKinds : [];
        assert.deepEqual(kinds, ['quickfix', 'source.fixAll.cluster-auth-lint']);
        assert.deepEqual(caps.executeCommandProvider?.commands, ['cluster-auth-lint.applyFixAll', 'cluster-auth-lint.showDocumentation']);
        assert.equal(client.initializeResult.serverInfo?.name, 'cluster-auth-lint');
      }),
    );
  }
});

test('diagnostics: a templated file gets codes, docs links and data, for its version', async (t) => {
  for (const k of FIXABLE_CASES) {
    await t.test(k.name, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.file}`, k.text);
        const ds = await c.diagnosticsFor(uri, 1);
        const d = byCode(ds, k.rule);
        assert.equal(d.source, 'cluster-auth-lint');
        assert.equal(d.codeDescription?.href.endsWith(`${k.rule}.md`), true, d.codeDescription?.href);
        assert.deepEqual((d.data as { ruleId: string }).ruleId, k.rule);
        assert.equal((d.data as { version: number }).version, 1);
        assert.equal(d.severity, 1);
      }),
    );
  }
  await t.test('range inside the embedded configFile', () =>
    withServer({}, async (c) => {
      const uri = await c.open('/tmp/cal-lsp-single/oauth2-proxy.yaml', OAUTH2_PROXY_APP_WILDCARD);
      const d = byCode(await c.diagnosticsFor(uri, 1), WILDCARD_RULE);
      assert.equal(OAUTH2_PROXY_APP_WILDCARD.split('\n')[d.range.start.line].includes('email_domains'), true, JSON.stringify(d.range));
    }),
  );
});

test('transports and documents: node IPC (as VS Code starts it) and untitled documents', async (t) => {
  const cases = [
    { name: 'node-ipc, file document', transport: 'ipc' as const, uri: 'file:///tmp/cal-lsp-single/ipc.yaml' },
    { name: 'stdio, untitled document', transport: 'stdio' as const, uri: 'untitled:Untitled-1' },
  ];
  for (const k of cases) {
    await t.test(k.name, () =>
      withServer({ transport: k.transport }, async (c) => {
        const uri = await c.open(k.uri, OAUTH2_PROXY_APP_WILDCARD);
        assert.ok(codes(await c.diagnosticsFor(uri, 1)).includes(WILDCARD_RULE));
      }),
    );
  }
});

test('diagnostics: change and change back, each published for its own version', async (t) => {
  for (const k of FIXABLE_CASES) {
    await t.test(k.name, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.file}`, k.text);
        assert.ok(codes(await c.diagnosticsFor(uri, 1)).includes(k.rule));
        const steps = [
          { text: k.fixed, expect: false },
          { text: k.text, expect: true },
        ];
        for (const s of steps) {
          const v = await c.change(uri, s.text);
          assert.equal(codes(await c.diagnosticsFor(uri, v)).includes(k.rule), s.expect, `v${v}`);
        }
      }),
    );
  }
});

test('diagnostics: a burst of edits is linted once for its last version, never an older one after it', () =>
  // A 50 ms floor makes "a burst" independent of how fast this machine lints (CI may be loaded).
  withServer({ env: { CAL_SERVER_DEBOUNCE_MIN_MS: '50' } }, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/typing.yaml', OAUTH2_PROXY_APP_WILDCARD);
    await c.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 300));
    let v = 1;
    for (let i = 0; i < 8; i++) v = await c.change(uri, i % 2 === 0 ? OAUTH2_PROXY_APP_FIXED : OAUTH2_PROXY_APP_WILDCARD);
    const last = await c.diagnosticsFor(uri, v);
    assert.ok(codes(last).includes(WILDCARD_RULE));
    await new Promise((r) => setTimeout(r, 400));
    const versions = c.publishes.filter((p) => p.uri === uri).map((p) => p.version!);
    // The first edit after a pause is answered at once; the rest of the burst once, at its end.
    assert.equal(versions[versions.length - 1], v);
    assert.ok(versions.length <= 3, `debounced: ${versions.join(', ')}`);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'never an older version after a newer one');
  }));

test('diagnostics: a single edit after a pause is answered without waiting for the debounce', () =>
  withServer({ env: { CAL_SERVER_DEBOUNCE_MS: '1000' } }, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/single.yaml', OAUTH2_PROXY_APP_WILDCARD);
    await c.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 1100));
    const t0 = Date.now();
    const v = await c.change(uri, OAUTH2_PROXY_APP_FIXED);
    await c.diagnosticsFor(uri, v);
    assert.ok(Date.now() - t0 < 600, `answered after ${Date.now() - t0} ms`);
    // …and an edit right after it waits in proportion to what a lint of this file costs, far below the 1 s ceiling.
    const t1 = Date.now();
    const w = await c.change(uri, OAUTH2_PROXY_APP_WILDCARD);
    await c.diagnosticsFor(uri, w);
    assert.ok(Date.now() - t1 < 600, `a cheap lint is not held back to the ceiling: ${Date.now() - t1} ms`);
  }));

test('diagnostics: closing a document clears them', () =>
  withServer({}, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/close.yaml', OAUTH2_PROXY_APP_WILDCARD);
    assert.ok((await c.diagnosticsFor(uri, 1)).length > 0);
    await c.close(uri);
    const cleared = await c.until('cleared diagnostics', () => {
      const p = c.diagnostics.get(uri);
      return p && p.version === undefined && p.diagnostics.length === 0 ? p : undefined;
    });
    assert.deepEqual(cleared.diagnostics, []);
  }));

test('code actions: the quick-fix edit removes the finding', async (t) => {
  for (const k of FIXABLE_CASES) {
    await t.test(k.name, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.file}`, k.text);
        const d = byCode(await c.diagnosticsFor(uri, 1), k.rule);
        const actions = await actionsAt(c, uri, d);
        const fix = actions.find((a) => a.kind === 'quickfix' && a.edit && !a.title.startsWith('Disable') && !a.title.startsWith('Fix all'));
        assert.ok(fix, `a quick-fix, got ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(editsForUri(fix.edit, uri).version, 1, 'the edit names the version it was made for');
        const v = await c.applyEdit(uri, fix.edit);
        assert.ok(!codes(await c.diagnosticsFor(uri, v)).includes(k.rule), c.text(uri));
      }),
    );
  }
});

test('code actions: fix-all as a source action and as a command', async (t) => {
  const cases = FIXABLE_CASES.flatMap((f) => [
    { name: `${f.name}: source.fixAll request`, via: 'codeAction' as const, f },
    { name: `${f.name}: applyFixAll command (workspace/applyEdit)`, via: 'command' as const, f },
  ]);
  for (const k of cases) {
    await t.test(k.name, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.f.file}`, k.f.text);
        const before = await c.diagnosticsFor(uri, 1);
        assert.ok(before.length > 0);
        let edit;
        if (k.via === 'codeAction') {
          const actions = await actionsAt(c, uri, before[0], ['source.fixAll']);
          assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.cluster-auth-lint']);
          edit = actions[0].edit;
        } else {
          await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cluster-auth-lint.applyFixAll', arguments: [{ uri, version: 1 }] });
          edit = await c.until('workspace/applyEdit', () => c.appliedEdits[0]);
        }
        const v = await c.applyEdit(uri, edit);
        const after = await c.diagnosticsFor(uri, v);
        assert.ok(!codes(after).includes(k.f.rule));
      }),
    );
  }
});

test('code actions: disable for this line / this file write suppression comments', async (t) => {
  const cases = FIXABLE_CASES.flatMap((f) => [
    { f, title: `Disable ${f.rule} for this line`, comment: `# cluster-auth-lint-disable-next-line ${f.rule}` },
    { f, title: `Disable ${f.rule} for this file`, comment: `# cluster-auth-lint-disable-file ${f.rule}` },
  ]);
  for (const k of cases) {
    await t.test(k.title, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.f.file}`, k.f.text);
        const d = byCode(await c.diagnosticsFor(uri, 1), k.f.rule);
        const action = (await actionsAt(c, uri, d)).find((a) => a.title === k.title);
        assert.ok(action?.edit, k.title);
        const v = await c.applyEdit(uri, action.edit);
        assert.ok(c.text(uri).includes(k.comment), c.text(uri));
        assert.ok(!codes(await c.diagnosticsFor(uri, v)).includes(k.f.rule));
      }),
    );
  }
});

test('code actions: lazily resolved edits for clients with codeAction/resolve', () =>
  withServer({ resolveEdits: true }, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/resolve.yaml', OAUTH2_PROXY_APP_WILDCARD);
    const d = byCode(await c.diagnosticsFor(uri, 1), WILDCARD_RULE);
    const actions = await actionsAt(c, uri, d);
    const fix = actions.find((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable') && !a.command);
    assert.ok(fix && !fix.edit && fix.data, 'listed without its edit');
    const resolved = await c.connection.sendRequest('codeAction/resolve', fix) as CodeAction;
    const v = await c.applyEdit(uri, resolved.edit);
    assert.ok(!codes(await c.diagnosticsFor(uri, v)).includes(WILDCARD_RULE));
  }));

test('code actions: show documentation opens the rule page', () =>
  withServer({}, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/docs.yaml', OAUTH2_PROXY_APP_WILDCARD);
    const d = byCode(await c.diagnosticsFor(uri, 1), WILDCARD_RULE);
    const action = (await actionsAt(c, uri, d)).find((a) => a.title === `Show documentation for ${WILDCARD_RULE}`);
    assert.ok(action?.command);
    await c.connection.sendRequest(ExecuteCommandRequest.type, { command: action.command.command, arguments: action.command.arguments });
    const shown = await c.until('window/showDocument', () => c.shownDocuments[0]);
    assert.equal(shown, d.codeDescription?.href);
  }));

test('hover: flagged range shows the rule; known keys show schema descriptions', async (t) => {
  for (const k of FIXABLE_CASES) {
    await t.test(`flagged range: ${k.name}`, () =>
      withServer({}, async (c) => {
        const uri = await c.open(`/tmp/cal-lsp-single/${k.file}`, k.text);
        const d = byCode(await c.diagnosticsFor(uri, 1), k.rule);
        const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
        const md = (h?.contents as MarkupContent).value;
        assert.ok(md.includes(k.rule), md);
        assert.ok(md.includes(d.codeDescription!.href), md);
      }),
    );
  }
  const keys = [
    { key: 'nginx.ingress.kubernetes.io/auth-url', expect: /controller|inside the cluster/i },
    { key: 'nginx.ingress.kubernetes.io/auth-signin', expect: /browser/i },
  ];
  for (const k of keys) {
    await t.test(k.key, () =>
      withServer({}, async (c) => {
        const uri = await c.open('/tmp/cal-lsp-single/ingress.yaml', INGRESS);
        const lines = INGRESS.split('\n');
        const line = lines.findIndex((l) => l.includes(k.key + ':'));
        const character = lines[line].indexOf(k.key) + 5;
        const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
        assert.ok(h, 'a hover');
        const md = (h.contents as MarkupContent).value;
        assert.match(md, k.expect);
      }),
    );
  }
});

test('completion: keys and enum values from the schemas', async (t) => {
  const cases = [
    {
      name: 'SealedSecret metadata.annotations',
      text: SEALED_SECRET_FOR_COMPLETION,
      at: (lines: string[]) => ({ line: lines.findIndex((l) => l.trim() === 'sealed'), character: '    sealed'.length }),
      expect: 'sealedsecrets.bitnami.com/cluster-wide',
    },
    {
      name: 'ingress annotation keys',
      text: INGRESS.replace('    nginx.ingress.kubernetes.io/auth-type: \n', '    nginx.ingress.kubernetes.io/auth-\n'),
      at: (lines: string[]) => ({ line: lines.findIndex((l) => l.endsWith('auth-')), character: '    nginx.ingress.kubernetes.io/auth-'.length }),
      expect: 'nginx.ingress.kubernetes.io/auth-response-headers',
    },
    {
      name: 'ingress auth-type values',
      text: INGRESS,
      at: (lines: string[]) => ({ line: lines.findIndex((l) => l.includes('auth-type:')), character: '    nginx.ingress.kubernetes.io/auth-type: '.length }),
      expect: 'basic',
    },
  ];
  for (const k of cases) {
    await t.test(k.name, () =>
      withServer({}, async (c) => {
        const uri = await c.open('/tmp/cal-lsp-single/complete.yaml', k.text);
        const position = k.at(k.text.split('\n'));
        const r = await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        const items = (Array.isArray(r) ? r : (r?.items ?? [])) as CompletionItem[];
        const labels = items.map((i) => i.label);
        assert.ok(labels.includes(k.expect), labels.join(', '));
        const item = items.find((i) => i.label === k.expect)!;
        assert.ok(item.documentation, 'documented');
      }),
    );
  }
  await t.test('dex.config static client keys', async (t2) => {
    if (!existsSync(path.join(REPO_ROOT, 'schemas', 'dex-config.schema.json'))) {
      t2.skip('schemas/dex-config.schema.json is not written yet');
      return;
    }
    await withServer({}, async (c) => {
      const text = ARGOCD_VALUES.replace('          name: Grafana\n', '          name: Grafana\n          trusted\n');
      const uri = await c.open('/tmp/cal-lsp-single/dex.yaml', text);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.trim() === 'trusted');
      const r = await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: lines[line].length } });
      const labels = ((Array.isArray(r) ? r : (r?.items ?? [])) as CompletionItem[]).map((i) => i.label);
      assert.ok(labels.includes('trustedPeers'), labels.join(', '));
    });
  });
});

test('cross-file: labelling the SealedSecret clears the values file finding (push)', async () => {
  const ws = tempWorkspace({ 'argocd/values.yaml': ARGOCD_VALUES, 'secrets/argocd-dex-secret.yaml': DEX_SEALED_SECRET_UNLABELLED });
  try {
    await withServer({ root: ws.root }, async (c) => {
      await c.indexed();
      assert.ok(c.progressTokens > 0, 'indexing reported progress');
      const values = await c.open(ws.file('argocd/values.yaml'), ARGOCD_VALUES);
      const d = byCode(await c.diagnosticsFor(values, 1), SECRET_REF_RULE);
      assert.ok(d.relatedInformation?.some((r) => r.location.uri === uriOf(ws.file('secrets/argocd-dex-secret.yaml'))), 'points at the SealedSecret');
      const secret = await c.open(ws.file('secrets/argocd-dex-secret.yaml'), DEX_SEALED_SECRET_UNLABELLED);
      await c.diagnosticsFor(secret, 1);
      const before = c.publishes.length;
      await c.change(secret, DEX_SEALED_SECRET_LABELLED);
      await c.until('values file re-checked without the finding', () => {
        const p = c.publishes.slice(before).find((x) => x.uri === values);
        return p && !codes(p.diagnostics).includes(SECRET_REF_RULE);
      });
    });
  } finally {
    ws.cleanup();
  }
});

test('cross-file: a SealedSecret changed on disk (watched files) re-checks the open values file', async () => {
  const ws = tempWorkspace({ 'argocd/values.yaml': ARGOCD_VALUES, 'secrets/argocd-dex-secret.yaml': DEX_SEALED_SECRET_UNLABELLED });
  try {
    await withServer({ root: ws.root }, async (c) => {
      await c.indexed();
      assert.ok(c.registrations.includes('workspace/didChangeWatchedFiles'));
      const values = await c.open(ws.file('argocd/values.yaml'), ARGOCD_VALUES);
      byCode(await c.diagnosticsFor(values, 1), SECRET_REF_RULE);
      const before = c.publishes.length;
      const secretFile = ws.write('secrets/argocd-dex-secret.yaml', DEX_SEALED_SECRET_LABELLED);
      await c.watched([{ uri: uriOf(secretFile), type: FileChangeType.Changed }]);
      await c.until('values file re-checked', () => {
        const p = c.publishes.slice(before).find((x) => x.uri === values);
        return p && !codes(p.diagnostics).includes(SECRET_REF_RULE);
      });
    });
  } finally {
    ws.cleanup();
  }
});

test('pull diagnostics: textDocument/diagnostic, and a refresh when a dependency changes', async () => {
  const ws = tempWorkspace({ 'argocd/values.yaml': ARGOCD_VALUES, 'secrets/argocd-dex-secret.yaml': DEX_SEALED_SECRET_UNLABELLED });
  try {
    await withServer({ root: ws.root, pull: true }, async (c) => {
      await c.indexed();
      const values = await c.open(ws.file('argocd/values.yaml'), ARGOCD_VALUES);
      const pull = async (uri: string) => (await c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
      const first = await pull(values);
      assert.equal(first.kind, 'full');
      byCode(first.items, SECRET_REF_RULE);
      assert.equal(c.publishes.length, 0, 'a pull client gets no pushed diagnostics');
      const secret = await c.open(ws.file('secrets/argocd-dex-secret.yaml'), DEX_SEALED_SECRET_UNLABELLED);
      await pull(secret);
      const refreshes = c.refreshes;
      await c.change(secret, DEX_SEALED_SECRET_LABELLED);
      await pull(secret);
      await c.until('workspace/diagnostic/refresh', () => c.refreshes > refreshes);
      assert.ok(!codes((await pull(values)).items).includes(SECRET_REF_RULE));
    });
  } finally {
    ws.cleanup();
  }
});

test('settings: clusterAuthLint.rules and enable apply without restart', () =>
  withServer({}, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/settings.yaml', OAUTH2_PROXY_APP_WILDCARD);
    assert.ok(codes(await c.diagnosticsFor(uri, 1)).includes(WILDCARD_RULE));
    const steps: Array<{ settings: Record<string, unknown>; expect: (ds: Diagnostic[]) => boolean; what: string }> = [
      { settings: { rules: { [WILDCARD_RULE]: 'info' } }, expect: (ds) => byCode(ds, WILDCARD_RULE).severity === 3, what: 'severity info' },
      { settings: { rules: { [WILDCARD_RULE]: 'off' } }, expect: (ds) => !codes(ds).includes(WILDCARD_RULE), what: 'rule off' },
      { settings: { enable: false }, expect: (ds) => ds.length === 0, what: 'disabled' },
      { settings: {}, expect: (ds) => codes(ds).includes(WILDCARD_RULE), what: 'back to defaults' },
    ];
    for (const s of steps) {
      const before = c.publishes.length;
      await c.setSettings(s.settings);
      await c.until(s.what, () => {
        const p = c.publishes.slice(before).filter((x) => x.uri === uri).pop();
        return p && s.expect(p.diagnostics);
      });
    }
  }));

test('config file: .cluster-auth-lint.yaml rules, ignore globs and its own problems', async (t) => {
  const cases = [
    { name: 'rule off in the config file', config: `rules:\n  ${WILDCARD_RULE}: "off"\n`, file: 'apps/oauth2-proxy.yaml', expectRule: false },
    { name: 'ignored path', config: `ignore:\n  - "generated/**"\n`, file: 'generated/oauth2-proxy.yaml', expectRule: false },
    { name: 'no config', config: undefined, file: 'apps/oauth2-proxy.yaml', expectRule: true },
  ];
  for (const k of cases) {
    await t.test(k.name, async () => {
      const ws = tempWorkspace(k.config ? { '.cluster-auth-lint.yaml': k.config } : {});
      try {
        await withServer({ root: ws.root }, async (c) => {
          await c.indexed();
          const uri = await c.open(ws.file(k.file), OAUTH2_PROXY_APP_WILDCARD);
          assert.equal(codes(await c.diagnosticsFor(uri, 1)).includes(WILDCARD_RULE), k.expectRule);
        });
      } finally {
        ws.cleanup();
      }
    });
  }
  await t.test('a broken config file gets a diagnostic of its own, and a fixed one applies at once', async () => {
    const ws = tempWorkspace({ '.cluster-auth-lint.yaml': 'rules: [oops\n' });
    try {
      await withServer({ root: ws.root }, async (c) => {
        await c.indexed();
        const cfg = await c.open(ws.file('.cluster-auth-lint.yaml'), 'rules: [oops\n');
        assert.ok((await c.diagnosticsFor(cfg, 1)).length > 0, 'the config file shows its problem');
        const app = await c.open(ws.file('app.yaml'), OAUTH2_PROXY_APP_WILDCARD);
        assert.ok(codes(await c.diagnosticsFor(app, 1)).includes(WILDCARD_RULE));
        const before = c.publishes.length;
        ws.write('.cluster-auth-lint.yaml', `rules:\n  ${WILDCARD_RULE}: "off"\n`);
        await c.watched([{ uri: cfg, type: FileChangeType.Changed }]);
        await c.until('rule off after the config changed', () => {
          const p = c.publishes.slice(before).filter((x) => x.uri === app).pop();
          return p && !codes(p.diagnostics).includes(WILDCARD_RULE);
        });
      });
    } finally {
      ws.cleanup();
    }
  });
});

test('CAL_SERVER_PUBLISH_NOTHING=1 publishes empty diagnostics', () =>
  withServer({ env: { CAL_SERVER_PUBLISH_NOTHING: '1' } }, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/nothing.yaml', OAUTH2_PROXY_APP_WILDCARD);
    assert.deepEqual(await c.diagnosticsFor(uri, 1), []);
  }));

test('secrets: never in diagnostics, hover or logs', () =>
  withServer({ env: { CAL_SERVER_DEBUG: '1' } }, async (c) => {
    const uri = await c.open('/tmp/cal-lsp-single/secret.yaml', BAD_COOKIE_SECRET);
    const ds = await c.diagnosticsFor(uri, 1);
    const lines = BAD_COOKIE_SECRET.split('\n');
    const line = lines.findIndex((l) => l.includes('cookie-secret'));
    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: lines[line].indexOf(COOKIE_SECRET_VALUE) + 3 } });
    await c.until('a lint log line', () => c.logs.some((l) => l.includes('linted ')));
    const seen = JSON.stringify({ ds, hover, logs: c.logs, stderr: c.stderr });
    assert.ok(!seen.includes(COOKIE_SECRET_VALUE), 'the secret value leaked');
    assert.ok(!seen.includes(COOKIE_SECRET_VALUE.slice(0, 12)), 'part of the secret value leaked');
    assert.ok(codes(ds).includes('oauth2-proxy/cookie-secret'), codes(ds).join(', '));
  }));

test('robustness: hostile input never takes the server down', () =>
  withServer({}, async (c) => {
    const inputs = [
      '\u0000\u0001binary\u0000',
      'a: &a [' + '*a, '.repeat(1000) + ']\n',
      '['.repeat(5000),
      'key: "unterminated\n  - : :\n{{ end }}\n{{- if }}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\ndata:\n  dex.config: |\n    connectors: {{ .Values.x }}\n    - [\n',
    ];
    for (const [i, text] of inputs.entries()) {
      const uri = await c.open(`/tmp/cal-lsp-single/hostile-${i}.yaml`, text);
      await c.diagnosticsFor(uri, 1);
      await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
    }
    assert.equal(c.child.exitCode, null, 'still running');
  }));
