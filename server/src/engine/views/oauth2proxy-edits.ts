// Text edits on the user's YAML for oauth2-proxy fixes: insert a key into a map or an item into a
// list with the indentation already used there, replace a scalar in its own quoting style, delete a
// list item or a pair on lines of its own. Every helper returns undefined where the edit cannot be
// placed exactly (inexact sources, templated spots, shapes it does not know): then no fix is offered.
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { templatedIn, type Source } from '../source';
import type { TextEdit } from '../types';
import type { Val } from '../value';

function lineStart(text: string, at: number): number {
  let k = at;
  while (k > 0 && text[k - 1] !== '\n') k--;
  return k;
}

function lineEnd(text: string, at: number): number {
  const n = text.indexOf('\n', at);
  return n < 0 ? text.length : n;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as Node | null | undefined)?.range ?? undefined;
}

/** A scalar in plain style when YAML reads it back as the same string, else double-quoted. */
export function yamlScalar(text: string): string {
  // `-`, `?` and `:` start a plain scalar unless a space (or nothing) follows them.
  const plainOk = text !== '' && !/^[\s{[\]}&*!|>'"%@`#,]|^[-?:](\s|$)|\s$|: | #|:$|[\n\r\t]/.test(text) && !/^(true|false|null|~|yes|no|on|off|y|n|[-+]?[0-9.]+([eE][-+]?[0-9]+)?)$/i.test(text);
  return plainOk ? text : JSON.stringify(text);
}

/** The scalar's new text in the style it was written in. */
export function replaceScalar(v: Val, text: string): TextEdit | undefined {
  if (!v.src.exact) return undefined;
  const t = v.node.type;
  if (t === Scalar.BLOCK_LITERAL || t === Scalar.BLOCK_FOLDED) return undefined;
  let newText: string;
  if (t === Scalar.QUOTE_DOUBLE) newText = JSON.stringify(text);
  else if (t === Scalar.QUOTE_SINGLE) newText = `'${text.replace(/'/g, "''")}'`;
  else newText = yamlScalar(text);
  return { start: v.start, end: v.end, newText };
}

/**
 * Inserts `lines` as the first entries of a map: the first line at the first key's column, the
 * others indented relative to it (lines[i] already carry their own extra indentation).
 */
export function insertIntoMap(src: Source, map: YAMLMap, lines: string[]): TextEdit | undefined {
  if (!src.exact) return undefined;
  const text = src.file.text;
  const r = rangeOf(map);
  if (!r) return undefined;
  if (map.flow) {
    if (lines.length !== 1) return undefined;
    const open = src.toOuter(r[0]);
    if (text[open] !== '{' || templatedIn(src, r[0], r[1])) return undefined;
    const empty = map.items.length === 0;
    return { start: open + 1, end: open + 1, newText: empty ? ` ${lines[0]} ` : ` ${lines[0]},` };
  }
  const first = map.items[0] as Pair | undefined;
  const k = rangeOf(first?.key);
  if (!k) return undefined;
  const at = src.toOuter(k[0]);
  const ls = lineStart(text, at);
  if (templatedIn(src, k[0], k[1])) return undefined;
  const col = at - ls;
  const pad = ' '.repeat(col);
  return { start: at, end: at, newText: lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n') + '\n' + pad };
}

/** Appends `- item` after a list's last item (or inside `[...]`). */
export function appendToSeq(src: Source, seq: YAMLSeq, item: string): TextEdit | undefined {
  if (!src.exact) return undefined;
  const text = src.file.text;
  const r = rangeOf(seq);
  if (!r) return undefined;
  if (seq.flow) {
    const close = src.toOuter(r[1] - 1);
    if (text[close] !== ']' || templatedIn(src, r[0], r[1])) return undefined;
    return { start: close, end: close, newText: seq.items.length === 0 ? item : `, ${item}` };
  }
  const last = seq.items[seq.items.length - 1];
  const first = seq.items[0];
  const fr = rangeOf(first);
  const lr = rangeOf(last);
  if (!fr || !lr) return undefined;
  // The dash of the first item gives the column.
  let dash = src.toOuter(fr[0]) - 1;
  while (dash > 0 && text[dash] === ' ') dash--;
  if (text[dash] !== '-') return undefined;
  const col = dash - lineStart(text, dash);
  const endOfLast = lineEnd(text, src.toOuter(Math.max(lr[0], lr[1] - 1)));
  return { start: endOfLast, end: endOfLast, newText: `\n${' '.repeat(col)}- ${item}` };
}

/** Deletes a block-list item written on a line of its own (`- value`). */
export function deleteSeqItemLine(src: Source, item: unknown): TextEdit | undefined {
  if (!src.exact || !isScalar(item)) return undefined;
  const r = rangeOf(item);
  if (!r) return undefined;
  const text = src.file.text;
  const at = src.toOuter(r[0]);
  const ls = lineStart(text, at);
  if (!/^\s*-\s*$/.test(text.slice(ls, at).replace(/["']$/, ''))) return undefined;
  const le = lineEnd(text, src.toOuter(Math.max(r[0], r[1] - 1)));
  if (text.slice(src.toOuter(r[1]), le).trim() !== '' && !text.slice(src.toOuter(r[1]), le).trim().startsWith('#')) return undefined;
  return { start: ls, end: Math.min(text.length, le + 1), newText: '' };
}

/** Deletes a pair written on lines of its own, scalar value only. */
export function deletePairLines(src: Source, pair: Pair): TextEdit | undefined {
  const k = rangeOf(pair.key);
  if (!k || !src.exact || isSeq(pair.value) || isMap(pair.value)) return undefined;
  const text = src.file.text;
  const keyStart = src.toOuter(k[0]);
  const ls = lineStart(text, keyStart);
  if (text.slice(ls, keyStart).trim() !== '') return undefined;
  const v = rangeOf(pair.value);
  const last = v ? src.toOuter(Math.max(v[0], v[1] - 1)) : src.toOuter(k[1]);
  const le = lineEnd(text, last);
  return { start: ls, end: Math.min(text.length, le + 1), newText: '' };
}

/** Column of an outer offset on its line. */
export function columnOf(src: Source, outer: number): number {
  return outer - lineStart(src.file.text, outer);
}
