// Cross-file facts: small, position-carrying records that one file contributes to the workspace
// index (a Secret's keys and labels, the shared proxy's cookie settings, ingress hosts, charts).
// They are plain data, so the index keeps them for thousands of files without keeping any tree.
//
// Components declare their kinds by augmenting FactKinds:
//   declare module '../facts' { interface FactKinds { secrets: SecretFact } }
import type { Span } from './types';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FactKinds {}

export type FactKind = keyof FactKinds & string;

export interface FactBase {
  /** Path of the file the fact comes from. */
  file: string;
  span: Span;
}

export type FileFacts = { [K in FactKind]?: Array<FactKinds[K]> };

export interface IndexQuery {
  /** Facts of one kind from every indexed file (this one included). */
  all<K extends FactKind>(kind: K): ReadonlyArray<FactKinds[K]>;
}

/**
 * Every file's facts, with a flattened list per kind rebuilt only when that kind changed: a lint
 * that asks for all secrets costs one array read, not a walk over the workspace.
 */
export class FactStore {
  private readonly byFile = new Map<string, FileFacts>();
  private readonly flat = new Map<string, unknown[]>();

  /** Stores a file's facts and returns the kinds that changed. */
  set(file: string, facts: FileFacts): string[] {
    const changed = changedKinds(this.byFile.get(file), facts);
    this.byFile.set(file, facts);
    for (const k of changed) this.flat.delete(k);
    return changed;
  }

  remove(file: string): string[] {
    const before = this.byFile.get(file);
    if (!before) return [];
    this.byFile.delete(file);
    const changed = Object.keys(before).filter((k) => ((before as Record<string, unknown[]>)[k] ?? []).length > 0);
    for (const k of changed) this.flat.delete(k);
    return changed;
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  files(): IterableIterator<string> {
    return this.byFile.keys();
  }

  all<K extends FactKind>(kind: K): ReadonlyArray<FactKinds[K]> {
    let list = this.flat.get(kind);
    if (!list) {
      list = [];
      for (const facts of this.byFile.values()) {
        const l = facts[kind];
        if (l) for (const f of l) list.push(f);
      }
      this.flat.set(kind, list);
    }
    return list as Array<FactKinds[K]>;
  }
}

/** A query over a store that records which kinds one lint asked for (its cross-file dependencies). */
export class TrackingQuery implements IndexQuery {
  readonly asked = new Set<string>();
  constructor(private readonly store: FactStore) {}

  all<K extends FactKind>(kind: K): ReadonlyArray<FactKinds[K]> {
    this.asked.add(kind);
    return this.store.all(kind);
  }
}

/** Kinds whose facts differ between two versions of one file's facts. */
export function changedKinds(before: FileFacts | undefined, after: FileFacts): string[] {
  const kinds = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of kinds) {
    const a = JSON.stringify((before as Record<string, unknown> | undefined)?.[k] ?? []);
    const b = JSON.stringify((after as Record<string, unknown>)[k] ?? []);
    if (a !== b) out.push(k);
  }
  return out;
}
