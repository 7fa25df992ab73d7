// The VS Code side: starts the language server for YAML and adds a few commands. Thin on
// purpose: everything a user sees in the editor comes from the server, so that Neovim and
// Helix users get the same linter.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { mcpUrlNear } from './mcpUrl';

let client: LanguageClient | undefined;
let probeOutput: vscode.OutputChannel | undefined;

/** The probe (server/src/probe/main.ts, bundled as dist/probe.js) is loaded only when its command runs. */
type ProbeModule = typeof import('../../server/src/probe/main');

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

export interface Api {
  client: LanguageClient | undefined;
  /** Resolves when the language server is running. */
  ready: Promise<void>;
  /** How long activate() took (the server starts after it, in the background). */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  const t0 = performance.now();
  // dist/ when bundled (the .vsix), out/ when run from a tsc build (tests, development).
  const serverModule = firstExisting([context.asAbsolutePath(path.join('dist', 'server.js')), context.asAbsolutePath(path.join('out', 'server', 'src', 'server.js'))]);
  const output = vscode.window.createOutputChannel('Cluster Auth Lint');
  context.subscriptions.push(output);
  if (!serverModule) {
    output.appendLine('The language server is missing (dist/server.js): run `npm run build`.');
    return { client: undefined, ready: Promise.resolve(), activationMs: performance.now() - t0 };
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Alongside any other YAML extension (Red Hat's included): we only add diagnostics, fixes, hover and completion.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: output,
  };
  client = new LanguageClient('clusterAuthLint', 'Cluster Auth Lint', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('clusterAuthLint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor || editor.document.languageId !== 'yaml') return;
      const doc = editor.document;
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'cluster-auth-lint.applyFixAll',
        arguments: [{ uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version }],
      });
    }),
    vscode.commands.registerCommand('clusterAuthLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('clusterAuthLint.restartServer', async () => {
      if (!client) return;
      await client.restart();
      output.appendLine('Server restarted.');
    }),
    vscode.commands.registerCommand('clusterAuthLint.probeMcp', () => probeMcp(context)),
  );

  // Where the user sees that the linter runs (and a way to its log), as ESLint's status item.
  const status = vscode.languages.createLanguageStatusItem('clusterAuthLint.status', { language: 'yaml' });
  status.name = 'Cluster Auth Lint';
  status.text = 'Cluster Auth Lint';
  status.command = { title: 'Show output', command: 'clusterAuthLint.showOutput' };
  context.subscriptions.push(
    status,
    client.onDidChangeState((e) => {
      status.busy = e.newState === State.Starting;
      status.severity = e.newState === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      status.detail = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
    }),
  );

  // The server starts in the background: activation returns at once, diagnostics follow when it is up.
  const ready = client.start().catch((e: unknown) => {
    output.appendLine(`The language server did not start (${(e as Error)?.name ?? 'error'}); see the log above.`);
  });
  const activationMs = performance.now() - t0;
  output.appendLine(`Activated in ${activationMs.toFixed(1)} ms.`);
  return { client, ready, activationMs };
}

function loadProbe(context: vscode.ExtensionContext): ProbeModule | undefined {
  const file = firstExisting([path.join(__dirname, 'probe.js'), context.asAbsolutePath(path.join('out', 'server', 'src', 'probe', 'main.js'))]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file ? (require(file) as ProbeModule) : undefined;
}

async function probeMcp(context: vscode.ExtensionContext): Promise<void> {
  // The probe makes network requests to a URL that may come from the workspace: trusted workspaces only.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Cluster Auth Lint: checking an MCP server makes network requests; trust this workspace first.');
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const prefill = editor ? mcpUrlNear(editor.document.getText(), editor.selection.active.line) : undefined;
  const url = await vscode.window.showInputBox({
    title: 'Check MCP server authorization',
    prompt: 'URL of the MCP endpoint (the probe walks its OAuth discovery, registration and PKCE steps)',
    value: prefill ?? 'https://',
    ignoreFocusOut: true,
    validateInput: (v) => (/^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : 'Enter an http(s) URL'),
  });
  if (!url) return;
  const spec = await vscode.window.showQuickPick(
    [
      { label: '2025-06-18', description: 'stricter: WWW-Authenticate header required, dynamic client registration expected' },
      { label: '2025-11-25', description: 'header or well-known metadata, registration optional' },
    ],
    { title: 'MCP authorization spec revision to check against' },
  );
  if (!spec) return;
  const probe = loadProbe(context);
  if (!probe) {
    void vscode.window.showErrorMessage('Cluster Auth Lint: the MCP probe is not part of this build.');
    return;
  }
  probeOutput ??= vscode.window.createOutputChannel('Cluster Auth Lint: MCP probe');
  context.subscriptions.push(probeOutput);
  const channel = probeOutput;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${url.trim()}…` }, async () => {
    try {
      const report = await probe.runProbe(url.trim(), { spec: spec.label });
      channel.appendLine(probe.formatProbeText(report));
    } catch (e) {
      channel.appendLine(`The probe failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    channel.show(true);
  });
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
