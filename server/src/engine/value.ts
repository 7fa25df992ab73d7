// Scalar values as rules see them: known text, or a pattern in which template actions stand for
// unknown parts. Two values with the same pattern are equal even when both are unknown.
import { isScalar, Scalar } from 'yaml';
import { normaliseExpr } from './mask';
import { originalSlice, templatedIn, type Source } from './source';

export interface Val {
  /** The parsed text (placeholders where templated). Only meaningful when `known`. */
  text: string;
  known: boolean;
  /** The user's text with every template action written as `{{expr}}`. */
  pattern: string;
  /** Offsets of the value (with its quotes) in the file's original text. */
  start: number;
  end: number;
  src: Source;
  node: Scalar;
}

const ACTION = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;

export function patternOf(raw: string): string {
  return raw.replace(ACTION, (m) => (m.startsWith('{#') ? '' : `{{${normaliseExpr(m.slice(2, -2))}}}`));
}

export function val(src: Source, node: unknown): Val | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  const text = typeof v === 'string' ? v : node.source ?? String(v);
  const [s, e] = node.range;
  const known = !templatedIn(src, s, e);
  let pattern = text;
  if (!known) {
    let raw = originalSlice(src, s, e);
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) raw = raw.slice(1, -1);
    pattern = patternOf(raw.trim());
  }
  return { text, known, pattern, start: src.toOuter(s), end: src.toOuter(e), src, node };
}

/** A value made of a known part and template actions: `.{{ .Values.d }}` → prefix/suffix checks work on patterns. */
export function isUnknown(v: Val | undefined): boolean {
  return !!v && !v.known;
}
