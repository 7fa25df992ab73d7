import type { Position, Span } from './types';

// A lone CR ends a line too, as YAML reads it.

/** Start of the line holding offset `i`. */
export function lineStartAt(text: string, i: number): number {
  let k = i;
  while (k > 0 && text[k - 1] !== '\n' && text[k - 1] !== '\r') k--;
  return k;
}

/** End of the content of the line holding offset `i` (where its line break starts). */
export function lineEndAt(text: string, i: number): number {
  let k = i;
  while (k < text.length && text[k] !== '\n' && text[k] !== '\r') k++;
  return k;
}

/** The line break a text uses, for new text of several lines. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Just past the line break that ends the line holding offset `i` (the text's end on its last line). */
export function nextLineAt(text: string, i: number): number {
  let k = lineEndAt(text, i);
  if (text[k] === '\r') k++;
  if (text[k] === '\n') k++;
  return k;
}

/** Converts between UTF-16 offsets and 0-based line/character positions of one text. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // CRLF counts once; a lone CR is a line break too (YAML treats it as one).
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, pos.line)] + pos.character, this.text.length);
  }

  span(start: number, end: number): Span {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
