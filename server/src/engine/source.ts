// A Source is one piece of YAML (or key/value text) that rules read: the file itself, or a string
// inside it (`dex.config: |`, `helm.values: |`, `configFile: |`). Every Source knows how to map its
// own offsets back to the file's original text, so findings and fixes land on the user's text.
import { parseAllDocuments, isScalar, Scalar, type Document, type Node, type Pair } from 'yaml';
import { maskTemplates, type TemplateSpan } from './mask';
import { LineIndex } from './lines';

export type YamlDoc = Document.Parsed;

export interface Source {
  /** Text as parsed: templates masked, and for a child, the parent's indentation removed. */
  readonly masked: string;
  /** Template actions, in this source's offsets (clipped to what the source holds). */
  readonly spans: readonly TemplateSpan[];
  /** Maps an offset of this source to an offset of the file's original text. */
  toOuter(offset: number): number;
  /** True when every offset maps to its own character, so that edits can be placed exactly. */
  readonly exact: boolean;
  readonly file: FileText;
}

export interface FileText {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export interface YamlSource extends Source {
  readonly docs: YamlDoc[];
}

const PARSE_OPTIONS = { strict: false, uniqueKeys: false, prettyErrors: false } as const;

function parseDocs(masked: string): YamlDoc[] {
  // The parser reports problems as error objects; their stack traces are never read here and
  // capturing them costs more than the rest of the lint on broken input.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseAllDocuments(masked, PARSE_OPTIONS) as unknown as YamlDoc[];
  } catch {
    // A throw means input the parser cannot handle at all.
    return [];
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function fileSource(path: string, text: string): YamlSource {
  const { text: masked, spans } = maskTemplates(text);
  let lines: LineIndex | undefined;
  // Built on first use: most files have no finding, and then no position is ever needed.
  const file: FileText = {
    path,
    text,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
  return { masked, spans, toOuter: (o) => o, exact: true, file, docs: parseDocs(masked) };
}

/** Offsets of a node in the file's original text. */
export function outerRange(src: Source, node: { range?: [number, number, number] | null }): { start: number; end: number } {
  const r = node.range ?? [0, 0, 0];
  return { start: src.toOuter(r[0]), end: src.toOuter(r[1]) };
}

/** Outer offset just past a node's last character. */
function outerEnd(src: Source, r: [number, number, number]): number {
  return r[1] > r[0] ? src.toOuter(r[1] - 1) + 1 : src.toOuter(r[0]);
}

/** A pair's outer range from its key to the end of a scalar value (else of the key): findings "on this setting". */
export function pairRange(src: Source, pair: Pair): { start: number; end: number } {
  const k = (pair.key as Node | null | undefined)?.range;
  const v = (pair.value as Node | null | undefined)?.range;
  const start = k ? src.toOuter(k[0]) : v ? src.toOuter(v[0]) : 0;
  const end = v && isScalar(pair.value) ? outerEnd(src, v) : k ? outerEnd(src, k) : start;
  return { start, end };
}

/** Does [start, end) of this source overlap a template action? */
export function templatedIn(src: Source, start: number, end: number): boolean {
  const spans = src.spans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo].start < Math.max(end, start + 1);
}

/**
 * Where a node's text reaches, as [start, end) of its source: a masked action that ends the node
 * (`{{- include … | nindent }}` on the last line of a map) lies outside its range, so the reach runs
 * on through blank space up to the next content.
 */
function reach(src: Source, node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return undefined;
  const text = src.masked;
  let end = Math.max(r[1], r[2] ?? r[1]);
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\n' || text[end] === '\r')) end++;
  return [r[0], end];
}

/** Does any template action touch this node (a value of it may be unknown)? */
export function templatedNode(src: Source, node: unknown): boolean {
  const r = reach(src, node);
  return !!r && templatedIn(src, r[0], r[1]);
}

/**
 * Does a template action within [start, end) of this source possibly produce keys or items:
 * control flow, or an action that starts its line (`{{ toYaml .Values.extra | nindent 4 }}`)?
 * An action inside a value (`secret: {{ x }}`) only makes that value unknown, and does not count.
 */
export function structuralTemplateIn(src: Source, start: number, end: number): boolean {
  if (!templatedIn(src, start, end)) return false;
  const text = src.masked;
  return src.spans.some((sp) => {
    if (sp.end <= start || sp.start >= end) return false;
    if (sp.control) return true;
    let i = sp.start;
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
  });
}

/** structuralTemplateIn over a node's reach: may a template add entries to this map or list? */
export function structuralTemplateNode(src: Source, node: unknown): boolean {
  const r = reach(src, node);
  return !!r && structuralTemplateIn(src, r[0], r[1]);
}

export function spansIn(src: Source, start: number, end: number): TemplateSpan[] {
  return src.spans.filter((s) => s.end > start && s.start < end);
}

/** The user's text for a range of this source (for an inexact child: the whole string's text). */
export function originalSlice(src: Source, start: number, end: number): string {
  const a = src.toOuter(start);
  const b = src.exact ? src.toOuter(Math.max(start, end - 1)) + (end > start ? 1 : 0) : src.toOuter(end);
  return src.file.text.slice(a, Math.max(a, b));
}

const childCache = new WeakMap<Scalar, Source>();
const yamlCache = new WeakMap<Scalar, YamlSource>();

/**
 * The text of a string scalar as a Source of its own. Literal block scalars map exactly, line by
 * line (their content is the parent's lines less the block's indentation); other styles map every
 * offset to the scalar's start.
 */
export function childSource(parent: Source, node: Scalar): Source | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const cached = childCache.get(node);
  if (cached) return cached;
  const child = node.type === Scalar.BLOCK_LITERAL ? literalChild(parent, node) : inexactChild(parent, node);
  childCache.set(node, child);
  return child;
}

function inexactChild(parent: Source, node: Scalar): Source {
  const [s, e] = node.range!;
  const at = parent.toOuter(s);
  const masked = String(node.value);
  // Offsets inside an escaped or folded string cannot be traced: a template anywhere in it makes the whole text unknown.
  const spans: TemplateSpan[] = templatedIn(parent, s, e) ? [{ start: 0, end: masked.length, expr: '', control: false }] : [];
  return { masked, spans, toOuter: () => at, exact: false, file: parent.file };
}

function literalChild(parent: Source, node: Scalar): Source {
  const text = parent.masked;
  const [s, e] = node.range!;
  let p = text.indexOf('\n', s);
  if (p === -1 || p >= e) return inexactChild(parent, node);
  p += 1;
  // Content lines of the block, as [start, end) in the parent's masked text.
  const lines: Array<[number, number]> = [];
  while (p < e) {
    let q = text.indexOf('\n', p);
    if (q === -1 || q > e) q = e;
    const end = q > p && text[q - 1] === '\r' ? q - 1 : q;
    lines.push([p, end]);
    p = q + 1;
  }
  let indent = -1;
  for (const [a, b] of lines) {
    let k = a;
    while (k < b && text[k] === ' ') k++;
    if (k < b) {
      indent = k - a;
      break;
    }
  }
  if (indent < 0) indent = 0;
  const childStarts: number[] = [];
  const parentStarts: number[] = [];
  const parts: string[] = [];
  let len = 0;
  for (const [a, b] of lines) {
    const from = Math.min(a + indent, b);
    childStarts.push(len);
    parentStarts.push(from);
    const piece = text.slice(from, b);
    parts.push(piece, '\n');
    len += piece.length + 1;
  }
  const masked = parts.join('');
  const toParent = (o: number): number => {
    let lo = 0;
    let hi = childStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (childStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    if (childStarts.length === 0) return s;
    const line = lines[lo];
    return Math.min(parentStarts[lo] + (o - childStarts[lo]), line[1]);
  };
  const toChild = (o: number): number => {
    for (let i = 0; i < lines.length; i++) {
      if (o <= lines[i][1]) return childStarts[i] + Math.max(0, o - parentStarts[i]);
    }
    return len;
  };
  const spans = spansIn(parent, s, e).map((sp) => ({ ...sp, start: toChild(Math.max(sp.start, s)), end: toChild(Math.min(sp.end, e)) }));
  return {
    masked,
    spans,
    toOuter: (o) => parent.toOuter(toParent(o)),
    exact: parent.exact,
    file: parent.file,
  };
}

/** YAML held in a string (`dex.config: |`, `helm.values: |`), parsed once per node. */
export function embeddedYaml(parent: Source, node: unknown): YamlSource | undefined {
  if (!isScalar(node)) return undefined;
  const cached = yamlCache.get(node);
  if (cached) return cached;
  const child = childSource(parent, node);
  if (!child) return undefined;
  const y: YamlSource = { ...child, toOuter: child.toOuter, docs: parseDocs(child.masked) };
  yamlCache.set(node, y);
  return y;
}
