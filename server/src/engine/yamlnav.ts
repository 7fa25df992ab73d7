// Small accessors over the `yaml` package's nodes. Aliases are followed one step at a time and
// never expanded, so an alias bomb costs nothing here.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq, type Document } from 'yaml';

export type AnyNode = Node | null | undefined;

export function deref(node: unknown, doc?: Document, depth = 0): AnyNode {
  if (isAlias(node)) {
    if (!doc || depth > 8) return undefined;
    try {
      return deref(node.resolve(doc), doc, depth + 1);
    } catch {
      return undefined;
    }
  }
  return node as AnyNode;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** The key of a pair as a string, when it is a plain scalar. */
export function keyString(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? undefined : String(k.value);
  return undefined;
}

/** The last pair with this key (YAML parsers, like Go's, keep the last duplicate). */
export function pairOf(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  let found: Pair<Node, Node> | undefined;
  for (const item of map.items) if (isPair(item) && keyString(item) === key) found = item as Pair<Node, Node>;
  return found;
}

export function get(map: unknown, key: string): AnyNode {
  return pairOf(map, key)?.value ?? undefined;
}

export function getIn(node: unknown, path: readonly string[]): AnyNode {
  let cur: unknown = node;
  for (const k of path) {
    cur = get(cur, k);
    if (cur === undefined || cur === null) return undefined;
  }
  return cur as AnyNode;
}

export function pairs(map: unknown): Array<Pair<Node, Node>> {
  if (!isMap(map)) return [];
  return map.items.filter((p) => isPair(p)) as Array<Pair<Node, Node>>;
}

export function items(seq: unknown): AnyNode[] {
  return isSeq(seq) ? (seq.items as AnyNode[]) : [];
}

/** A scalar's value as text (numbers and booleans as written), or undefined for other nodes. */
export function str(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return node.source ?? String(v);
}

export function isTrue(node: unknown): boolean {
  if (!isScalar(node)) return false;
  return node.value === true || (typeof node.value === 'string' && node.value.toLowerCase() === 'true');
}

export function isFalse(node: unknown): boolean {
  if (!isScalar(node)) return false;
  return node.value === false || (typeof node.value === 'string' && node.value.toLowerCase() === 'false');
}

export function range(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}
