// Secrets never leak through the language server: the planted fixture is opened in the real
// server (stdio) with verbose tracing and debug logging, and everything the server says about it
// is collected — published and pulled diagnostics with related information, hovers over every
// flagged range and every secret-holding line, code action titles and the text of their edits
// (inline and resolved), fix-all edits, completions, window/logMessage, $/logTrace, every byte
// the server wrote to stdout, and its stderr. No planted value (nor a 12-character piece of one)
// may appear in any of it. Broken variants of the fixture (YAML errors next to a secret) are
// linted too, since parser error messages like to quote the line they stopped at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, REPO_ROOT, tempWorkspace } from '../lsp/harness';
import { protocol } from '../lsp/protocol';
import type { CodeAction, Diagnostic, Position, Range, TextEdit, WorkspaceEdit } from '../lsp/protocol';
import { PLANTED, assertNoSecret } from './planted';

const { CodeActionRequest, CompletionRequest, DocumentDiagnosticRequest, ExecuteCommandRequest, HoverRequest } = protocol;

const FIXTURE = readFileSync(`${REPO_ROOT}/test/fixtures/secrets/planted.yaml`, 'utf8');
const FIX_ALL_KIND = 'source.fixAll.cluster-auth-lint';
const APPLY_FIX_ALL_COMMAND = 'cluster-auth-lint.applyFixAll';

/** The fixture with a YAML or template error on (or right after) a line that holds a secret. */
function brokenVariants(): Array<{ name: string; text: string }> {
  const edit = (name: string, from: string, to: string) => {
    assert.ok(FIXTURE.includes(from), `the fixture no longer contains the line the "${name}" variant breaks`);
    return { name, text: FIXTURE.replace(from, to) };
  };
  const [clientSecret, cookieSecret, , , , dataSecret, , oidcSecret] = PLANTED;
  return [
    edit('unterminated quote after a cookie secret', `cookieSecret: "${cookieSecret}"`, `cookieSecret: "${cookieSecret}`),
    edit('tab indentation on a client secret', `          clientSecret: ${clientSecret}`, `\t\t\tclientSecret: ${clientSecret}`),
    edit('unclosed flow mapping around a client secret', `          clientSecret: ${clientSecret}`, `          clientSecret: { a: ${clientSecret}, `),
    edit('a second colon after a Secret data value', `  cookie_secret: ${dataSecret}`, `  cookie_secret: ${dataSecret}: x: y`),
    edit('an unclosed sequence in an embedded oidc.config', `    clientSecret: ${oidcSecret}`, `    clientSecret: ${oidcSecret}: [x`),
    edit('an unterminated template around a client secret', `          clientSecret: ${clientSecret}`, `          clientSecret: {{ ${clientSecret}`),
    edit('an alias of a secret and an alias named like one', `          clientSecret: ${clientSecret}`, `          clientSecret: &s ${clientSecret}\n          other: *s\n          bad: *${clientSecret}`),
  ];
}

/** Where the secrets sit: the key at the start of each holding line, and the start, middle and end of the value. */
function secretPlaces(text: string): { lines: number[]; positions: Position[] } {
  const lines: number[] = [];
  const positions: Position[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const s of PLANTED) {
      // The sealed ciphertext is planted by its prefix (the fixture's value is longer).
      const at = line.indexOf(s.slice(0, 24));
      if (at < 0) continue;
      lines.push(i);
      const key = line.search(/[^\s-]/);
      positions.push({ line: i, character: key }, { line: i, character: key + 2 }, { line: i, character: at }, { line: i, character: at + Math.floor(s.length / 2) }, { line: i, character: at + s.length });
    }
  });
  return { lines, positions };
}

function rangeMiddle(r: Range): Position {
  return r.start.line === r.end.line ? { line: r.start.line, character: Math.floor((r.start.character + r.end.character) / 2) } : r.start;
}

function newTexts(edit: WorkspaceEdit | undefined): string[] {
  if (!edit) return [];
  const fromChanges = Object.values(edit.changes ?? {}).flat();
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => ('edits' in c ? (c.edits as TextEdit[]) : []));
  return [...fromChanges, ...fromDocumentChanges].map((e) => e.newText);
}

/** Everything the server said about one text, by channel. */
interface Said {
  diagnostics: Diagnostic[];
  hovers: string[];
  actionTitles: string[];
  editTexts: string[];
  completions: string[];
}

describe('secrets never leak through the language server', () => {
  const MODES = [
    { name: 'push client, quick-fix edits inline', pull: false, resolveEdits: false },
    { name: 'pull client, quick-fix edits resolved lazily', pull: true, resolveEdits: true },
  ];

  it('the checks can fail: the planted values are found in a message that quotes the fixture', () => {
    assert.throws(() => assertNoSecret('a didOpen message', JSON.stringify({ textDocument: { text: FIXTURE } })), /planted secret/);
    assert.ok(secretPlaces(FIXTURE).lines.length >= PLANTED.length - 1, 'most planted values sit on their own line of the fixture');
  });

  for (const mode of MODES) {
    it(`${mode.name}: no planted value in diagnostics, hovers, code actions, edits, completions, logs, traces, stdout or stderr`, async () => {
      const ws = tempWorkspace({ 'gitops/planted.yaml': FIXTURE });
      const c = await LspClient.start({
        root: ws.root,
        pull: mode.pull,
        resolveEdits: mode.resolveEdits,
        settings: { trace: { server: 'verbose' } },
        env: { CAL_SERVER_DEBUG: '1' },
      });
      // Every byte the server writes from here on (the initialize answer came before any YAML was read).
      const stdout: Buffer[] = [];
      c.child.stdout!.on('data', (d: Buffer) => stdout.push(d));
      const traces: string[] = [];
      for (const method of ['$/logTrace', 'window/showMessage', 'telemetry/event', '$/progress']) {
        c.connection.onNotification(method, (p: unknown) => traces.push(`${method} ${JSON.stringify(p)}`));
      }
      const conn = c.connection;
      const said: Said = { diagnostics: [], hovers: [], actionTitles: [], editTexts: [], completions: [] };
      try {
        await c.indexed();
        await conn.sendNotification('$/setTrace', { value: 'verbose' });
        const file = ws.file('gitops/planted.yaml');
        const uri = await c.open(file, FIXTURE);

        const diagnosticsNow = async (version: number): Promise<Diagnostic[]> => {
          if (!mode.pull) return c.diagnosticsFor(uri, version);
          const r = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
          return r.items;
        };
        const hover = async (position: Position) => {
          const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
          if (h) said.hovers.push(JSON.stringify(h));
        };
        const actions = async (range: Range, diagnostics: Diagnostic[], only?: string[]) => {
          const list = ((await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } })) ?? []) as CodeAction[];
          for (const a of list) {
            said.actionTitles.push(a.title);
            said.editTexts.push(...newTexts(a.edit));
            if (mode.resolveEdits && a.data !== undefined) {
              const resolved = (await conn.sendRequest('codeAction/resolve', a)) as CodeAction;
              said.actionTitles.push(resolved.title);
              said.editTexts.push(...newTexts(resolved.edit));
            }
          }
        };

        const texts = [{ name: 'the fixture', text: FIXTURE }, ...brokenVariants(), { name: 'the fixture again', text: FIXTURE }];
        let secretHoldingDiagnostics = 0;
        for (const [i, variant] of texts.entries()) {
          const version = i === 0 ? 1 : await c.change(uri, variant.text);
          const diagnostics = await diagnosticsNow(version);
          said.diagnostics.push(...diagnostics);
          const places = secretPlaces(variant.text);
          for (const d of diagnostics) {
            if (places.lines.some((l) => l >= d.range.start.line && l <= d.range.end.line)) secretHoldingDiagnostics++;
            for (const p of [d.range.start, rangeMiddle(d.range), d.range.end]) await hover(p);
            await actions(d.range, [d]);
          }
          for (const p of places.positions) {
            await hover(p);
            const items = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: p });
            said.completions.push(JSON.stringify(items));
          }
          for (const line of places.lines) await actions({ start: { line, character: 0 }, end: { line, character: 200 } }, []);
          await actions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]);
        }
        // Fix-all through the command the client runs: the edit arrives as workspace/applyEdit.
        const edits = c.appliedEdits.length;
        await conn.sendRequest(ExecuteCommandRequest.type, { command: APPLY_FIX_ALL_COMMAND, arguments: [{ uri, version: c.version(uri) }] });
        if (c.appliedEdits.length > edits) said.editTexts.push(...c.appliedEdits.slice(edits).flatMap((e) => newTexts(e)));
        // Malformed requests on the secret file, so that the error-logging paths run too.
        for (const params of [
          { textDocument: { uri }, position: null },
          { textDocument: { uri }, position: { line: 'x', character: {} } },
        ]) {
          await conn.sendRequest('textDocument/hover', params);
          await conn.sendRequest('textDocument/completion', params);
        }
        await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: null });

        // The collection has substance, or a silent server would pass.
        assert.ok(said.diagnostics.length > 0, 'no diagnostics for the fixture');
        assert.ok(secretHoldingDiagnostics > 0, 'no diagnostic covers a line that holds a secret');
        assert.ok(said.hovers.length > 0, 'no hover answered');
        assert.ok(said.actionTitles.length > 0, 'no code actions offered');
        assert.ok(said.editTexts.length > 0, 'no edit text seen');
        assert.ok(c.logs.some((l) => l.includes('linted ')), 'debug logging (CAL_SERVER_DEBUG) did not run');
        assert.ok(c.logs.some((l) => l.includes(' failed: ')), 'the error-logging path did not run');
      } finally {
        await c.stop();
        ws.cleanup();
      }

      assertNoSecret('diagnostics (messages, codes, related information, data)', JSON.stringify(said.diagnostics));
      assertNoSecret('published diagnostics', JSON.stringify(c.publishes));
      assertNoSecret('hovers', said.hovers.join('\n'));
      assertNoSecret('code action titles', said.actionTitles.join('\n'));
      assertNoSecret('code action and fix-all edit texts', said.editTexts.join('\n'));
      assertNoSecret('completions', said.completions.join('\n'));
      assertNoSecret('window/logMessage', c.logs.join('\n'));
      assertNoSecret('$/logTrace, showMessage, telemetry and progress', traces.join('\n'));
      const raw = Buffer.concat(stdout).toString('utf8');
      assert.ok(raw.includes('"jsonrpc"') && raw.length > 10_000, `the stdout capture saw only ${raw.length} characters`);
      assertNoSecret('everything the server wrote to stdout', raw);
      assertNoSecret('server stderr', c.stderr);
      process.stdout.write(
        `# lsp-secrets ${mode.name}: ${said.diagnostics.length} diagnostics, ${said.hovers.length} hovers, ${said.actionTitles.length} action titles, ${said.editTexts.length} edit texts, ${said.completions.length} completion lists, ${c.logs.length} log lines, ${traces.length} traces, ${raw.length} stdout chars\n`,
      );
    });
  }
});
