// JSON Schema validation of YAML nodes with ajv, errors placed on the node (or key) they are about.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { pairOf, items, deref } from './yamlnav';
import type { Source } from './source';

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const compiled = new Map<object, ValidateFunction>();

export interface SchemaProblem {
  start: number;
  end: number;
  message: string;
  error: ErrorObject;
}

/** Plain data of a node, aliases resolved with a bound (an alias bomb becomes undefined, not a hang). */
export function nodeToJs(node: unknown, doc?: Document): unknown {
  try {
    const n = node as Node & { toJS?: (d: Document, o: object) => unknown };
    if (!n || typeof n !== 'object' || !doc) return isScalar(node) ? node.value : undefined;
    return n.toJS!(doc, { maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}

/** The node an ajv instancePath points at, and for a missing or extra property, its key. */
export function nodeAt(root: unknown, pointer: string, doc?: Document): { node: unknown; key?: unknown } {
  let cur: unknown = root;
  let key: unknown;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = deref(cur, doc);
    if (isMap(cur)) {
      const p = pairOf(cur, seg);
      if (!p) return { node: cur, key };
      key = p.key;
      cur = p.value;
    } else if (isSeq(cur)) {
      const item = items(cur)[Number(seg)];
      if (item === undefined) return { node: cur, key };
      key = undefined;
      cur = item;
    } else return { node: cur, key };
  }
  return { node: cur, key };
}

export function validateNode(schema: object, src: Source, node: unknown, doc?: Document): SchemaProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const data = nodeToJs(node, doc);
  if (data === undefined || validate(data)) return [];
  const problems: SchemaProblem[] = [];
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'if') continue;
    let at = nodeAt(node, err.instancePath, doc);
    let target: unknown = at.node;
    if (err.keyword === 'additionalProperties') {
      const extra = String((err.params as { additionalProperty?: string }).additionalProperty);
      const p = pairOf(at.node, extra);
      target = p?.key ?? at.node;
    } else if (err.keyword === 'required' && at.key) target = at.key;
    else if (isMap(target) || isSeq(target)) target = at.key ?? target;
    const r = (target as { range?: [number, number, number] } | undefined)?.range ?? (node as { range?: [number, number, number] }).range ?? [0, 0, 0];
    problems.push({ start: src.toOuter(r[0]), end: src.toOuter(r[1]), message: describe(err), error: err });
  }
  return problems;
}

function describe(err: ErrorObject): string {
  const where = err.instancePath ? err.instancePath.slice(1).split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') : 'value';
  switch (err.keyword) {
    case 'required':
      return `${where}: missing \`${(err.params as { missingProperty: string }).missingProperty}\``;
    case 'additionalProperties':
      return `${where}: unknown key \`${(err.params as { additionalProperty: string }).additionalProperty}\``;
    case 'enum':
      return `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${err.message ?? 'is invalid'}`;
  }
}
