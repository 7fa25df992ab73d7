// A real LSP client for tests: spawns the built server over stdio and speaks JSON-RPC with
// vscode-languageserver-protocol's client side. Nothing of ours is mocked.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { protocol } from './protocol';
import type { ClientCapabilities, Diagnostic, FileEvent, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from './protocol';

const {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
} = protocol;

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The bin script when dist/ is current, else the tsc output (tests run right after `npx tsc`). */
export function serverCommand(transport = '--stdio'): string[] {
  const out = path.join(REPO_ROOT, 'out', 'server', 'src', 'server.js');
  const dist = path.join(REPO_ROOT, 'dist', 'server.js');
  const bin = path.join(REPO_ROOT, 'bin', 'cluster-auth-lint-server.js');
  if (existsSync(dist) && existsSync(bin) && (!existsSync(out) || statSync(dist).mtimeMs >= statSync(out).mtimeMs)) return [bin, transport];
  return [out, transport];
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export function tempWorkspace(files: Record<string, string>): { root: string; file: (rel: string) => string; write: (rel: string, text: string) => string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'cal-lsp-'));
  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { root, file: (rel) => path.join(root, rel), write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StartOptions {
  root?: string;
  /** Advertise pull diagnostics (textDocument/diagnostic) like VS Code does. */
  pull?: boolean;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  resolveEdits?: boolean;
  /** `ipc`: fork with --node-ipc, as vscode-languageclient does. Default stdio. */
  transport?: 'stdio' | 'ipc';
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const offsets = lineStarts(text);
  const at = (p: { line: number; character: number }) => Math.min((offsets[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  return starts;
}

/** The edits a WorkspaceEdit makes to one document, from `changes` or versioned `documentChanges`. */
export function editsForUri(edit: WorkspaceEdit | undefined, uri: string): { edits: TextEdit[]; version?: number | null } {
  if (!edit) return { edits: [] };
  if (edit.documentChanges) {
    const edits: TextEdit[] = [];
    let version: number | null | undefined;
    for (const c of edit.documentChanges) {
      if ('textDocument' in c && c.textDocument.uri === uri) {
        edits.push(...(c.edits as TextEdit[]));
        version = c.textDocument.version;
      }
    }
    return { edits, version };
  }
  return { edits: edit.changes?.[uri] ?? [] };
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly shownDocuments: string[] = [];
  readonly registrations: string[] = [];
  progressTokens = 0;
  stderr = '';
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    private settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const env = { ...process.env, ...options.env };
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      const [module, ...args] = serverCommand('--node-ipc');
      child = fork(module, args, { env, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, serverCommand(), { env, stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspClient(connection, child, options.settings ?? {});
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p);
      client.publishes.push(p);
      client.wake();
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(p.message);
      client.wake();
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'clusterAuthLint' ? client.settings : null)));
    connection.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations.map((r) => r.method));
      client.wake();
      return null;
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => {
      client.progressTokens++;
      return null;
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      client.appliedEdits.push(p.edit);
      client.wake();
      return { applied: true };
    });
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      client.shownDocuments.push(p.uri);
      client.wake();
      return { success: true };
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.wake();
      return null;
    });
    connection.listen();

    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          resolveSupport: options.resolveEdits ? { properties: ['edit'] } : undefined,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        workspaceFolders: true,
        applyEdit: true,
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
    };
    const root = options.root;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root ? uriOf(root) : null,
      workspaceFolders: root ? [{ uri: uriOf(root), name: path.basename(root) }] : null,
      capabilities,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  refreshes = 0;

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check()` returns a value (re-checked on every message from the server). */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs.slice(-10).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the server to say indexing finished (it logs a summary line). */
  indexed(): Promise<string> {
    return this.until('workspace indexing', () => this.logs.find((l) => l.includes('indexed ')));
  }

  /** The diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version = this.versions.get(uri), timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(
      `diagnostics for ${uri} v${version}`,
      () => {
        const p = this.diagnostics.get(uri);
        return p && p.version === version ? p.diagnostics : undefined;
      },
      timeoutMs,
    );
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async open(file: string, text: string): Promise<string> {
    const uri = file.includes(':') && !file.startsWith('/') ? file : uriOf(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full-content change event), bumping the version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Applies a WorkspaceEdit's edits for `uri` as the editor would, then sends the change. */
  async applyEdit(uri: string, edit: WorkspaceEdit | undefined): Promise<number> {
    const { edits } = editsForUri(edit, uri);
    if (edits.length === 0) throw new Error('the edit has no changes for ' + uri);
    return this.change(uri, applyTextEdits(this.text(uri), edits));
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watched(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { clusterAuthLint: settings } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
