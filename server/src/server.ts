// The language server: LSP wiring only. Judgement lives in the engine (server/src/engine) and
// the pure adapters in server/src/lsp; this file decides when to lint and where results go.
// Transports come from the command line (--stdio, --node-ipc, --socket=N), as for any
// vscode-languageserver server.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CodeAction,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from './engine/config';
import { docsUrl, ruleMeta } from './rules/index';
import { SchemaDocs } from './schemaDocs';
import {
  APPLY_FIX_ALL_COMMAND,
  FIX_ALL_KIND,
  SHOW_DOCS_COMMAND,
  codeActionsFor,
  editsFor,
  workspaceEdit,
  type ActionData,
} from './lsp/codeActions';
import { completionsAt } from './lsp/completion';
import { Debouncer } from './lsp/debounce';
import { toDiagnostics } from './lsp/diagnostics';
import { hoverAt } from './lsp/hover';
import { indexFile, indexWorkspace } from './lsp/indexer';
import { compactHeap } from './lsp/memory';
import { Realms } from './lsp/realms';
import { defaultSettings, parseSettings, type EditorSettings } from './lsp/settings';
import type { LintSnapshot } from './lsp/snapshot';
import { isRealFile, uriToPath } from './lsp/uris';

/** The longest a typing burst waits after its last keystroke (a single edit: at once; see Debouncer). */
const CHANGE_DEBOUNCE_MS = debounceSetting(process.env.CAL_SERVER_DEBOUNCE_MS, 100);
const REFRESH_DEBOUNCE_MS = 60;
/** The e2e suite's negative proof: a server that runs but reports nothing must fail it. */
const PUBLISH_NOTHING = process.env.CAL_SERVER_PUBLISH_NOTHING === '1';

function debounceSetting(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 5000 ? n : fallback;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const caps = {
  pull: false,
  refresh: false,
  configuration: false,
  configurationDynamic: false,
  watchDynamic: false,
  progress: false,
  showDocument: false,
  resolveEdit: false,
  documentChanges: false,
  workspaceFolders: false,
};
let folders: string[] = [];
let settings: EditorSettings = defaultSettings;
const realms = new Realms({ folders: () => folders, editorRules: () => settings.rules });
const debouncer = new Debouncer(debounceSetting(process.env.CAL_SERVER_DEBOUNCE_MIN_MS, 2));
/** Document version last given to the engine, per URI. */
const synced = new Map<string, { version: number; text: string }>();
/** What the last lint of each document cost, in ms: typing bursts wait in proportion to it. */
const lintCost = new Map<string, number>();
/** Last lint per open URI; dropped when the text, a fact it read, or the configuration changes. */
const results = new Map<string, LintSnapshot>();
/** Open documents by engine path, to map dependents back to URIs. */
const openByPath = new Map<string, string>();
let schemaDocs: SchemaDocs | undefined;

function log(message: string): void {
  connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
}

/** Name and stack frames only: an exception message may quote file text, and file text may hold a secret. */
function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 6);
  return [e.name, ...frames].join('\n');
}

function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

function getSchemaDocs(): SchemaDocs {
  schemaDocs ??= SchemaDocs.load(SchemaDocs.findDir(__dirname), (file) => log(`schema ${file} could not be read; skipped`));
  return schemaDocs;
}

// ---- linting -------------------------------------------------------------------------------

function isIgnored(file: string): boolean {
  return isRealFile(file) && realms.isIgnored(file);
}

/** Gives the document's current text to the engine once per version; returns the dependents. */
function sync(doc: TextDocument): string[] {
  // A client may send a text that is not a string, or repeat a version with new text: compare both.
  const raw: unknown = doc.getText();
  const text = typeof raw === 'string' ? raw : '';
  const last = synced.get(doc.uri);
  if (last && last.version === doc.version && last.text === text) return [];
  const file = uriToPath(doc.uri);
  synced.set(doc.uri, { version: doc.version, text });
  results.delete(doc.uri);
  if (isIgnored(file)) return realms.remove(file);
  return realms.update(file, text);
}

function snapshot(doc: TextDocument): LintSnapshot {
  const deps = sync(doc);
  if (deps.length > 0) affect(deps);
  const cached = results.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const file = uriToPath(doc.uri);
  const t0 = performance.now();
  const findings = settings.enable && !isIgnored(file) ? realms.lint(file) : [];
  lintCost.set(doc.uri, performance.now() - t0);
  const snap: LintSnapshot = { uri: doc.uri, version: doc.version, text: doc.getText(), findings };
  results.set(doc.uri, snap);
  if (process.env.CAL_SERVER_DEBUG === '1') log(`linted ${file} v${doc.version}: ${findings.length} findings in ${(performance.now() - t0).toFixed(1)} ms`);
  return snap;
}

function publish(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const snap = snapshot(doc);
  // Never publish for a version the editor no longer shows, nor for a closed document.
  if (documents.get(uri)?.version !== version) return;
  const diagnostics = PUBLISH_NOTHING ? [] : toDiagnostics(snap.findings, version, docsUrl);
  void connection.sendDiagnostics({ uri, version, diagnostics });
}

function schedulePublish(uri: string, delay: number): void {
  debouncer.schedule(uri, delay, () => guard('publish', undefined, publish)(uri));
}

function refreshSoon(): void {
  if (!caps.refresh) return;
  debouncer.schedule('\0refresh', REFRESH_DEBOUNCE_MS, () => void connection.languages.diagnostics.refresh());
}

/** Files whose findings may have changed because another file's facts changed. */
function affect(files: readonly string[]): void {
  let any = false;
  for (const file of files) {
    const uri = openByPath.get(file);
    if (!uri) continue;
    results.delete(uri);
    any = true;
    if (!caps.pull) schedulePublish(uri, 0);
  }
  if (any && caps.pull) refreshSoon();
}

function revalidateAll(): void {
  results.clear();
  if (caps.pull) refreshSoon();
  else for (const doc of documents.all()) schedulePublish(doc.uri, 0);
}

// ---- documents -----------------------------------------------------------------------------

documents.onDidChangeContent(
  guard('didChange', undefined, ({ document }) => {
    openByPath.set(uriToPath(document.uri), document.uri);
    if (caps.pull) {
      // The client pulls this document itself; the engine still needs the text so that other
      // open documents that depend on it are refreshed.
      debouncer.scheduleLeading(
        document.uri,
        CHANGE_DEBOUNCE_MS,
        () =>
          guard('sync', undefined, () => {
            const doc = documents.get(document.uri);
            if (doc) affect(sync(doc));
          })(),
        lintCost.get(document.uri),
      );
    } else {
      debouncer.scheduleLeading(document.uri, CHANGE_DEBOUNCE_MS, () => guard('publish', undefined, publish)(document.uri), lintCost.get(document.uri));
    }
  }),
);

documents.onDidClose(
  guard('didClose', undefined, async ({ document }) => {
    const uri = document.uri;
    const file = uriToPath(uri);
    debouncer.forget(uri);
    synced.delete(uri);
    lintCost.delete(uri);
    results.delete(uri);
    openByPath.delete(file);
    if (!caps.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    // The editor's unsaved text no longer counts: go back to what is on disk (or forget the file).
    if (isRealFile(file) && existsSync(file)) affect((await indexFile(file, { realms, isOpen: (p) => openByPath.has(p) })).dependents);
    else affect(realms.remove(file));
  }),
);

documents.onDidSave(
  guard('didSave', undefined, ({ document }) => {
    if (path.basename(uriToPath(document.uri)) === CONFIG_FILE) reloadConfiguration('saved');
  }),
);

function reloadConfiguration(why: string): void {
  realms.reload();
  synced.clear();
  log(`configuration reloaded (${why}): ${realms.all().length} config realm(s), ${realms.fileCount()} files`);
  revalidateAll();
}

// ---- lifecycle -----------------------------------------------------------------------------

connection.onInitialize((params): InitializeResult => {
  const c = params.capabilities;
  caps.pull = !!c.textDocument?.diagnostic;
  caps.refresh = !!c.workspace?.diagnostics?.refreshSupport;
  caps.configuration = !!c.workspace?.configuration;
  caps.configurationDynamic = !!c.workspace?.didChangeConfiguration?.dynamicRegistration;
  caps.watchDynamic = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  caps.progress = !!c.window?.workDoneProgress;
  caps.showDocument = !!c.window?.showDocument?.support;
  caps.resolveEdit = !!c.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
  caps.documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
  caps.workspaceFolders = !!c.workspace?.workspaceFolders;
  if (params.workspaceFolders && params.workspaceFolders.length > 0) {
    folders = params.workspaceFolders.map((f) => uriToPath(f.uri)).filter(isRealFile);
  } else if (params.rootUri) {
    folders = [uriToPath(params.rootUri)].filter(isRealFile);
  } else if (params.rootPath) {
    folders = [params.rootPath];
  }
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: caps.resolveEdit },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.', '/'], resolveProvider: false },
      executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND, SHOW_DOCS_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cluster-auth-lint', version: serverVersion() },
  };
  if (caps.pull) {
    result.capabilities.diagnosticProvider = { identifier: 'cluster-auth-lint', interFileDependencies: true, workspaceDiagnostics: false };
  }
  return result;
});

function serverVersion(): string {
  for (const rel of ['../package.json', '../../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require(path.join(__dirname, rel)) as { version: string }).version;
    } catch {
      // not this layout
    }
  }
  return '0.0.0';
}

connection.onInitialized(
  guard('initialized', undefined, async () => {
    log(`started (pid ${process.pid}, ${caps.pull ? 'pull' : 'push'} diagnostics, ${folders.length} workspace folder(s))`);
    if (caps.configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'clusterAuthLint' });
    if (caps.watchDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: `**/${CONFIG_FILE}` }],
      });
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('workspaceFolders', undefined, async (e) => {
          const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
          const added = e.added.map((f) => uriToPath(f.uri)).filter(isRealFile);
          folders = [...folders.filter((f) => !removed.has(f)), ...added];
          if (added.length > 0) await indexFolders(added);
        }),
      );
    }
    await loadSettings();
    await indexFolders(folders);
  }),
);

async function loadSettings(pushed?: unknown): Promise<void> {
  let raw: unknown = pushed;
  if (caps.configuration) raw = await connection.workspace.getConfiguration('clusterAuthLint');
  const { settings: next, problems } = parseSettings(raw);
  for (const p of problems) log(`setting ignored: ${p}`);
  settings = next;
  realms.applyEditorRules();
}

async function indexFolders(roots: readonly string[]): Promise<void> {
  if (roots.length === 0) return;
  let progress: WorkDoneProgressServerReporter | undefined;
  if (caps.progress) {
    try {
      progress = await connection.window.createWorkDoneProgress();
      progress.begin('Cluster Auth Lint', 0, 'Indexing YAML files…', false);
    } catch {
      progress = undefined;
    }
  }
  const result = await indexWorkspace(roots, {
    realms,
    isOpen: (p) => openByPath.has(p),
    report: (done, total) => progress?.report(total === 0 ? 100 : Math.round((done / total) * 100), `${done}/${total} YAML files`),
  });
  progress?.done();
  compactHeap();
  log(
    `indexed ${result.indexed} YAML files in ${result.ms} ms (ignored ${result.ignored}, larger than maxFileSize ${result.tooLarge}, unreadable ${result.unreadable})`,
  );
  revalidateAll();
}

connection.onDidChangeConfiguration(
  guard('didChangeConfiguration', undefined, async (params) => {
    const pushed = (params.settings as { clusterAuthLint?: unknown } | null)?.clusterAuthLint;
    await loadSettings(pushed);
    log(`settings applied: ${settings.enable ? 'enabled' : 'disabled'}, ${Object.keys(settings.rules).length} rule override(s)`);
    revalidateAll();
  }),
);

connection.onDidChangeWatchedFiles(
  guard('didChangeWatchedFiles', undefined, async (params) => {
    let configChanged = false;
    const deps: string[] = [];
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (path.basename(file) === CONFIG_FILE) {
        configChanged = true;
        continue;
      }
      if (!/\.ya?ml$/i.test(file) || openByPath.has(file)) continue;
      if (change.type === FileChangeType.Deleted) deps.push(...realms.remove(file));
      else deps.push(...(await indexFile(file, { realms, isOpen: (p) => openByPath.has(p) })).dependents);
    }
    if (configChanged) reloadConfiguration('config file changed on disk');
    else affect(deps);
  }),
);

// ---- diagnostics (pull) --------------------------------------------------------------------

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', { kind: 'full' as const, items: [] }, (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || PUBLISH_NOTHING) return { kind: 'full' as const, items: [] };
    const snap = snapshot(doc);
    return { kind: 'full' as const, items: toDiagnostics(snap.findings, snap.version, docsUrl) };
  }),
);

// ---- code actions and commands -------------------------------------------------------------

connection.onCodeAction(
  guard('codeAction', [] as CodeAction[], (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !settings.enable) return [];
    return codeActionsFor(snapshot(doc), params, { docsUrl, documentChanges: caps.documentChanges, lazyEdits: caps.resolveEdit });
  }),
);

connection.onCodeActionResolve(
  guard('codeAction/resolve', undefined as unknown as CodeAction, (action: CodeAction) => {
    const data = action.data as ActionData | undefined;
    const doc = data && documents.get(data.uri);
    if (!data || !doc) return action;
    const snap = snapshot(doc);
    // A stale action gets no edit rather than an edit for text that is no longer there.
    if (snap.version !== data.version) return action;
    const edits = editsFor(snap, data.key);
    if (edits) action.edit = workspaceEdit(snap, edits, caps.documentChanges);
    return action;
  }),
);

connection.onExecuteCommand(
  guard('executeCommand', undefined, async (params) => {
    const arg = params.arguments?.[0] as unknown;
    if (params.command === SHOW_DOCS_COMMAND && typeof arg === 'string' && /^https?:\/\//.test(arg)) {
      if (caps.showDocument) await connection.window.showDocument({ uri: arg, external: true });
      else void connection.window.showInformationMessage(`Documentation: ${arg}`);
      return;
    }
    if (params.command === APPLY_FIX_ALL_COMMAND) {
      const uri = typeof arg === 'string' ? arg : (arg as { uri?: string } | undefined)?.uri;
      const wanted = (arg as { version?: number } | undefined)?.version;
      const doc = uri ? documents.get(uri) : undefined;
      if (!doc) return;
      const snap = snapshot(doc);
      if (typeof wanted === 'number' && wanted !== snap.version) return;
      const edits = editsFor(snap, { t: 'all' });
      if (!edits) return;
      const outcome = await connection.workspace.applyEdit({ label: 'Fix all cluster-auth-lint problems', edit: workspaceEdit(snap, edits, caps.documentChanges) });
      if (!outcome.applied) log(`fix all not applied to ${uriToPath(doc.uri)}`);
    }
  }),
);

// ---- hover and completion ------------------------------------------------------------------

connection.onHover(
  guard('hover', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const snap = settings.enable ? snapshot(doc) : { uri: doc.uri, version: doc.version, text: doc.getText(), findings: [] };
    return hoverAt(snap, params.position, { ruleMeta, docsUrl, schemaDocs: getSchemaDocs() });
  }),
);

connection.onCompletion(
  guard('completion', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return completionsAt(doc.getText(), params.position, getSchemaDocs());
  }),
);

// ---- never crash ---------------------------------------------------------------------------

process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${describeError(e)}`));
connection.onShutdown(() => debouncer.dispose());

documents.listen(connection);
connection.listen();
