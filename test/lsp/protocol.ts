// The client side of the protocol: vscode-languageserver-protocol/node (3.18, the project's
// direct dependency) at run time. Its package is reachable only through "exports", which this
// project's `moduleResolution: node` cannot type, so the types come from the 3.17 copy that
// vscode-languageserver re-exports (the same API for everything used here).
import type * as P from 'vscode-languageserver/node';

export type * from 'vscode-languageserver/node';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const protocol = require('vscode-languageserver-protocol/node') as Pick<
  typeof P,
  | 'createProtocolConnection'
  | 'StreamMessageReader'
  | 'StreamMessageWriter'
  | 'IPCMessageReader'
  | 'IPCMessageWriter'
  | 'ApplyWorkspaceEditRequest'
  | 'ConfigurationRequest'
  | 'DidChangeTextDocumentNotification'
  | 'DidChangeWatchedFilesNotification'
  | 'DidCloseTextDocumentNotification'
  | 'DidOpenTextDocumentNotification'
  | 'ExitNotification'
  | 'InitializedNotification'
  | 'InitializeRequest'
  | 'LogMessageNotification'
  | 'PublishDiagnosticsNotification'
  | 'RegistrationRequest'
  | 'ShowDocumentRequest'
  | 'ShutdownRequest'
  | 'WorkDoneProgressCreateRequest'
  | 'CodeActionRequest'
  | 'CompletionRequest'
  | 'DocumentDiagnosticRequest'
  | 'ExecuteCommandRequest'
  | 'FileChangeType'
  | 'HoverRequest'
>;
