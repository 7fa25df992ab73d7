// Shared waits and lookups for the e2e suite. Everything here goes through the public `vscode`
// API only: the suite checks what a user of the packaged extension would see.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cluster-auth-lint.cluster-auth-lint';
export const SOURCE = 'cluster-auth-lint';
/** How long to wait for the language server; scripts/e2e/run.mjs shortens it for the negative proof. */
export const WAIT_MS = Number(process.env.CAL_E2E_WAIT_MS) || 20000;

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms = WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function ourDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (ruleId === undefined || codeOf(d) === ruleId));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function waitForDiagnostic(uri: vscode.Uri, ruleId: string, ms?: number): Promise<vscode.Diagnostic> {
  return waitFor(`${ruleId} on ${vscode.workspace.asRelativePath(uri)}`, () => ourDiagnostics(uri, ruleId)[0], ms);
}

export async function waitForNoDiagnostic(uri: vscode.Uri, ruleId: string, ms?: number): Promise<void> {
  await waitFor(`${ruleId} to leave ${vscode.workspace.asRelativePath(uri)}`, () => ourDiagnostics(uri, ruleId).length === 0, ms);
}

/**
 * Resolves once the language server has published diagnostics for `uri` (an empty list counts)
 * and then stayed quiet for `quietMs`: the way to tell "analysed, nothing found" from "not
 * analysed yet". Start it before the edit whose result you want.
 */
export function nextSettledPublish(uri: vscode.Uri, ms = WAIT_MS, quietMs = 1500): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let quiet: NodeJS.Timeout | undefined;
    const give = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics published for ${vscode.workspace.asRelativePath(uri)} within ${ms} ms`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        clearTimeout(give);
        sub.dispose();
        resolve(ourDiagnostics(uri));
      }, quietMs);
    });
  });
}

/** Opens the file in an editor, the way a user would, and returns the editor. */
export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Throws away unsaved edits of the active editor's document. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function lineIndex(doc: vscode.TextDocument, pattern: RegExp, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (pattern.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${pattern} in ${vscode.workspace.asRelativePath(doc.uri)}`);
}

/** Lines of `after` that are not in `before`, assuming `after` only inserted or changed lines. */
export function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const now = after.split('\n');
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  return now.slice(head, now.length - tail);
}

/** The lines of `before` that `after` no longer has (same two-ended comparison as addedLines). */
export function removedLines(before: string, after: string): string[] {
  return addedLines(after, before);
}
