// oauth2-proxy's legacy config file (`--config`, the chart's `config.configFile`): TOML as viper
// reads it, here only the subset such files use — `key = value` lines with strings, arrays (also
// over several lines, with comments and trailing commas), booleans and numbers — read with the
// position of every key and value, so rules can point into a block scalar and edit one value while
// the user's other lines stay as they are. Template actions (masked by the engine) make a value
// unknown, never wrong.
import { patternOf } from '../value';
import { originalSlice, templatedIn, type Source } from '../source';

export interface TomlScalar {
  kind: 'string' | 'bool' | 'number' | 'raw';
  /** Decoded text (meaningful when known). */
  text: string;
  known: boolean;
  /** The user's text with template actions written `{{expr}}` (equal to text when known). */
  pattern: string;
  /** Offsets of the value token (quotes included) in the source. */
  start: number;
  end: number;
}

export interface TomlArray {
  kind: 'array';
  items: TomlScalar[];
  /** False when a template may add or remove items. */
  known: boolean;
  start: number;
  end: number;
}

export type TomlValue = TomlScalar | TomlArray | { kind: 'table'; start: number; end: number; known: boolean };

export interface TomlEntry {
  /** The key as written (quotes removed); a `[table]` header's name for tables. */
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TomlValue;
  /** Start of the entry's first line and end of its last line (before the line break). */
  lineStart: number;
  lineEnd: number;
}

export interface TomlProblem {
  start: number;
  end: number;
  message: string;
}

export interface ConfigText {
  src: Source;
  entries: TomlEntry[];
  problems: TomlProblem[];
  /** True when template control flow or an unreadable line may hide entries. */
  partial: boolean;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Reader {
  i = 0;
  constructor(readonly t: string) {}
  peek(k = 0): string {
    return this.t[this.i + k] ?? '';
  }
  eof(): boolean {
    return this.i >= this.t.length;
  }
  /** Spaces and tabs only. */
  spaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  comment(): void {
    if (this.peek() === '#') while (!this.eof() && this.peek() !== '\n') this.i++;
  }
  /** Whitespace, line breaks and comments (inside arrays). */
  blank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#') this.comment();
      else return;
    }
  }
  lineEnd(): number {
    const n = this.t.indexOf('\n', this.i);
    return n < 0 ? this.t.length : n;
  }
}

function decodeBasic(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'u':
      case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

export function readConfigText(src: Source): ConfigText {
  const r = new Reader(src.masked);
  const entries: TomlEntry[] = [];
  const problems: TomlProblem[] = [];
  let partial = src.spans.some((s) => s.control);

  const scalarOf = (kind: TomlScalar['kind'], text: string, start: number, end: number, quoted: boolean): TomlScalar => {
    const known = !templatedIn(src, start, end);
    let pattern = text;
    if (!known) {
      const raw = originalSlice(src, start, end);
      pattern = patternOf(quoted ? raw.slice(1, -1) : raw.trim());
    }
    return { kind, text, known, pattern, start, end };
  };

  const readString = (): TomlScalar | undefined => {
    const q = r.peek();
    const start = r.i;
    const triple = r.t.startsWith(q.repeat(3), r.i);
    if (triple) {
      const close = r.t.indexOf(q.repeat(3), r.i + 3);
      if (close < 0) return undefined;
      r.i = close + 3;
      let body = r.t.slice(start + 3, close).replace(/^\r?\n/, '');
      if (q === '"') body = decodeBasic(body.replace(/\\\r?\n\s*/g, ''));
      return scalarOf('string', body, start, r.i, true);
    }
    let k = r.i + 1;
    while (k < r.t.length && r.t[k] !== q && r.t[k] !== '\n') {
      if (q === '"' && r.t[k] === '\\') k++;
      k++;
    }
    if (r.t[k] !== q) return undefined;
    r.i = k + 1;
    const body = r.t.slice(start + 1, k);
    return scalarOf('string', q === '"' ? decodeBasic(body) : body, start, r.i, true);
  };

  const readBare = (): TomlScalar | undefined => {
    const start = r.i;
    while (!r.eof() && !/[\s,\]#}]/.test(r.peek())) r.i++;
    if (r.i === start) return undefined;
    const text = r.t.slice(start, r.i);
    const kind = text === 'true' || text === 'false' ? 'bool' : /^[-+]?[0-9][0-9_]*(\.[0-9_]+)?([eE][-+]?[0-9]+)?$/.test(text) ? 'number' : 'raw';
    return scalarOf(kind, text, start, r.i, false);
  };

  const readScalar = (): TomlScalar | undefined => (r.peek() === '"' || r.peek() === "'" ? readString() : readBare());

  const readArray = (): TomlArray | undefined => {
    const start = r.i;
    r.i++;
    const items: TomlScalar[] = [];
    for (;;) {
      r.blank();
      if (r.peek() === ']') {
        r.i++;
        break;
      }
      if (r.eof()) return undefined;
      if (r.peek() === '[') {
        // Nested arrays do not occur in oauth2-proxy's options; read over them.
        const inner = readArray();
        if (!inner) return undefined;
      } else {
        const s = readScalar();
        if (!s) return undefined;
        items.push(s);
      }
      r.blank();
      if (r.peek() === ',') r.i++;
      else if (r.peek() !== ']') return undefined;
    }
    return { kind: 'array', items, known: !src.spans.some((sp) => sp.control && sp.start < r.i && sp.end > start), start, end: r.i };
  };

  const readInlineTable = (): TomlValue | undefined => {
    const start = r.i;
    let depth = 0;
    while (!r.eof()) {
      const c = r.peek();
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        r.i++;
        return { kind: 'table', start, end: r.i, known: !templatedIn(src, start, r.i) };
      } else if (c === '"' || c === "'") {
        if (!readString()) return undefined;
        continue;
      }
      r.i++;
    }
    return undefined;
  };

  const readKey = (): { key: string; start: number; end: number } | undefined => {
    const start = r.i;
    const parts: string[] = [];
    for (;;) {
      const c = r.peek();
      if (c === '"' || c === "'") {
        const s = readString();
        if (!s) return undefined;
        parts.push(s.text);
      } else {
        const b = r.i;
        while (BARE_KEY.test(r.peek())) r.i++;
        if (r.i === b) return undefined;
        parts.push(r.t.slice(b, r.i));
      }
      const save = r.i;
      r.spaces();
      if (r.peek() === '.') {
        r.i++;
        r.spaces();
        continue;
      }
      r.i = save;
      return { key: parts.join('.'), start, end: r.i };
    }
  };

  const skipLine = (from: number, message: string) => {
    const end = r.lineEnd();
    if (!templatedIn(src, from, end)) problems.push({ start: from, end, message });
    else partial = true;
    r.i = end;
  };

  while (!r.eof()) {
    r.blank();
    if (r.eof()) break;
    const lineStart = r.t.lastIndexOf('\n', r.i - 1) + 1;
    const at = r.i;
    if (r.peek() === '[') {
      const end = r.lineEnd();
      const header = r.t.slice(at, end).replace(/#.*$/, '').trim();
      const name = header.replace(/^\[+|\]+$/g, '').trim();
      entries.push({ key: name, keyStart: at, keyEnd: at + header.length, value: { kind: 'table', start: at, end: at + header.length, known: !templatedIn(src, at, end) }, lineStart, lineEnd: end });
      r.i = end;
      continue;
    }
    const key = readKey();
    if (!key) {
      skipLine(at, 'expected `key = value`');
      continue;
    }
    r.spaces();
    if (r.peek() !== '=') {
      skipLine(at, `expected \`=\` after \`${key.key}\``);
      continue;
    }
    r.i++;
    r.spaces();
    const c = r.peek();
    const value: TomlValue | undefined = c === '[' ? readArray() : c === '{' ? readInlineTable() : readScalar();
    if (!value) {
      r.i = at;
      skipLine(at, `the value of \`${key.key}\` is not a TOML value`);
      continue;
    }
    entries.push({ key: key.key, keyStart: key.start, keyEnd: key.end, value, lineStart, lineEnd: r.lineEnd() });
    r.spaces();
    r.comment();
    if (r.peek() !== '\n' && !r.eof()) skipLine(r.i, 'unexpected text after the value');
  }
  return { src, entries, problems, partial };
}

/** The last entry with this key (case-insensitive, as viper compares keys). */
export function entryOf(cfg: ConfigText, key: string): TomlEntry | undefined {
  const k = key.toLowerCase();
  let found: TomlEntry | undefined;
  for (const e of cfg.entries) if (e.value.kind !== 'table' && e.key.toLowerCase() === k) found = e;
  return found;
}

/** The values of an entry as a list (an array's items, or the single scalar). */
export function entryValues(e: TomlEntry): TomlScalar[] {
  if (e.value.kind === 'array') return e.value.items;
  if (e.value.kind === 'table') return [];
  return [e.value];
}
