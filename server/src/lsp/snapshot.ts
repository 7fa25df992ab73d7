// One lint result tied to the exact text and version it was computed on.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, TextEdit } from '../engine/types';

export interface LintSnapshot {
  uri: string;
  version: number;
  text: string;
  findings: Finding[];
}

/** Engine edits (UTF-16 offsets into `text`) → LSP edits (line/character). */
export function toLspEdits(text: string, edits: readonly TextEdit[]): LspTextEdit[] {
  const doc = TextDocument.create('untitled:edit', 'yaml', 0, text);
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}
