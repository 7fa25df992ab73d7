// The shape of `dex.config` as Argo CD and Dex read it, checked with ajv against
// schemas/dex-config.schema.json and reported on the exact line inside the block scalar. Argo CD
// (util/dex/config.go, GenerateDexConfigYAML) needs `connectors` as a list of maps, each with a
// `type` and, for OAuth types, a `config` map; Dex (cmd/dex/serve.go, runServe) needs each
// connector's id/type/name and each static client's name, id|idEnv and secret|secretEnv.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Rule } from '../../engine/rule';
import { nodeAt, validateNode } from '../../engine/schema';
import { outerRange, pairRange, structuralTemplateIn, templatedIn } from '../../engine/source';
import { dexViews, type DexView } from '../../engine/views/dex';
import { pairOf } from '../../engine/yamlnav';
import dexSchema from '../../../../schemas/dex-config.schema.json';

type Json = Record<string, unknown>;

/** The schema object that holds the failing keyword (schemaPath less its last segment). */
function schemaNodeOf(err: ErrorObject): Json | undefined {
  const segs = err.schemaPath.replace(/^#\/?/, '').split('/').filter((s) => s !== '');
  segs.pop();
  let cur: unknown = dexSchema;
  for (const raw of segs) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[seg];
  }
  return cur && typeof cur === 'object' ? (cur as Json) : undefined;
}

function range(node: unknown): [number, number, number] | undefined {
  return (node as Node | null | undefined)?.range ?? undefined;
}

function clientLabel(v: DexView, map: unknown, instancePath: string): string {
  const c = v.staticClients.find((x) => x.map === map);
  if (c?.id) return `\`${c.id.pattern}\``;
  if (c?.name) return `"${c.name.pattern}"`;
  const index = /^\/staticClients\/(\d+)/.exec(instancePath)?.[1];
  return index !== undefined ? `#${Number(index) + 1}` : '';
}

export const rule: Rule = {
  meta: {
    id: 'schema/dex-config',
    defaultSeverity: 'error',
    summary: 'dex.config must have the shape Argo CD and Dex read: connectors as a list with type/id/name (and config for OAuth types), static clients with name, id|idEnv and secret|secretEnv.',
    fixable: false,
  },
  check(ctx) {
    for (const v of dexViews(ctx.file)) {
      const e = v.dex;
      if (!e || !v.dexConfigured) continue;
      const doc = e.src.docs[0];
      // A dex.config that does not parse is the YAML parser's finding, not a shape problem.
      if (!doc || doc.errors.length > 0) continue;
      const root = doc.contents;
      const src = e.src;
      for (const p of validateNode(dexSchema, src, root, doc)) {
        const err = p.error;
        const at = nodeAt(root, err.instancePath, doc);
        const node = at.node;
        const shapeError = err.keyword === 'required' || err.keyword === 'not';
        // Unknown is not wrong: a missing key may come from a template line, a value from an action.
        if (shapeError) {
          const r = range(node);
          const c = v.staticClients.find((x) => x.map === node) ?? v.connectors.find((x) => x.map === node);
          if (c ? c.templated : r ? structuralTemplateIn(src, node === root ? 0 : r[0], node === root ? src.masked.length : r[2]) : true) continue;
        } else {
          const r = range(node);
          if (!r || templatedIn(src, r[0], Math.max(r[1], r[0] + 1))) continue;
        }

        const holder = schemaNodeOf(err);
        const messages = (holder?.['x-lint-message'] ?? {}) as Record<string, string>;
        const missing = (err.params as { missingProperty?: string }).missingProperty ?? '';
        const typeVal = isMap(node) ? pairOf(node, 'type')?.value : undefined;
        const template = messages[err.keyword];
        const message = template
          ? template
              .replace('{missing}', missing)
              .replace('{client}', clientLabel(v, node, err.instancePath))
              .replace('{type}', isScalar(typeVal) ? String(typeVal.value) : '')
              .replace('{typeNote}', missing === 'type' ? '; Argo CD cannot tell which connector this is' : '')
          : `${p.message}: Dex cannot read its configuration and does not start.`;

        let start = p.start;
        let end = p.end;
        const atKey = holder?.['x-lint-at'];
        const keyed = typeof atKey === 'string' ? pairOf(node, atKey) : undefined;
        if (keyed) ({ start, end } = outerRange(src, (keyed as Pair).key as Node));
        else if (node === root) ({ start, end } = outerRange(v.settings.src, e.pair.key as Node));
        else if (shapeError && isMap(node) && at.key === undefined) {
          const first = (node as YAMLMap).items[0] as Pair | undefined;
          if (first) ({ start, end } = pairRange(src, first));
        } else if (!shapeError && (isMap(node) || isSeq(node) || (isScalar(node) && (node.value === null || node.value === undefined))) && at.key) {
          const k = range(at.key);
          if (k) ({ start, end } = { start: src.toOuter(k[0]), end: src.toOuter(k[1]) });
        }
        ctx.report({ start, end, message });
      }
    }
  },
};
