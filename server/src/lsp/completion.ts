// Completion of keys and enum values from schemas/, only inside the structures we recognise
// (SealedSecret, ingress annotations, embedded dex.config, ...), so that it adds to a YAML
// extension's completion instead of competing with it everywhere.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { KeyDoc, SchemaDocs } from '../schemaDocs';
import { schemaPlaces } from './schemaPlaces';
import { contextAt, shapeOf, splitLines } from './yamlContext';

/** Strings YAML would read as something else (bool, null, number) must be quoted. */
function yamlScalar(v: unknown, type: string | undefined): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  const ambiguous = /^(true|false|yes|no|on|off|y|n|null|~|[-+.]?\d.*|)$/i.test(v) || /[:#{}[\],&*!|>'"%@`]/.test(v);
  return ambiguous || type === 'string' && /^\s|\s$/.test(v) ? JSON.stringify(v) : v;
}

/** Keys already present in the mapping the cursor is in (same column, same block). */
export function siblingKeys(text: string, line: number, column: number): Set<string> {
  const lines = splitLines(text);
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const s = shapeOf(lines[i]);
      if (s.separator) return;
      if (s.content < 0) continue;
      if (s.content < column) {
        // A `- key:` line at a lower dash starts this item (going up: include it) or the next one.
        if (step === -1 && s.keyStart === column && s.key !== undefined) keys.add(s.key);
        return;
      }
      if (s.keyStart === column && s.key !== undefined) keys.add(s.key);
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

function documentation(doc: KeyDoc): CompletionItem['documentation'] {
  const parts: string[] = [];
  if (doc.description) parts.push(doc.description);
  if (doc.enum && doc.enum.length > 0) parts.push(`Allowed: ${doc.enum.map((e) => '`' + String(e) + '`').join(', ')}`);
  return parts.length > 0 ? { kind: MarkupKind.Markdown, value: parts.join('\n\n') } : undefined;
}

export function completionsAt(text: string, pos: Position, docs: SchemaDocs): CompletionItem[] {
  const ctx = contextAt(text, pos.line, pos.character);
  const lineText = splitLines(text)[pos.line] ?? '';
  const items: CompletionItem[] = [];
  const seen = new Set<string>();

  if (ctx.newKey) {
    const present = siblingKeys(text, pos.line, ctx.newKey.start);
    const range = { start: { line: pos.line, character: ctx.newKey.start }, end: { line: pos.line, character: pos.character } };
    for (const place of schemaPlaces(ctx, docs)) {
      for (const doc of docs.propertiesAt(place.schema, place.path)) {
        if (seen.has(doc.name) || present.has(doc.name)) continue;
        seen.add(doc.name);
        const key = /^[\w.\-/]+$/.test(doc.name) ? doc.name : JSON.stringify(doc.name);
        const isContainer = doc.type === 'object' || doc.type === 'array';
        const item: CompletionItem = {
          label: doc.name,
          kind: CompletionItemKind.Property,
          detail: `cluster-auth-lint · ${place.schema}`,
          documentation: documentation(doc),
          filterText: doc.name,
          textEdit: { range, newText: key + ':' + (isContainer ? '' : ' ') },
        };
        if (doc.enum && doc.enum.length > 1 && doc.enum.length <= 12) {
          const choices = doc.enum.map((e) => yamlScalar(e, doc.type).replace(/[$}\\,|]/g, (c) => '\\' + c));
          item.textEdit = { range, newText: `${key}: \${1|${choices.join(',')}|}` };
          item.insertTextFormat = InsertTextFormat.Snippet;
        } else if (doc.enum && doc.enum.length === 1) {
          item.textEdit = { range, newText: `${key}: ${yamlScalar(doc.enum[0], doc.type)}` };
        }
        if (doc.deprecated) item.tags = [1];
        items.push(item);
      }
    }
    return items;
  }

  if (ctx.value) {
    const start = ctx.value.start;
    const end = Math.max(pos.character, start);
    // Right after the colon the value needs its separating space.
    const needsSpace = lineText[start - 1] === ':';
    const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } };
    for (const place of schemaPlaces(ctx, docs)) {
      const doc = docs.describe(place.schema, [...place.path, ctx.value.key]);
      for (const e of doc?.enum ?? []) {
        const text = yamlScalar(e, doc?.type);
        if (seen.has(text)) continue;
        seen.add(text);
        items.push({
          label: text,
          kind: CompletionItemKind.EnumMember,
          detail: `cluster-auth-lint · ${place.schema}`,
          documentation: doc ? documentation(doc) : undefined,
          filterText: text,
          textEdit: { range, newText: (needsSpace ? ' ' : '') + text },
        });
      }
    }
  }
  return items;
}
