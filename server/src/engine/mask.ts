// Template masking: Helm/Go `{{ }}` and Jinja2 `{{ }}` / `{% %}` / `{# #}` are replaced by text of
// the same length so that the result parses as YAML and every offset still points at the user's
// text. What was templated is remembered, so that rules can tell unknown from wrong.
import { lineEndAt, lineStartAt } from './lines';

export interface TemplateSpan {
  start: number;
  end: number;
  /** The action's inner text, trim markers and surrounding whitespace removed, inner whitespace collapsed. */
  expr: string;
  /** Control flow or a comment: produces no value of its own. */
  control: boolean;
}

export interface Masked {
  text: string;
  spans: TemplateSpan[];
}

const CLOSERS: Record<string, string> = { '{': '}}', '%': '%}', '#': '#}' };
const GO_CONTROL = /^(?:if|else|end|range|with|define|block|break|continue)\b|^\/\*/;

/** The placeholder that stands for an inline expression's output. */
export const PLACEHOLDER = '_';

export function hasTemplates(text: string): boolean {
  return /\{[{%#]/.test(text);
}

export function normaliseExpr(inner: string): string {
  return inner.replace(/^[-+]/, '').replace(/[-+]$/, '').trim().replace(/\s+/g, ' ');
}

/** Finds template actions; unterminated ones end at their line's end. */
export function findActions(text: string): TemplateSpan[] {
  const spans: TemplateSpan[] = [];
  const exhausted: Record<string, boolean> = {};
  let i = text.indexOf('{');
  while (i !== -1 && i < text.length - 1) {
    const kind = text[i + 1];
    const closer = CLOSERS[kind];
    if (!closer) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const innerStart = i + 2;
    let close = exhausted[kind] ? -1 : findClose(text, innerStart, closer, kind === '#');
    let end: number;
    if (close === -1) {
      // No closer anywhere after this point: remember, so that a file full of `{{` stays linear.
      exhausted[kind] = true;
      end = lineEndAt(text, i);
      close = end;
    } else end = close + 2;
    const inner = text.slice(innerStart, close);
    const expr = normaliseExpr(inner);
    const control = kind !== '{' || GO_CONTROL.test(expr);
    spans.push({ start: i, end, expr, control });
    i = text.indexOf('{', end);
  }
  return spans;
}

function findClose(text: string, from: number, closer: string, plain: boolean): number {
  if (plain || /^[-\s]*\/\*/.test(text.slice(from, from + 8))) {
    // Comments may contain quotes; look for the end of the comment first.
    const endComment = plain ? from : text.indexOf('*/', from);
    return endComment === -1 ? -1 : text.indexOf(closer, endComment);
  }
  for (let j = from; j < text.length - 1; j++) {
    const c = text[j];
    if (c === closer[0] && text[j + 1] === closer[1]) return j;
    if (c === '"' || c === "'" || c === '`') {
      const k = skipString(text, j, c);
      if (k !== -1) j = k;
    }
  }
  return -1;
}

/** Index of the closing quote, or -1 when the string does not close (then the quote is plain text). */
function skipString(text: string, at: number, q: string): number {
  for (let k = at + 1; k < text.length; k++) {
    const c = text[k];
    if (c === '\\' && q !== '`') {
      k++;
      continue;
    }
    if (c === q) return k;
    if ((c === '\n' || c === '\r') && q !== '`') return -1;
  }
  return -1;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * True when the lines an action touches hold nothing but template actions and whitespace: such a
 * line renders YAML we cannot see (or nothing at all), so it becomes blank.
 */
function aloneOnItsLines(text: string, spans: TemplateSpan[], idx: number): boolean {
  const a = spans[idx];
  const from = lineStartAt(text, a.start);
  const to = lineEndAt(text, a.end);
  let cursor = from;
  let j = idx;
  while (j > 0 && spans[j - 1].end > from) j--;
  for (; j < spans.length && spans[j].start < to; j++) {
    if (!isBlank(text, cursor, spans[j].start)) return false;
    cursor = Math.max(cursor, spans[j].end);
  }
  return isBlank(text, cursor, to);
}

export function maskTemplates(text: string): Masked {
  if (!hasTemplates(text)) return { text, spans: [] };
  const spans = findActions(text);
  if (spans.length === 0) return { text, spans };
  const out: string[] = [];
  const kept: TemplateSpan[] = [];
  let last = 0;
  for (let i = 0; i < spans.length; ) {
    // Actions on one line with no line break between them form a group.
    let j = i;
    while (j + 1 < spans.length && !/[\r\n]/.test(text.slice(spans[j].end, spans[j + 1].start))) j++;
    const group = spans.slice(i, j + 1);
    const alone = aloneOnItsLines(text, spans, i) && aloneOnItsLines(text, spans, j);
    const start = group[0].start;
    const end = group[group.length - 1].end;
    out.push(text.slice(last, start));
    if (!alone && group.some((a) => a.control) && group.length > 1) {
      // Inline control flow (`{{ if x }}"a"{{ else }}b{{ end }}`): the literal text between the
      // actions is only one branch, so the whole stretch is one unknown value.
      out.push(fill(text, start, end, false));
      kept.push({ start, end, expr: group.map((a) => a.expr).join(' '), control: false });
    } else {
      kept.push(...group);
      let cursor = start;
      for (const a of group) {
        out.push(text.slice(cursor, a.start));
        out.push(fill(text, a.start, a.end, alone || a.control));
        cursor = a.end;
      }
    }
    last = end;
    i = j + 1;
  }
  out.push(text.slice(last));
  // Sorted and disjoint, as templatedIn's binary search needs.
  return { text: out.join(''), spans: kept };
}

/** Same-length replacement: blanks, or a placeholder on the first line and blanks after it; line breaks kept. */
function fill(text: string, start: number, end: number, blank: boolean): string {
  let firstLine = true;
  let piece = '';
  for (let k = start; k < end; k++) {
    const c = text[k];
    if (c === '\n' || c === '\r') {
      piece += c;
      firstLine = false;
    } else piece += blank || !firstLine ? ' ' : PLACEHOLDER;
  }
  return piece;
}
