// Text edits on the user's YAML, placed through a Source so that they land on the file's original
// text (the file itself, or a literal block scalar inside it): insert an entry into a map or an
// item into a list with the indentation already used there, delete a pair's or an item's lines,
// replace a scalar in its own quoting style. A helper that returns `TextEdit | undefined` returns
// undefined where the edit cannot be placed exactly (an inexact source, a templated spot, a shape
// it does not know): the rule then offers no fix rather than a wrong one.
import { isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { lineEndAt, lineStartAt, newlineOf, nextLineAt } from './lines';
import { templatedIn, type Source } from './source';
import type { TextEdit } from './types';
import type { Val } from './value';
import { pairOf } from './yamlnav';

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as Node | null | undefined)?.range ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// Scalars

/**
 * Plain text that some reader takes for something other than a string: YAML 1.2 core, and YAML 1.1
 * as go-yaml v2 (Helm, kubectl) and PyYAML (Ansible) read it — `yes`/`on`/`y` booleans, `0x1F`,
 * `1_000`, `.inf`, sexagesimal `1:30`.
 */
const NOT_A_STRING =
  /^(?:true|false|null|~|yes|no|on|off|y|n|[-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|[0-9][0-9._]*|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.inf)|\.nan)$/i;

/**
 * Text a plain scalar cannot hold: an indicator first (`-`, `?` and `:` only when a space or
 * nothing follows), blanks at either end, `: ` or ` #` inside, a `:` last, control characters.
 */
const NOT_PLAIN = /^[\s{[\]}&*!|>'"%@`#,]|^[-?:](?:\s|$)|\s$|: | #|:$|[\x00-\x1f\x7f]/;

/** A string as YAML text: plain when every reader reads it back as the same string, else double-quoted. */
export function yamlScalar(text: string): string {
  return text !== '' && !NOT_PLAIN.test(text) && !NOT_A_STRING.test(text) ? text : JSON.stringify(text);
}

/** Replaces a scalar with new text in the style it was written in; block scalars are left alone. */
export function replaceScalar(v: Val, text: string): TextEdit | undefined {
  if (!v.src.exact) return undefined;
  const raw = v.src.file.text.slice(v.start, v.end).trimEnd();
  const end = v.start + raw.length;
  const t = v.node.type;
  if (t === Scalar.QUOTE_DOUBLE || t === Scalar.QUOTE_SINGLE) {
    const q = t === Scalar.QUOTE_DOUBLE ? '"' : "'";
    if (raw.length < 2 || raw[0] !== q || raw[raw.length - 1] !== q) return undefined;
    return { start: v.start, end, newText: q === '"' ? JSON.stringify(text) : `'${text.replace(/'/g, "''")}'` };
  }
  if (t !== Scalar.PLAIN) return undefined;
  return { start: v.start, end, newText: yamlScalar(text) };
}

// ---------------------------------------------------------------------------------------------
// Positions (outer offsets: the file's original text)

/** Column of an outer offset within its line. */
export function columnOf(src: Source, outer: number): number {
  return outer - lineStartAt(src.file.text, outer);
}

/** True when only indentation stands before an outer offset on its line. */
export function startsLine(src: Source, outer: number): boolean {
  const text = src.file.text;
  return text.slice(lineStartAt(text, outer), outer).trim() === '';
}

/**
 * Outer offset just past the last non-blank character of a node or pair (of a map or list, of its
 * last entry): where its content ends, before the line break and blank lines a block node's range
 * runs through.
 */
export function contentEnd(src: Source, node: unknown): number | undefined {
  let n = isPair(node) ? (node.value ?? node.key) : node;
  while (isMap(n) || isSeq(n)) {
    const last = (n.items as unknown[])[n.items.length - 1];
    if (last === undefined) break;
    n = isPair(last) ? (last.value ?? last.key) : last;
  }
  const r = rangeOf(n);
  if (!r) return undefined;
  const text = src.file.text;
  let end = r[1] > r[0] ? src.toOuter(r[1] - 1) + 1 : src.toOuter(r[0]);
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

// ---------------------------------------------------------------------------------------------
// Inserting

/** Inserts `line` (indented to `column`) as a new line after the line holding `outer`, ended like that line. */
export function insertLineAfter(src: Source, outer: number, column: number, line: string): TextEdit {
  const text = src.file.text;
  let nl = text.indexOf('\n', outer);
  if (nl < 0) return { start: text.length, end: text.length, newText: `${newlineOf(text)}${' '.repeat(column)}${line}` };
  const crlf = nl > 0 && text[nl - 1] === '\r';
  if (crlf) nl -= 1;
  return { start: nl, end: nl, newText: `${crlf ? '\r\n' : '\n'}${' '.repeat(column)}${line}` };
}

/** Inserts `line` as a new line before the line holding `outer`, indented like the text at `outer`. */
export function insertLineBefore(src: Source, outer: number, line: string): TextEdit {
  const column = columnOf(src, outer);
  const at = outer - column;
  return { start: at, end: at, newText: `${' '.repeat(column)}${line}${newlineOf(src.file.text)}` };
}

/**
 * Inserts one entry into a map: `lines` are its lines, the first at the map's column and the others
 * indented relative to it (`['extraArgs:', '  foo: bar']`). A block map gets them before its first
 * entry or after its last; a flow map takes a single line, first after `{` or last before `}`.
 */
export function insertIntoMap(src: Source, map: YAMLMap, lines: readonly string[], where: 'first' | 'last' = 'first'): TextEdit | undefined {
  if (!src.exact) return undefined;
  if (map.flow) return lines.length === 1 ? insertIntoFlow(src, map, lines[0], where) : undefined;
  const k = rangeOf((map.items[0] as Pair | undefined)?.key);
  // The first key gives the column; a templated one may render anywhere, or nothing at all.
  if (!k || templatedIn(src, k[0], k[1])) return undefined;
  const text = src.file.text;
  const nl = newlineOf(text);
  const keyStart = src.toOuter(k[0]);
  const pad = ' '.repeat(columnOf(src, keyStart));
  if (where === 'first') return { start: keyStart, end: keyStart, newText: lines.join(nl + pad) + nl + pad };
  const end = contentEnd(src, map.items[map.items.length - 1]);
  if (end === undefined) return undefined;
  const at = lineEndAt(text, end);
  return { start: at, end: at, newText: lines.map((l) => nl + pad + l).join('') };
}

/** Appends an item (its YAML text) to a list: `- item` on a line after the last item, or `, item` inside `[...]`. */
export function appendToSeq(src: Source, seq: YAMLSeq, item: string): TextEdit | undefined {
  if (!src.exact) return undefined;
  if (seq.flow) return insertIntoFlow(src, seq, item, 'last');
  const last = seq.items[seq.items.length - 1];
  const r = rangeOf(last);
  if (!r) return undefined;
  const text = src.file.text;
  // The last item's dash gives the column.
  let dash = src.toOuter(r[0]) - 1;
  while (dash > 0 && (text[dash] === ' ' || text[dash] === '\t')) dash--;
  const end = contentEnd(src, last);
  if (text[dash] !== '-' || end === undefined) return undefined;
  return insertLineAfter(src, end, columnOf(src, dash), `- ${item}`);
}

/** One entry into a flow map or list, spaced as in `{ a: 1 }` and `[a, b]` when it is empty. */
function insertIntoFlow(src: Source, coll: YAMLMap | YAMLSeq, entry: string, where: 'first' | 'last'): TextEdit | undefined {
  const r = rangeOf(coll);
  if (!r || templatedIn(src, r[0], r[1])) return undefined;
  const text = src.file.text;
  const [open, close] = isMap(coll) ? ['{', '}'] : ['[', ']'];
  const closeAt = src.toOuter(r[1] - 1);
  if (text[src.toOuter(r[0])] !== open || text[closeAt] !== close) return undefined;
  const items = coll.items as unknown[];
  if (items.length === 0) return { start: closeAt, end: closeAt, newText: isMap(coll) ? ` ${entry} ` : entry };
  if (where === 'first') {
    const first = rangeOf(isPair(items[0]) ? (items[0].key ?? items[0].value) : items[0]);
    if (!first) return undefined;
    const at = src.toOuter(first[0]);
    return { start: at, end: at, newText: `${entry}, ` };
  }
  const at = contentEnd(src, items[items.length - 1]);
  return at === undefined ? undefined : { start: at, end: at, newText: `, ${entry}` };
}

/**
 * Adds `entry` (one `key: value` line) to the map at `path` under `root`, creating the maps that
 * are missing (`labels:` with nothing under it counts as missing); new lines take the indentation
 * of their neighbours. Undefined where that cannot be done exactly (a flow map with nesting to add,
 * a non-map in the way).
 */
export function addEntryAt(src: Source, root: YAMLMap, path: readonly string[], entry: string): TextEdit | undefined {
  if (!src.exact) return undefined;
  const text = src.file.text;
  let map = root;
  let i = 0;
  while (i < path.length) {
    const pair = pairOf(map, path[i]);
    if (!pair) break;
    const value = pair.value as unknown;
    if (isMap(value)) {
      if (value.flow && i !== path.length - 1) return undefined;
      map = value;
      i++;
      continue;
    }
    const empty = value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ''));
    if (!empty) return undefined;
    // An empty string written as `''` is a value, not a missing map.
    const k = rangeOf(pair.key);
    const v = rangeOf(value);
    if (!k || (isScalar(value) && value.value === '' && v && v[1] > v[0])) return undefined;
    const keyStart = src.toOuter(k[0]);
    const pad = ' '.repeat(columnOf(src, keyStart) + 2);
    const at = lineEndAt(text, contentEnd(src, pair.key) ?? keyStart);
    const nl = newlineOf(text);
    return { start: at, end: at, newText: nestedLines(path.slice(i + 1), entry).map((l) => nl + pad + l).join('') };
  }
  return insertIntoMap(src, map, nestedLines(path.slice(i), entry), 'last');
}

/** `keys` nested down to `entry`, each two columns deeper than its parent. */
function nestedLines(keys: readonly string[], entry: string): string[] {
  return [...keys.map((k, j) => `${'  '.repeat(j)}${k}:`), `${'  '.repeat(keys.length)}${entry}`];
}

// ---------------------------------------------------------------------------------------------
// Deleting

/** Deletes a pair whose key starts its own line, from that line's start through the line where its value ends. */
export function deletePairLines(src: Source, pair: Pair): TextEdit | undefined {
  const k = rangeOf(pair.key);
  if (!src.exact || !k) return undefined;
  const text = src.file.text;
  const keyStart = src.toOuter(k[0]);
  const end = contentEnd(src, pair.value ?? pair.key);
  if (!startsLine(src, keyStart) || end === undefined) return undefined;
  return { start: lineStartAt(text, keyStart), end: nextLineAt(text, end), newText: '' };
}

/**
 * Deletes an entry of a block map with its lines; when it is the map's only entry and its parent
 * pair is given, the parent instead (so that no empty `labels:` is left behind).
 */
export function deleteEntry(src: Source, map: YAMLMap, pair: Pair, parent?: Pair): TextEdit | undefined {
  if (map.flow) return undefined;
  return deletePairLines(src, map.items.length === 1 && parent ? parent : pair);
}

/** Deletes a block-list item written on lines of its own (`- value`, `- name: …` and the lines under it). */
export function deleteSeqItemLine(src: Source, item: unknown): TextEdit | undefined {
  const r = rangeOf(item);
  if (!src.exact || !r) return undefined;
  const text = src.file.text;
  const at = src.toOuter(r[0]);
  const start = lineStartAt(text, at);
  const end = contentEnd(src, item);
  if (!/^[ \t]*-[ \t]*$/.test(text.slice(start, at)) || end === undefined) return undefined;
  // More than a comment after the item on its last line belongs to something else.
  const rest = text.slice(end, lineEndAt(text, end)).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return { start, end: nextLineAt(text, end), newText: '' };
}
