// Alias bombs ("billion laughs"): the engine never expands aliases, but a document whose aliases
// would expand past a bound is reported, because Kubernetes, Helm and Argo CD do expand them.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document } from 'yaml';

export const ALIAS_EXPANSION_LIMIT = 100_000;

/** The first alias of a document whose expanded size passes the limit, if any. */
export function aliasBomb(doc: Document): Alias | undefined {
  const anchors = new Map<string, unknown>();
  const aliases: Alias[] = [];
  const stack: unknown[] = [doc.contents];
  let visited = 0;
  while (stack.length && visited < 1_000_000) {
    const n = stack.pop() as { anchor?: string } | null;
    visited++;
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n)) {
      aliases.push(n);
      continue;
    }
    if (n.anchor) anchors.set(n.anchor, n);
    if (isMap(n) || isSeq(n)) for (const it of n.items) stack.push(it);
    else if (isPair(n)) stack.push(n.key, n.value);
  }
  if (aliases.length === 0) return undefined;
  const memo = new Map<unknown, number>();
  const size = (node: unknown, depth: number): number => {
    if (!node || typeof node !== 'object' || depth > 200) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, 1); // a cycle counts once
    let s = 1;
    if (isAlias(node)) s = size(anchors.get(node.source), depth + 1);
    else if (isScalar(node)) s = 1;
    else if (isMap(node) || isSeq(node)) {
      for (const it of node.items) {
        s += size(it, depth + 1);
        if (s > ALIAS_EXPANSION_LIMIT) break;
      }
    } else if (isPair(node)) s = size(node.key, depth + 1) + size(node.value, depth + 1);
    memo.set(node, s);
    return s;
  };
  if (size(doc.contents, 0) <= ALIAS_EXPANSION_LIMIT) return undefined;
  return aliases[0];
}
