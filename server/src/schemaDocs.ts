// Descriptions and enums from the JSON Schemas in schemas/, for hover and completion. The
// schemas are written for ajv; this reads the same files as documentation, following local
// `$ref`s and merging `allOf`/`anyOf`/`oneOf` branches.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

type Json = Record<string, unknown>;

export interface KeyDoc {
  name: string;
  schema: string;
  description?: string;
  enum?: unknown[];
  type?: string;
  default?: unknown;
  deprecated?: boolean;
}

interface Loaded {
  name: string;
  root: Json;
}

const MAX_DEPTH = 12;

function isObj(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function pointer(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return undefined;
    cur = cur[seg];
  }
  return isObj(cur) ? cur : undefined;
}

/** The node and every branch it merges, refs followed (bounded: schemas may be recursive). */
function branches(root: Json, node: Json, depth = 0, out: Json[] = []): Json[] {
  if (depth > MAX_DEPTH || out.includes(node)) return out;
  out.push(node);
  if (typeof node.$ref === 'string') {
    const target = pointer(root, node.$ref);
    if (target) branches(root, target, depth + 1, out);
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list) if (isObj(b)) branches(root, b, depth + 1, out);
  }
  for (const k of ['then', 'else']) if (isObj(node[k])) branches(root, node[k] as Json, depth + 1, out);
  return out;
}

function children(root: Json, nodes: readonly Json[], seg: string): Json[] {
  const out: Json[] = [];
  for (const n of nodes) {
    for (const b of branches(root, n)) {
      if (seg === '*') {
        if (isObj(b.items)) out.push(b.items);
        if (Array.isArray(b.items)) for (const i of b.items) if (isObj(i)) out.push(i);
        if (isObj(b.additionalProperties)) out.push(b.additionalProperties);
        continue;
      }
      const props = b.properties;
      if (isObj(props) && isObj(props[seg])) out.push(props[seg] as Json);
      if (isObj(b.patternProperties)) {
        for (const [re, sub] of Object.entries(b.patternProperties)) {
          try {
            if (isObj(sub) && new RegExp(re, 'u').test(seg)) out.push(sub);
          } catch {
            // An invalid pattern documents nothing.
          }
        }
      }
      if (isObj(b.additionalProperties) && !(isObj(props) && seg in props)) out.push(b.additionalProperties);
    }
  }
  return out;
}

function summarise(root: Json, name: string, schema: string, nodes: readonly Json[]): KeyDoc {
  const doc: KeyDoc = { name, schema };
  const enums: unknown[] = [];
  for (const n of nodes) {
    for (const b of branches(root, n)) {
      const d = typeof b.markdownDescription === 'string' ? b.markdownDescription : typeof b.description === 'string' ? b.description : undefined;
      if (d && !doc.description) doc.description = d;
      if (Array.isArray(b.enum)) for (const e of b.enum) if (!enums.includes(e)) enums.push(e);
      if ('const' in b && !enums.includes(b.const)) enums.push(b.const);
      if (typeof b.type === 'string' && !doc.type) doc.type = b.type;
      if (b.default !== undefined && doc.default === undefined) doc.default = b.default;
      if (b.deprecated === true) doc.deprecated = true;
    }
  }
  if (enums.length > 0) doc.enum = enums;
  return doc;
}

export interface IndexedKey {
  doc: KeyDoc;
  /** Property names from the schema root; `*` for items and additional properties. */
  path: string[];
}

export class SchemaDocs {
  private readonly schemas = new Map<string, Json>();
  private readonly byName = new Map<string, IndexedKey[]>();

  constructor(loaded: readonly Loaded[]) {
    for (const s of loaded) {
      this.schemas.set(s.name, s.root);
      this.index(s.name, s.root);
    }
  }

  /** Every `*.schema.json` (or `*.json`) in `dir`; unreadable files are skipped, not fatal. */
  static load(dir: string | undefined, onError?: (file: string, message: string) => void): SchemaDocs {
    const loaded: Loaded[] = [];
    if (dir && existsSync(dir)) {
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.json')) continue;
        try {
          const root = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
          if (isObj(root)) loaded.push({ name: file.replace(/\.schema\.json$|\.json$/, ''), root });
        } catch (e) {
          onError?.(file, (e as Error).message);
        }
      }
    }
    return new SchemaDocs(loaded);
  }

  /**
   * The package's `schemas/` folder, found by walking up from `from` (dist/, out/server/src/, ...)
   * to the folder that holds package.json. (tsc copies imported schemas to out/schemas: not that one.)
   */
  static findDir(from: string): string | undefined {
    let dir = path.resolve(from);
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'schemas');
      if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return undefined;
  }

  get names(): string[] {
    return [...this.schemas.keys()];
  }

  has(schema: string): boolean {
    return this.schemas.has(schema);
  }

  private index(schema: string, root: Json): void {
    const seen = new Set<Json>();
    const walk = (nodes: Json[], at: string[]): void => {
      if (at.length > MAX_DEPTH) return;
      const all = nodes.flatMap((n) => branches(root, n));
      const fresh = all.filter((n) => !seen.has(n));
      if (fresh.length === 0) return;
      for (const n of fresh) seen.add(n);
      const names = new Set<string>();
      for (const b of all) if (isObj(b.properties)) for (const k of Object.keys(b.properties)) names.add(k);
      for (const name of names) {
        const sub = children(root, nodes, name);
        const doc = summarise(root, name, schema, sub);
        const list = this.byName.get(name) ?? [];
        list.push({ doc, path: [...at, name] });
        this.byName.set(name, list);
        walk(sub, [...at, name]);
      }
      const any = children(root, nodes, '*');
      if (any.length > 0) walk(any, [...at, '*']);
    };
    walk([root], []);
  }

  /** The schema nodes at `segments` inside `schema` (several when branches merge). */
  private nodesAt(schema: string, segments: readonly string[]): { root: Json; nodes: Json[] } | undefined {
    const root = this.schemas.get(schema);
    if (!root) return undefined;
    let nodes: Json[] = [root];
    for (const seg of segments) {
      nodes = children(root, nodes, seg);
      if (nodes.length === 0) return undefined;
    }
    return { root, nodes };
  }

  /** Documentation of the value at `segments` (the last one names it). */
  describe(schema: string, segments: readonly string[]): KeyDoc | undefined {
    const at = this.nodesAt(schema, segments);
    if (!at || segments.length === 0) return undefined;
    const doc = summarise(at.root, segments[segments.length - 1], schema, at.nodes);
    return doc.description || doc.enum ? doc : undefined;
  }

  /** The keys an object at `segments` may have, each documented. */
  propertiesAt(schema: string, segments: readonly string[]): KeyDoc[] {
    const at = this.nodesAt(schema, segments);
    if (!at) return [];
    const names: string[] = [];
    for (const n of at.nodes) {
      for (const b of branches(at.root, n)) {
        if (isObj(b.properties)) for (const k of Object.keys(b.properties)) if (!names.includes(k)) names.push(k);
      }
    }
    return names.map((name) => summarise(at.root, name, schema, children(at.root, at.nodes, name)));
  }

  /** Every place in every schema where a property of this name is documented. */
  lookup(name: string): readonly IndexedKey[] {
    return this.byName.get(name) ?? [];
  }
}
