// Code actions for one lint snapshot: quick-fixes, suppressions, documentation and fix-all.
// Edits are computed from the snapshot's own text; a WorkspaceEdit carries the version so that
// a client rejects it if the document moved on in the meantime.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, TextEdit } from '../engine/types';
import { fixAllEdits } from '../engine/fix';
import { disableFileEdit, disableLineEdit } from '../engine/suppress';
import { isOurData, SOURCE, toDiagnostic } from './diagnostics';
import { toLspEdits, type LintSnapshot } from './snapshot';

export const FIX_ALL_KIND = 'source.fixAll.cluster-auth-lint';
export const SHOW_DOCS_COMMAND = 'cluster-auth-lint.showDocumentation';
export const APPLY_FIX_ALL_COMMAND = 'cluster-auth-lint.applyFixAll';

/** Identifies an action's edit so that it can be built later (codeAction/resolve). */
export type ActionKey =
  | { t: 'fix'; i: number; j: number }
  | { t: 'line'; i: number }
  | { t: 'file'; i: number }
  | { t: 'all' };

export interface ActionData {
  uri: string;
  version: number;
  key: ActionKey;
}

export interface CodeActionOptions {
  docsUrl: (id: string) => string;
  /** Client understands versioned `documentChanges`. */
  documentChanges: boolean;
  /** Client resolves `edit` lazily: leave it out of the list (fix text may hold a new secret). */
  lazyEdits: boolean;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function overlaps(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  const before = (p: typeof a.start, q: typeof a.start) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Touching ranges count: a cursor at the end of a flagged word still offers its fixes.
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(d: Diagnostic, f: Finding): boolean {
  const r = d.range;
  const s = f.span;
  return (
    r.start.line === s.start.line && r.start.character === s.start.character && r.end.line === s.end.line && r.end.character === s.end.character
  );
}

/** The findings the request is about, each with the diagnostic the client showed for it. */
export function findingsInRequest(snap: LintSnapshot, params: CodeActionParams): Array<{ index: number; diagnostic?: Diagnostic }> {
  const out = new Map<number, Diagnostic | undefined>();
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    if (isOurData(d.data) && d.data.version === snap.version && snap.findings[d.data.index]?.ruleId === d.data.ruleId) {
      out.set(d.data.index, d);
      continue;
    }
    // The diagnostic came from an older version: find the same rule at the same place, if it is still there.
    const i = snap.findings.findIndex((f) => f.ruleId === d.code && sameRange(d, f));
    if (i >= 0) out.set(i, d);
  }
  if (out.size === 0) {
    // Clients that send no diagnostics in the context (or a cursor request): use the range.
    snap.findings.forEach((f, i) => {
      if (overlaps(f.span, params.range)) out.set(i, undefined);
    });
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([index, diagnostic]) => ({ index, diagnostic }));
}

/** The engine edits behind an action, or undefined when the key no longer fits the snapshot. */
export function editsFor(snap: LintSnapshot, key: ActionKey): TextEdit[] | undefined {
  if (key.t === 'all') {
    const edits = fixAllEdits(snap.findings);
    return edits.length > 0 ? edits : undefined;
  }
  const f = snap.findings[key.i];
  if (!f) return undefined;
  switch (key.t) {
    case 'fix':
      return f.fixes[key.j]?.edits;
    case 'line':
      return [disableLineEdit(snap.text, f.span.start.line, f.ruleId)];
    case 'file':
      return [disableFileEdit(snap.text, f.ruleId)];
  }
}

export function workspaceEdit(snap: LintSnapshot, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  const lsp = toLspEdits(snap.text, edits);
  if (documentChanges) return { documentChanges: [{ textDocument: { uri: snap.uri, version: snap.version }, edits: lsp }] };
  return { changes: { [snap.uri]: lsp } };
}

export function codeActionsFor(snap: LintSnapshot, params: CodeActionParams, opts: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const make = (title: string, kind: string, key: ActionKey, diagnostic: Diagnostic | undefined, preferred?: boolean): void => {
    const data: ActionData = { uri: snap.uri, version: snap.version, key };
    const action: CodeAction = { title, kind, data };
    if (diagnostic) action.diagnostics = [diagnostic];
    if (preferred) action.isPreferred = true;
    if (!opts.lazyEdits) {
      const edits = editsFor(snap, key);
      if (!edits) return;
      action.edit = workspaceEdit(snap, edits, opts.documentChanges);
    }
    actions.push(action);
  };

  if (wants(only, CodeActionKind.QuickFix)) {
    const requested = findingsInRequest(snap, params);
    const seenLine = new Set<string>();
    const seenRule = new Set<string>();
    const suppressions: Array<() => void> = [];
    for (const { index, diagnostic } of requested) {
      const f = snap.findings[index];
      const diag = diagnostic ?? toDiagnostic(f, index, snap.version, opts.docsUrl);
      f.fixes.forEach((fix, j) => make(fix.title, CodeActionKind.QuickFix, { t: 'fix', i: index, j }, diag, fix.preferred === true));
      const lineKey = `${f.ruleId}@${f.span.start.line}`;
      if (!seenLine.has(lineKey)) {
        seenLine.add(lineKey);
        suppressions.push(() => make(`Disable ${f.ruleId} for this line`, CodeActionKind.QuickFix, { t: 'line', i: index }, diag));
      }
      if (!seenRule.has(f.ruleId)) {
        seenRule.add(f.ruleId);
        suppressions.push(() => make(`Disable ${f.ruleId} for this file`, CodeActionKind.QuickFix, { t: 'file', i: index }, diag));
        suppressions.push(() =>
          actions.push({
            title: `Show documentation for ${f.ruleId}`,
            kind: CodeActionKind.QuickFix,
            command: { title: `Show documentation for ${f.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [opts.docsUrl(f.ruleId)] },
          }),
        );
      }
    }
    // Fixes first, then the ways out, as ESLint orders them.
    for (const s of suppressions) s();
    const fixableInFile = snap.findings.filter((f) => f.fixes.length > 0).length;
    if (fixableInFile > 1 && requested.some(({ index }) => snap.findings[index].fixes.length > 0)) {
      make('Fix all auto-fixable cluster-auth-lint problems', CodeActionKind.QuickFix, { t: 'all' }, undefined);
    }
  }
  // Explicit requests only (editor.codeActionsOnSave, the Source Action menu), as for source.fixAll.eslint.
  if (only && wants(only, FIX_ALL_KIND) && snap.findings.some((f) => f.fixes.length > 0)) {
    make('Fix all cluster-auth-lint problems', FIX_ALL_KIND, { t: 'all' }, undefined);
  }
  return actions;
}
