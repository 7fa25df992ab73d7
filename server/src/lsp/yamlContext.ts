// Where the cursor is in YAML terms (ancestor keys, key or value, embedded block), read from
// indentation alone. Hover and completion run on half-typed, templated text that no YAML parser
// accepts, so this reader never parses: it only looks at the lines above the cursor.

export interface LineShape {
  indent: number;
  /** Columns of the `- ` sequence markers before the content. */
  dashes: number[];
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  /** Column just after the `:` (or `=` for TOML-style lines). */
  valueStart?: number;
  /** The value opens a block scalar (`|`, `>-`, ...): the lines below are one string. */
  blockScalar?: boolean;
  /** Content column of the line, -1 when blank or a comment. */
  content: number;
  separator?: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;
const TOML_KEY_RE = /^([A-Za-z_][\w.-]*)[ \t]*=(?!=)/;
const BLOCK_RE = /^[|>][-+0-9]*[ \t]*(#.*)?$/;

function unquote(k: string): string {
  if (k.startsWith('"') && k.endsWith('"')) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  if (k.startsWith("'") && k.endsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

export function shapeOf(line: string): LineShape {
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return { indent: 0, dashes: [], content: 0, separator: true };
  const indent = /^[ \t]*/.exec(line)![0].length;
  const shape: LineShape = { indent, dashes: [], content: -1 };
  let pos = indent;
  while (line[pos] === '-' && (line[pos + 1] === ' ' || line[pos + 1] === '\t' || pos + 1 === line.length)) {
    shape.dashes.push(pos);
    pos++;
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  }
  if (pos >= line.length) {
    shape.content = shape.dashes.length > 0 ? shape.dashes[0] : -1;
    return shape;
  }
  if (line[pos] === '#') {
    shape.content = shape.dashes.length > 0 ? shape.dashes[0] : -1;
    return shape;
  }
  shape.content = shape.dashes.length > 0 ? shape.dashes[0] : pos;
  const rest = line.slice(pos);
  const m = KEY_RE.exec(rest) ?? TOML_KEY_RE.exec(rest);
  if (m) {
    shape.key = unquote(m[1]);
    shape.keyStart = pos;
    shape.keyEnd = pos + m[1].length;
    shape.valueStart = pos + m[0].length;
    shape.blockScalar = BLOCK_RE.test(line.slice(shape.valueStart).trim());
  }
  return shape;
}

export interface YamlContext {
  /** Ancestor keys from the root of the (embedded) document; `*` is a sequence item. */
  path: string[];
  /** Cursor on a key: the key and its columns on the cursor line. */
  key?: { name: string; start: number; end: number };
  /** Cursor in the value part of `key: value` on its line. */
  value?: { key: string; start: number; prefix: string };
  /** Cursor where a new key goes: what is typed so far and where it starts. */
  newKey?: { prefix: string; start: number };
  /** Inside a block scalar that holds another document (e.g. `dex.config: |`). */
  embedded?: { host: string; hostPath: string[] };
  /** `kind:` of the enclosing top-level YAML document, when it has one. */
  kind?: string;
}

function kindOf(lines: readonly string[], line: number): string | undefined {
  let start = line;
  while (start > 0 && !shapeOf(lines[start]).separator) start--;
  for (let i = start; i < lines.length; i++) {
    if (i > line && shapeOf(lines[i]).separator) break;
    const m = /^kind:[ \t]*["']?([A-Za-z][\w]*)/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

/** Splits like LSP: \r\n, \n or a lone \r each end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function contextAt(text: string, line: number, character: number): YamlContext {
  const lines = splitLines(text);
  // A position past the end (a request racing an edit that removed lines) has no context.
  if (!Number.isInteger(line) || line < 0 || line >= lines.length) return { path: [] };
  const current = lines[line] ?? '';
  const shape = shapeOf(current);
  const ctx: YamlContext = { path: [] };
  let limit: number;
  let dashesBelow = shape.dashes;

  if (shape.key !== undefined && character >= shape.keyStart! && character <= shape.keyEnd!) {
    ctx.key = { name: shape.key, start: shape.keyStart!, end: shape.keyEnd! };
    limit = shape.keyStart!;
  } else if (shape.key !== undefined && character >= shape.valueStart! - 1 && character > shape.keyEnd!) {
    const start = Math.min(shape.valueStart!, current.length);
    const before = current.slice(start, character);
    const lead = before.length - before.trimStart().length;
    ctx.value = { key: shape.key, start: start + lead, prefix: before.trimStart() };
    limit = shape.keyStart!;
  } else {
    const before = current.slice(0, character);
    const word = /[^\s:'"#]*$/.exec(before)![0];
    const start = character - word.length;
    ctx.newKey = { prefix: word, start };
    limit = start;
    dashesBelow = shape.dashes.filter((d) => d < start);
  }
  const path: string[] = [];
  for (let d = dashesBelow.length - 1; d >= 0; d--) {
    if (dashesBelow[d] < limit) {
      path.unshift('*');
      limit = dashesBelow[d];
    }
  }

  let embedded: { host: string; inner: string[] } | undefined;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const s = shapeOf(lines[i]);
    if (s.separator) break;
    if (s.content < 0 || s.content >= limit) continue;
    if (s.key !== undefined && s.keyStart! < limit) {
      if (s.blockScalar && !embedded) {
        embedded = { host: s.key, inner: path.splice(0, path.length) };
      } else {
        path.unshift(s.key);
      }
      limit = s.keyStart!;
    }
    for (let d = s.dashes.length - 1; d >= 0; d--) {
      if (s.dashes[d] < limit) {
        path.unshift('*');
        limit = s.dashes[d];
      }
    }
  }
  if (embedded) {
    ctx.path = embedded.inner;
    ctx.embedded = { host: embedded.host, hostPath: path };
  } else {
    ctx.path = path;
  }
  ctx.kind = kindOf(lines, line);
  return ctx;
}
