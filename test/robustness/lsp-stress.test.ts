// Editor abuse over stdio against the real server: a storm of out-of-order and repeated
// didChange versions, requests cancelled in flight, open/close storms and a client that writes
// malformed JSON-RPC. The server must stay up, keep answering, and end with diagnostics that
// match the final text of every open document (linted in-process by the engine) and nothing for
// closed ones. The plan is drawn from a seeded generator; the seed is printed on failure
// (replay: CAL_LSP_STRESS_SEED=<seed> node scripts/run-unit-tests.mjs robustness/lsp-stress).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { LspClient, tempWorkspace, uriOf } from '../lsp/harness';
import { protocol } from '../lsp/protocol';
import type { Diagnostic, PublishDiagnosticsParams } from '../lsp/protocol';
import {
  ARGOCD_CM_UNLABELLED,
  ARGOCD_VALUES,
  BAD_COOKIE_SECRET,
  DEX_SEALED_SECRET_LABELLED,
  DEX_SEALED_SECRET_UNLABELLED,
  INGRESS,
  OAUTH2_PROXY_APP_FIXED,
  OAUTH2_PROXY_APP_WILDCARD,
} from '../lsp/fixtures';
import { Workspace } from '../../server/src/engine/workspace';
import { findConfigFile, loadConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/types';

const {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
} = protocol;

const SEED = Number(process.env.CAL_LSP_STRESS_SEED ?? 20261130);
const CHANGES = 2000;
const OPEN_CLOSE_CYCLES = 300;
/** Versions of a URI's g-th opening are g*GENERATION+1, g*GENERATION+2, …: a publish names the opening it belongs to. */
const GENERATION = 100_000;
const REQUEST_CANCELLED = -32800;
const CONTENT_MODIFIED = -32801;

/** Seeded, replayable choices (mulberry32): the plan is stateful (edits depend on the current text), so it is drawn as it runs. */
class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Real-world shapes from the LSP fixtures; the Dex values and the SealedSecret depend on each other across files. */
const STEADY: Array<{ rel: string; variants: string[] }> = [
  { rel: 'apps/oauth2-proxy.yaml', variants: [OAUTH2_PROXY_APP_WILDCARD, OAUTH2_PROXY_APP_FIXED] },
  { rel: 'argocd/values.yaml', variants: [ARGOCD_VALUES] },
  { rel: 'argocd/dex-secret.yaml', variants: [DEX_SEALED_SECRET_UNLABELLED, DEX_SEALED_SECRET_LABELLED] },
  { rel: 'ingress/grafana.yaml', variants: [INGRESS] },
  { rel: 'secrets/cookie.yaml', variants: [BAD_COOKIE_SECRET] },
  { rel: 'argocd/cm.yaml', variants: [ARGOCD_CM_UNLABELLED] },
];
const ALL_VARIANTS = STEADY.flatMap((d) => d.variants);
const STORM_URIS = 8;
/** Typing fragments, including ones that break the YAML or a template mid-way. */
const SNIPPETS = ['  # note\n', 'email_domains = [ "*" ]\n', '{{ .Values.x }}', '{{- if .Values.y }}\n', 'key: value\n', '\t', '- ', ': ', '"', "'", '\n---\n', 'apiVersion: v1\nkind: Secret\n', '[', '}', 'é', '\r\n', 'x'];

function expectedKey(f: Finding): string {
  const s = f.span;
  return `${f.ruleId} ${f.severity} ${s.start.line}:${s.start.character}-${s.end.line}:${s.end.character} ${f.message}`;
}

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)} ${SEVERITY_NAME[d.severity ?? 2]} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.message}`;
}

/** The findings the engine gives for the final texts, in the realm the server would put them in. */
function lintInProcess(root: string, texts: Map<string, string>): Map<string, string[]> {
  const key = findConfigFile(root);
  const ws = new Workspace(loadConfig(key, { root: key ? path.dirname(key) : root }).config);
  for (const [file, text] of texts) ws.update(file, text);
  const out = new Map<string, string[]>();
  for (const file of texts.keys()) out.set(file, ws.lint(file).map(expectedKey).sort());
  return out;
}

/** Failures name the seed so that the plan can be replayed. */
async function withSeed(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof Error) e.message = `[seed ${SEED}; replay with CAL_LSP_STRESS_SEED=${SEED}] ${e.message}`;
    throw e;
  }
}

interface DocState {
  uri: string;
  file: string;
  open: boolean;
  generation: number;
  version: number;
  text: string;
}

type Outcome = 'result' | 'cancelled' | { error: string };

function settle(p: Promise<unknown>): Promise<Outcome> {
  return p.then(
    () => 'result' as const,
    (e: { code?: number; message?: string }) =>
      e?.code === REQUEST_CANCELLED || e?.code === CONTENT_MODIFIED ? ('cancelled' as const) : { error: `${e?.code} ${e?.message}` },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The promise's value, or a failure naming what did not arrive in time (the timer never outlives it). */
async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function splitEvery(b: Buffer, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += n) out.push(b.subarray(i, i + n));
  return out;
}

const frame = (body: string | Buffer): Buffer => {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]);
};

/**
 * Bytes a broken client writes to the server's stdin. Each is followed by a real request, which
 * must be answered. Not here, because no JSON-RPC server can survive them (the base protocol has
 * no way to find the next message): a negative Content-Length, and a too-short one not followed
 * by a blank line (the rest of the body swallows the next header).
 */
const RAW_CASES: Array<{ name: string; chunks: Array<string | Buffer> }> = [
  { name: 'Content-Length that is not a number', chunks: ['Content-Length: twelve\r\n\r\n'] },
  { name: 'no Content-Length header', chunks: ['Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'] },
  { name: 'a header line without a colon', chunks: ['this is not a header\r\n\r\n'] },
  { name: 'Content-Length 0', chunks: ['Content-Length: 0\r\n\r\n'] },
  { name: 'Content-Length shorter than the body, then a blank line', chunks: ['Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","method":"cal/x"}\r\n\r\n'] },
  { name: 'Content-Length longer than the JSON (trailing junk)', chunks: [frame('{"jsonrpc":"2.0","method":"cal/x"}junkjunk')] },
  { name: 'a body that is not JSON', chunks: [frame('{"jsonrpc":"2.0","method":')] },
  { name: 'invalid UTF-8 in the body', chunks: [frame(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]))] },
  { name: 'a JSON array (batch)', chunks: [frame('[{"jsonrpc":"2.0","id":"raw-1","method":"textDocument/hover","params":{}}]')] },
  { name: 'JSON null', chunks: [frame('null')] },
  { name: 'a JSON string', chunks: [frame('"hello"')] },
  { name: 'a request without "jsonrpc"', chunks: [frame('{"id":"raw-2","method":"textDocument/hover","params":{}}')] },
  { name: 'a request whose id is an object', chunks: [frame('{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}')] },
  { name: 'a request for an unknown method', chunks: [frame('{"jsonrpc":"2.0","id":"raw-3","method":"cal/noSuchMethod","params":{}}')] },
  { name: 'a response to a request the server never sent', chunks: [frame('{"jsonrpc":"2.0","id":424242,"result":{"applied":true}}')] },
  { name: 'an error response to nothing', chunks: [frame('{"jsonrpc":"2.0","id":"raw-4","error":{"code":-1,"message":"x"}}')] },
  { name: 'a message split across writes', chunks: splitEvery(frame('{"jsonrpc":"2.0","method":"cal/y","params":{"é":"ü"}}'), 7) },
];

/** Requests whose params have the wrong shape (or point at things that are not there). */
function badRequests(uri: string): Array<{ method: string; params: unknown }> {
  return [
    { method: 'textDocument/hover', params: { textDocument: 5 } },
    { method: 'textDocument/hover', params: { textDocument: { uri }, position: null } },
    { method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: -1, character: -5 } } },
    { method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1e9, character: 0 } } },
    { method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0.5, character: 'x' } } },
    { method: 'textDocument/codeAction', params: { textDocument: { uri }, range: null, context: null } },
    { method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: 'x' } } },
    {
      method: 'textDocument/codeAction',
      params: {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [{ source: 'cluster-auth-lint', code: 'x/y', message: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: { ruleId: 'x/y', version: 1, index: 99999 } }] },
      },
    },
    { method: 'codeAction/resolve', params: { title: 'x', data: { uri, version: 1, key: { t: 'fix', i: 999, j: 0 } } } },
    { method: 'codeAction/resolve', params: { title: 'x', data: { uri: 5, key: null } } },
    { method: 'codeAction/resolve', params: null },
    { method: 'textDocument/diagnostic', params: null },
    { method: 'textDocument/diagnostic', params: { textDocument: null } },
    { method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 'a', character: {} } } },
    { method: 'workspace/executeCommand', params: { command: 'cluster-auth-lint.applyFixAll', arguments: [{ uri, version: 'x' }] } },
    { method: 'workspace/executeCommand', params: { command: 'cluster-auth-lint.applyFixAll', arguments: null } },
    { method: 'workspace/executeCommand', params: { command: 'cluster-auth-lint.showDocumentation', arguments: ['javascript:alert(1)'] } },
    { method: 'workspace/executeCommand', params: { command: 'no.such.command' } },
    { method: 'cal/noSuchMethod', params: {} },
  ];
}

/** Notifications whose params have the wrong shape. */
function badNotifications(root: string, uri: string): Array<{ method: string; params: unknown }> {
  const other = (name: string) => uriOf(path.join(root, name));
  return [
    { method: 'textDocument/didOpen', params: { textDocument: null } },
    { method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:%zz', languageId: 'yaml', version: 1, text: 'a: 1\n' } } },
    { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file://host/share/x.yaml', languageId: 'yaml', version: 1, text: 'a: 1\n' } } },
    { method: 'textDocument/didOpen', params: { textDocument: { uri: 'no scheme at all', languageId: 'yaml', version: 1, text: 'a: 1\n' } } },
    { method: 'textDocument/didOpen', params: { textDocument: { uri: other('numeric.yaml'), languageId: 'yaml', version: 1, text: 42 } } },
    { method: 'textDocument/didChange', params: { textDocument: { uri, version: 1e9 }, contentChanges: 'zzz' } },
    { method: 'textDocument/didChange', params: { textDocument: { uri, version: null }, contentChanges: [{ text: 'a: 1\n' }] } },
    { method: 'textDocument/didChange', params: { textDocument: { uri: other('never-opened.yaml'), version: 2 }, contentChanges: [{ text: 'a: 1\n' }] } },
    { method: 'textDocument/didClose', params: { textDocument: { uri: other('never-opened.yaml') } } },
    { method: 'textDocument/didClose', params: { textDocument: null } },
    { method: 'textDocument/didSave', params: { textDocument: { uri: 5 } } },
    { method: 'workspace/didChangeConfiguration', params: { settings: 'x' } },
    { method: 'workspace/didChangeWatchedFiles', params: { changes: null } },
    { method: 'workspace/didChangeWatchedFiles', params: { changes: [{ uri: 5, type: 9 }] } },
    { method: '$/setTrace', params: { value: 'bogus' } },
    { method: '$/cancelRequest', params: { id: { nested: true } } },
    { method: 'cal/noSuchNotification', params: [1, 2, 3] },
  ];
}

/**
 * Waits for `p` while sending a no-op notification every 100 ms. After a bad header,
 * vscode-jsonrpc's reader (8.2) stops reading the chunk it is in and resumes at the next one, so
 * a message that arrived in the same chunk waits for more traffic: in an editor, the next
 * keystroke. The nudges stand in for that traffic.
 */
async function nudged<T>(c: LspClient, p: Promise<T>): Promise<T> {
  let done = false;
  const nudging = (async () => {
    for (let i = 0; i < 40 && !done; i++) {
      await sleep(100);
      if (!done) await c.connection.sendNotification('$/cal.nudge', {});
    }
  })();
  try {
    return await p;
  } finally {
    done = true;
    await nudging;
  }
}

/** Sends a full-text change and checks that its version is published with the engine's findings for it. */
async function expectCurrentDiagnostics(c: LspClient, root: string, uri: string, text: string): Promise<void> {
  const version = await c.change(uri, text);
  const diagnostics = await c.diagnosticsFor(uri, version);
  const file = fileURLToPath(uri);
  assert.deepEqual(diagnostics.map(diagnosticKey).sort(), lintInProcess(root, new Map([[file, text]])).get(file));
}

describe('language server under editor abuse (stdio)', () => {
  it(`storm: ${CHANGES} didChange with out-of-order and repeated versions, cancelled requests, ${OPEN_CLOSE_CYCLES} open/close cycles`, () =>
    withSeed(async () => {
      const rng = new Rng(SEED);
      const ws = tempWorkspace({});
      const c = await LspClient.start({ root: ws.root });
      try {
        await c.indexed();
        const conn = c.connection;
        const sends: Array<Promise<void>> = [];
        const requests: Array<{ method: string; cancelled: boolean; outcome: Promise<Outcome> }> = [];
        const docs: DocState[] = [];
        const mk = (rel: string, text: string): DocState => {
          const file = ws.file(rel);
          return { uri: uriOf(file), file, open: false, generation: -1, version: 0, text };
        };
        for (const d of STEADY) docs.push(mk(d.rel, d.variants[0]));
        for (let i = 0; i < STORM_URIS; i++) docs.push(mk(`storm/s${i}.yaml`, rng.pick(ALL_VARIANTS)));
        const steady = docs.slice(0, STEADY.length);
        const storm = docs.slice(STEADY.length);
        let didChanges = 0;

        const open = (d: DocState, text: string) => {
          d.generation++;
          d.version = d.generation * GENERATION + 1;
          d.text = text;
          d.open = true;
          sends.push(conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: d.uri, languageId: 'yaml', version: d.version, text } }));
        };
        const close = (d: DocState) => {
          d.open = false;
          sends.push(conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: d.uri } }));
        };
        /** One change, sent with `version`; the server applies changes in arrival order whatever their version. */
        const change = (d: DocState, version: number) => {
          const roll = rng.int(10);
          let contentChanges;
          if (roll < 3) {
            d.text = rng.pick(ALL_VARIANTS);
            contentChanges = [{ text: d.text }];
          } else {
            const doc = TextDocument.create(d.uri, 'yaml', 0, d.text);
            const start = rng.int(d.text.length + 1);
            const end = roll < 6 ? start : Math.min(d.text.length, start + 1 + rng.int(20));
            const insert = roll < 8 ? rng.pick(SNIPPETS) : '';
            contentChanges = [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }];
            // positionAt never splits a CRLF pair; apply the edit exactly as the server will.
            d.text = TextDocument.applyEdits(doc, [{ range: contentChanges[0].range, newText: insert }]);
          }
          sends.push(conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: d.uri, version }, contentChanges }));
          didChanges++;
        };
        const request = (d: DocState, cancel: boolean) => {
          const source = new CancellationTokenSource();
          const kind = rng.int(4);
          const position = { line: rng.int(40), character: rng.int(60) };
          let p: Promise<unknown>;
          let method: string;
          if (kind === 0) {
            method = 'hover';
            p = conn.sendRequest(HoverRequest.type, { textDocument: { uri: d.uri }, position }, source.token);
          } else if (kind === 1) {
            method = 'codeAction';
            p = conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: d.uri }, range: { start: position, end: position }, context: { diagnostics: [] } }, source.token);
          } else if (kind === 2) {
            method = 'diagnostic';
            p = conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: d.uri } }, source.token);
          } else {
            method = 'completion';
            p = conn.sendRequest(CompletionRequest.type, { textDocument: { uri: d.uri }, position }, source.token);
          }
          if (cancel) source.cancel();
          requests.push({ method, cancelled: cancel, outcome: settle(p) });
        };

        for (const d of steady) open(d, d.text);
        let changesSent = 0;
        let cycles = 0;
        let swapped = 0;
        let repeated = 0;
        let strayCancels = 0;
        while (changesSent < CHANGES || cycles < OPEN_CLOSE_CYCLES) {
          const r = rng.next();
          if (r < 0.7 && changesSent < CHANGES) {
            const candidates = docs.filter((d) => d.open);
            if (candidates.length === 0) continue;
            const d = rng.pick(candidates);
            if (rng.chance(0.05) && changesSent + 2 <= CHANGES) {
              // Two changes whose versions arrive swapped.
              change(d, d.version + 2);
              change(d, d.version + 1);
              d.version += 2;
              changesSent += 2;
              swapped++;
            } else if (rng.chance(0.04)) {
              change(d, d.version);
              changesSent++;
              repeated++;
            } else {
              change(d, ++d.version);
              changesSent++;
            }
          } else if (r < 0.9 && cycles < OPEN_CLOSE_CYCLES) {
            // Mostly the storm URIs; now and then a steady one is closed and reopened at once.
            const d = rng.chance(0.1) ? rng.pick(steady) : rng.pick(storm);
            if (d.open) {
              close(d);
              cycles++;
              if (steady.includes(d)) open(d, rng.pick(STEADY.find((s) => d.file.endsWith(s.rel))!.variants));
            } else {
              open(d, rng.pick(ALL_VARIANTS));
            }
          } else if (r < 0.97) {
            request(rng.pick(docs), rng.chance(0.8));
          } else {
            // Cancelling a request that is long answered, or never existed, must be harmless.
            sends.push(conn.sendNotification('$/cancelRequest', { id: rng.chance(0.5) ? 1_000_000 + rng.int(1000) : `nope-${rng.int(1000)}` }));
            strayCancels++;
          }
        }
        // Every open document ends on a change with a version above all it has seen.
        for (const d of docs) if (d.open) change(d, ++d.version);
        // At least one storm URI ends closed after having been open, and at least one ends open.
        const closedStorm = storm.filter((d) => !d.open && d.generation >= 0);
        if (closedStorm.length === 0) close(storm.find((d) => d.open)!);
        if (!storm.some((d) => d.open)) open(storm[0], rng.pick(ALL_VARIANTS));

        const t0 = performance.now();
        await Promise.all(sends);
        const outcomes = await within(20_000, Promise.all(requests.map((q) => q.outcome)), 'answers to the requests sent during the storm');
        const openDocs = docs.filter((d) => d.open);
        // The server still answers, and settles every open document on its final version.
        const pulled = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: openDocs[0].uri } });
        assert.equal((pulled as { kind: string }).kind, 'full');
        await c.until('final versions published', () => openDocs.every((d) => c.diagnostics.get(d.uri)?.version === d.version), 20_000);
        // Quiet spell: anything still scheduled (debounce, cross-file refresh) has gone out.
        let seen = c.publishes.length;
        for (;;) {
          await sleep(400);
          if (c.publishes.length === seen) break;
          seen = c.publishes.length;
        }
        const settleMs = performance.now() - t0;

        assert.equal(c.child.exitCode, null, 'the server process exited');
        const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri: openDocs[0].uri }, position: { line: 0, character: 1 } });
        assert.ok(hover === null || typeof hover === 'object');

        // Requests: every one settled, either answered or cancelled; none failed otherwise.
        const failed = outcomes.flatMap((o, i) => (typeof o === 'object' ? [`${requests[i].method}: ${o.error}`] : []));
        assert.deepEqual(failed, [], 'requests failed');
        assert.ok(requests.length > 50, `only ${requests.length} requests were sent`);

        // No internal error was logged while the client behaved within the protocol's shapes.
        const internal = c.logs.filter((l) => /failed:|uncaught exception|unhandled rejection/.test(l));
        assert.deepEqual(internal, [], 'the server logged internal errors');

        // Final diagnostics of each open document match the engine's findings for the final texts.
        const expected = lintInProcess(ws.root, new Map(openDocs.map((d) => [d.file, d.text])));
        for (const d of openDocs) {
          const last = c.diagnostics.get(d.uri)!;
          assert.equal(last.version, d.version, `${path.basename(d.file)}: last publish is for v${last.version}, the document is at v${d.version}`);
          assert.deepEqual(last.diagnostics.map(diagnosticKey).sort(), expected.get(d.file), `${path.basename(d.file)} (v${d.version}): diagnostics do not match the final text`);
        }

        // Publishes per URI: each belongs to the opening that was current when it went out.
        const byUri = new Map<string, PublishDiagnosticsParams[]>();
        for (const p of c.publishes) byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), p]);
        for (const d of docs) {
          const list = byUri.get(d.uri) ?? [];
          let closes = 0;
          for (const p of list) {
            if (p.version === undefined || p.version === null) {
              assert.deepEqual(p.diagnostics, [], `${path.basename(d.file)}: an unversioned publish that is not a close`);
              closes++;
              continue;
            }
            const generation = Math.floor(p.version / GENERATION);
            assert.equal(generation, closes, `${path.basename(d.file)}: v${p.version} (opening ${generation}) published after ${closes} close(s)`);
          }
          if (!d.open && d.generation >= 0) {
            const last = list[list.length - 1];
            assert.ok(last && (last.version === undefined || last.version === null) && last.diagnostics.length === 0, `${path.basename(d.file)}: closed, but the last publish is not the empty close publish`);
          }
        }

        const cancelled = outcomes.filter((o) => o === 'cancelled').length;
        const storms = { didChanges, cancelledRequests: requests.filter((q) => q.cancelled).length, swapped, repeated, cycles, requests: requests.length, cancelledAnswers: cancelled, strayCancels };
        // Timings and counts for the closing note of issue 8.
        process.stdout.write(`# lsp-stress seed=${SEED} ${JSON.stringify(storms)} publishes=${c.publishes.length} settled in ${settleMs.toFixed(0)} ms\n`);
      } finally {
        await c.stop();
        ws.cleanup();
      }
    }));

  it(`malformed JSON-RPC on stdin (${RAW_CASES.length} cases): each is survived and the next request answered`, async () => {
    const ws = tempWorkspace({});
    const c = await LspClient.start({ root: ws.root });
    try {
      await c.indexed();
      const uri = await c.open(ws.file('argocd/cm.yaml'), INGRESS);
      await c.diagnosticsFor(uri, 1);
      for (const rc of RAW_CASES) {
        // The writer is idle here (every earlier send was awaited), so the raw bytes are not interleaved with a message.
        for (const chunk of rc.chunks) {
          c.child.stdin!.write(chunk);
          if (rc.chunks.length > 1) await sleep(20);
        }
        const hover = await within(3000, nudged(c, c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } })), `hover answer after ${rc.name}`);
        assert.ok(hover === null || typeof hover === 'object', rc.name);
        assert.equal(c.child.exitCode, null, `the server exited after ${rc.name}`);
      }
      await expectCurrentDiagnostics(c, ws.root, uri, ARGOCD_CM_UNLABELLED);
    } finally {
      await c.stop();
      ws.cleanup();
    }
  });

  it('requests and notifications with wrong param shapes: all answered, nothing crashes, the next edit is linted', async () => {
    const ws = tempWorkspace({});
    const c = await LspClient.start({ root: ws.root });
    try {
      await c.indexed();
      const uri = await c.open(ws.file('argocd/cm.yaml'), INGRESS);
      await c.diagnosticsFor(uri, 1);
      const requests = badRequests(uri);
      for (const n of badNotifications(ws.root, uri)) await c.connection.sendNotification(n.method, n.params);
      const outcomes = await within(5000, Promise.all(requests.map((r) => settle(c.connection.sendRequest(r.method, r.params)))), 'answers to the malformed requests');
      for (const [i, o] of outcomes.entries()) {
        const r = requests[i];
        // An unknown method is MethodNotFound; params that are not an object are InvalidParams (checked by
        // vscode-jsonrpc); anything else malformed gets an empty answer, never an internal error.
        const expected = r.method === 'cal/noSuchMethod' ? '-32601' : r.params === null ? '-32602' : undefined;
        if (expected) assert.ok(typeof o === 'object' && o.error.startsWith(expected), `${r.method}: expected ${expected}, got ${JSON.stringify(o)}`);
        else assert.equal(o, 'result', `${r.method} ${JSON.stringify(r.params)}: ${JSON.stringify(o)}`);
      }
      assert.deepEqual(c.shownDocuments.filter((u) => !/^https?:/.test(u)), [], 'the server asked the editor to open a non-http documentation link');
      assert.equal(c.child.exitCode, null, 'the server exited');
      assert.deepEqual(c.logs.filter((l) => /uncaught exception|unhandled rejection/.test(l)), []);
      await expectCurrentDiagnostics(c, ws.root, uri, ARGOCD_CM_UNLABELLED);
    } finally {
      await c.stop();
      ws.cleanup();
    }
  });
  // Known bug (see the report of issue 8): the server keys its engine sync and its lint cache on
  // the version alone, so a version that comes again with new text is answered from the old lint.
  // LSP says versions increase, but clients that never bump them exist, and this suite's storm
  // sends repeats; the fix is to compare the text as well as the version (server.ts sync/snapshot).
  const REPEAT_CASES = [
    { name: 'push: the same version again with new text', pull: false, first: 1, again: 1 },
    { name: 'push: a client that never bumps the version (always 0)', pull: false, first: 0, again: 0 },
    { name: 'pull: the same version again with new text', pull: true, first: 1, again: 1 },
  ];
  for (const rc of REPEAT_CASES) {
    it(`repeated version: ${rc.name} is linted as the new text`, async () => {
      const ws = tempWorkspace({});
      const c = await LspClient.start({ root: ws.root, pull: rc.pull });
      try {
        await c.indexed();
        const file = ws.file('argocd/cm.yaml');
        const uri = uriOf(file);
        await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: rc.first, text: ARGOCD_CM_UNLABELLED } });
        const expectedBefore = lintInProcess(ws.root, new Map([[file, ARGOCD_CM_UNLABELLED]])).get(file);
        const expectedAfter = lintInProcess(ws.root, new Map([[file, INGRESS]])).get(file);
        assert.notDeepEqual(expectedBefore, expectedAfter, 'the two texts must lint differently for this test to mean anything');
        const pullNow = async () => ((await c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] }).items;
        const before = rc.pull ? await pullNow() : await c.diagnosticsFor(uri, rc.first);
        assert.deepEqual(before.map(diagnosticKey).sort(), expectedBefore);
        const seen = c.publishes.length;
        await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: rc.again }, contentChanges: [{ text: INGRESS }] });
        let after: Diagnostic[];
        if (rc.pull) {
          after = await pullNow();
        } else {
          await c.until('a publish after the change', () => c.publishes.slice(seen).some((p) => p.uri === uri));
          await sleep(300);
          after = c.diagnostics.get(uri)!.diagnostics;
        }
        assert.deepEqual(after.map(diagnosticKey).sort(), expectedAfter, `v${rc.again} now holds another text, but the diagnostics are those of the old text`);
      } finally {
        await c.stop();
        ws.cleanup();
      }
    });
  }

  // Known bug (see the report of issue 8): a didOpen whose text is not a string is stored in the
  // engine before the engine throws on it; the next configuration reload then throws on it too,
  // half-way, and every file after it is dropped: cross-file findings silently disappear.
  it('a didOpen whose text is not a string does not break the next configuration reload', async () => {
    const ws = tempWorkspace({});
    const c = await LspClient.start({ root: ws.root });
    try {
      await c.indexed();
      const bad = uriOf(ws.file('numeric.yaml'));
      await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'yaml', version: 1, text: 42 } });
      assert.equal(await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: bad }, position: { line: 0, character: 0 } }), null);
      const secretFile = ws.file('argocd/dex-secret.yaml');
      const valuesFile = ws.file('argocd/values.yaml');
      await c.open(secretFile, DEX_SEALED_SECRET_UNLABELLED);
      const values = await c.open(valuesFile, ARGOCD_VALUES);
      const texts = new Map([
        [secretFile, DEX_SEALED_SECRET_UNLABELLED],
        [valuesFile, ARGOCD_VALUES + '\n'],
      ]);
      const expected = lintInProcess(ws.root, texts).get(valuesFile)!;
      assert.ok(expected.some((k) => k.startsWith('argocd/secret-ref-label ')), 'the values file must depend on the Secret for this test to mean anything');
      await c.diagnosticsFor(values, 1);
      // A config file appearing on disk reloads every realm.
      await c.watched([{ uri: uriOf(ws.file('.cluster-auth-lint.yaml')), type: protocol.FileChangeType.Created }]);
      await c.until('configuration reload', () => c.logs.find((l) => /configuration reloaded|didChangeWatchedFiles failed/.test(l)));
      const version = await c.change(values, ARGOCD_VALUES + '\n');
      const diagnostics = await c.diagnosticsFor(values, version);
      assert.deepEqual(diagnostics.map(diagnosticKey).sort(), expected, 'cross-file findings lost after the reload');
    } finally {
      await c.stop();
      ws.cleanup();
    }
  });
});
