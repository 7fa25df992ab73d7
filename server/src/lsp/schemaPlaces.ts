// Which schema describes the YAML at a cursor. The structures we know are recognised by cheap
// signs (a `kind:`, an `annotations:` parent, the key that holds an embedded document), so that
// a `name:` in an unrelated Deployment never gets a Dex client's description.
import type { KeyDoc, SchemaDocs } from '../schemaDocs';
import type { YamlContext } from './yamlContext';

export interface SchemaPlace {
  schema: string;
  /** Where the cursor's ancestors sit inside that schema. */
  path: string[];
}

/** Keys holding another document, by host key → schema file name (without `.schema.json`). */
const EMBEDDED: Record<string, string> = {
  'dex.config': 'dex-config',
  configFile: 'oauth2-proxy-config',
};

/** Kinds whose metadata.annotations may carry ingress-nginx annotations (or values files, no kind). */
const INGRESS_ANNOTATION_KINDS = new Set([undefined, 'Ingress', 'Application', 'ApplicationSet', 'HelmRelease']);

export function schemaPlaces(ctx: YamlContext, docs: SchemaDocs): SchemaPlace[] {
  const places: SchemaPlace[] = [];
  const add = (schema: string, p: string[]) => {
    if (docs.has(schema)) places.push({ schema, path: p });
  };
  if (ctx.embedded) {
    const schema = EMBEDDED[ctx.embedded.host];
    if (schema) add(schema, ctx.path);
    return places;
  }
  if (ctx.kind === 'SealedSecret') add('sealed-secret', ctx.path);
  if (ctx.path[ctx.path.length - 1] === 'annotations' && INGRESS_ANNOTATION_KINDS.has(ctx.kind)) add('ingress-annotations', []);
  return places;
}

/** A key specific enough to describe without knowing the structure around it. */
export function isDistinctive(name: string): boolean {
  return /[._/-]/.test(name) || /[a-z][A-Z]/.test(name);
}

/** How many named keys (not `*` items) the two paths share, counted from the end. */
function suffixScore(schemaPath: readonly string[], docPath: readonly string[]): number {
  let n = 0;
  let named = 0;
  while (n < schemaPath.length && n < docPath.length && schemaPath[schemaPath.length - 1 - n] === docPath[docPath.length - 1 - n]) {
    if (docPath[docPath.length - 1 - n] !== '*') named++;
    n++;
  }
  return named;
}

/**
 * Other spellings of a key: oauth2-proxy's flags (`extraArgs.cookie-secret`, `--email-domain=`)
 * are its config file's keys with `_` for `-`, some in the plural (`email_domains`).
 */
export function aliases(name: string): string[] {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(name)) return [name];
  const snake = name.replace(/-/g, '_');
  return [name, snake, `${snake}s`];
}

/** Documentation for a key by name alone (and where it sits), for keys outside a recognised structure. */
export function keyDocByName(name: string, docPath: readonly string[], docs: SchemaDocs): KeyDoc | undefined {
  let best: { doc: KeyDoc; score: number } | undefined;
  for (const alias of aliases(name)) {
    for (const entry of docs.lookup(alias)) {
      if (!entry.doc.description) continue;
      const score = suffixScore(entry.path, [...docPath.slice(0, -1), alias]);
      if (!best || score > best.score) best = { doc: alias === name ? entry.doc : { ...entry.doc, name }, score };
    }
  }
  if (!best) return undefined;
  return isDistinctive(name) || best.score >= 2 ? best.doc : undefined;
}

/** The documentation for the key under the cursor (`ctx.key`), from the structure first, else by name. */
export function keyDocAt(ctx: YamlContext, docs: SchemaDocs): KeyDoc | undefined {
  if (!ctx.key) return undefined;
  const name = ctx.key.name;
  for (const place of schemaPlaces(ctx, docs)) {
    const d = docs.describe(place.schema, [...place.path, name]);
    if (d?.description) return d;
  }
  return keyDocByName(name, [...ctx.path, name], docs);
}
