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
  /**
   * Facts of one kind grouped by a key (e.g. a Secret's name), built once per change of that kind:
   * a rule that looks one name up per file stays linear over a workspace. `name` identifies `keyOf`.
   */
  by<K extends FactKind>(kind: K, name: string, keyOf: (fact: FactKinds[K]) => string | readonly string[] | undefined): ReadonlyMap<string, ReadonlyArray<FactKinds[K]>>;
}

/**
 * Every file's facts, with a flattened list per kind rebuilt only when that kind changed: a lint
 * that asks for all secrets costs one array read, not a walk over the workspace.
 */
export class FactStore {
  private readonly byFile = new Map<string, FileFacts>();
  private readonly flat = new Map<string, unknown[]>();
  private readonly grouped = new Map<string, Map<string, Map<string, unknown[]>>>();

  /** Stores a file's facts and returns the kinds that changed. */
  set(file: string, facts: FileFacts): string[] {
    const changed = changedKinds(this.byFile.get(file), facts);
    this.byFile.set(file, facts);
    this.invalidate(changed);
    return changed;
  }

  remove(file: string): string[] {
    const before = this.byFile.get(file);
    if (!before) return [];
    this.byFile.delete(file);
    const changed = Object.keys(before).filter((k) => ((before as Record<string, unknown[]>)[k] ?? []).length > 0);
    this.invalidate(changed);
    return changed;
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  private invalidate(kinds: string[]): void {
    for (const k of kinds) {
      this.flat.delete(k);
      this.grouped.delete(k);
    }
  }

  by<K extends FactKind>(kind: K, name: string, keyOf: (fact: FactKinds[K]) => string | readonly string[] | undefined): ReadonlyMap<string, ReadonlyArray<FactKinds[K]>> {
    let perKind = this.grouped.get(kind);
    if (!perKind) this.grouped.set(kind, (perKind = new Map()));
    let groups = perKind.get(name);
    if (!groups) {
      groups = new Map();
      for (const f of this.all(kind)) {
        const keys = keyOf(f);
        if (keys === undefined) continue;
        for (const key of typeof keys === 'string' ? [keys] : new Set(keys)) {
          const list = groups.get(key);
          if (list) list.push(f);
          else groups.set(key, [f]);
        }
      }
      perKind.set(name, groups);
    }
    return groups as Map<string, Array<FactKinds[K]>>;
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

  by<K extends FactKind>(kind: K, name: string, keyOf: (fact: FactKinds[K]) => string | readonly string[] | undefined): ReadonlyMap<string, ReadonlyArray<FactKinds[K]>> {
    this.asked.add(kind);
    return this.store.by(kind, name, keyOf);
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
