// Hover: the rule behind a flagged range, and what a known key means.
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import type { Finding, RuleMeta } from '../engine/types';
import type { KeyDoc, SchemaDocs } from '../schemaDocs';
import { keyDocAt, keyDocByName } from './schemaPlaces';
import type { LintSnapshot } from './snapshot';
import { contextAt, splitLines } from './yamlContext';

export interface HoverDeps {
  ruleMeta: (id: string) => RuleMeta | undefined;
  docsUrl: (id: string) => string;
  schemaDocs: SchemaDocs;
}

function covers(f: Finding, pos: Position): boolean {
  const { start, end } = f.span;
  const afterStart = pos.line > start.line || (pos.line === start.line && pos.character >= start.character);
  const beforeEnd = pos.line < end.line || (pos.line === end.line && pos.character <= end.character);
  return afterStart && beforeEnd;
}

export function findingMarkdown(f: Finding, deps: HoverDeps): string {
  const meta = deps.ruleMeta(f.ruleId);
  const lines = [`**${f.ruleId}** (${f.severity}) — cluster-auth-lint`];
  if (meta?.summary) lines.push('', meta.summary);
  lines.push('', f.message);
  if (f.fixes.length > 0) lines.push('', `Quick fix: ${f.fixes.map((x) => x.title).join('; ')}`);
  lines.push('', `[Documentation for ${f.ruleId}](${deps.docsUrl(f.ruleId)})`);
  return lines.join('\n');
}

function formatValue(v: unknown): string {
  return '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';
}

export function keyMarkdown(doc: KeyDoc): string {
  const lines = [`**${doc.name}**${doc.type ? ` (${doc.type})` : ''}`];
  if (doc.deprecated) lines.push('', '_Deprecated._');
  if (doc.description) lines.push('', doc.description);
  if (doc.enum && doc.enum.length > 0) lines.push('', `Allowed: ${doc.enum.map(formatValue).join(', ')}`);
  if (doc.default !== undefined) lines.push('', `Default: ${formatValue(doc.default)}`);
  return lines.join('\n');
}

/** A command-line flag (`--cookie-secret=…` in an args list) under the cursor. */
export function flagAt(line: string, character: number): { name: string; start: number; end: number } | undefined {
  for (const m of line.matchAll(/--([a-z0-9]+(?:-[a-z0-9]+)*)(?==|\s|"|'|$)/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { name: m[1], start, end };
  }
  return undefined;
}

export function hoverAt(snap: LintSnapshot, pos: Position, deps: HoverDeps): Hover | null {
  const sections: string[] = [];
  let range: Range | undefined;
  const flagged = snap.findings.filter((f) => covers(f, pos));
  for (const f of flagged) {
    sections.push(findingMarkdown(f, deps));
    range ??= f.span;
  }
  const ctx = contextAt(snap.text, pos.line, pos.character);
  const doc = keyDocAt(ctx, deps.schemaDocs);
  if (doc && ctx.key) {
    sections.push(keyMarkdown(doc));
    range ??= { start: { line: pos.line, character: ctx.key.start }, end: { line: pos.line, character: ctx.key.end } };
  } else {
    const flag = flagAt(splitLines(snap.text)[pos.line] ?? '', pos.character);
    const flagDoc = flag && keyDocByName(flag.name, [flag.name], deps.schemaDocs);
    if (flag && flagDoc) {
      sections.push(keyMarkdown({ ...flagDoc, name: `--${flag.name}` }));
      range ??= { start: { line: pos.line, character: flag.start }, end: { line: pos.line, character: flag.end } };
    }
  }
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}
