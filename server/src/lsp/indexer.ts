// Reads the workspace folders' YAML into the realms on start, so that cross-file facts (which
// Secrets exist, with which labels and keys) are known before the first file is opened.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Realms } from './realms';

const SKIP_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

/** Every *.yaml / *.yml below the roots, skipping node_modules and .git and never following symlinks. */
export async function listYamlFiles(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(p);
      } else if (e.isFile() && YAML_FILE.test(e.name)) {
        out.push(p);
      }
    }
  }
  return out.sort();
}

export interface IndexResult {
  indexed: number;
  ignored: number;
  tooLarge: number;
  unreadable: number;
  ms: number;
}

export interface IndexDeps {
  realms: Realms;
  /** Open documents: their editor text wins over the disk. */
  isOpen: (file: string) => boolean;
  report?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

/** Reads one file into the realms unless it is ignored, too large or open; says which. */
export async function indexFile(file: string, deps: Pick<IndexDeps, 'realms' | 'isOpen'>): Promise<{ outcome: 'indexed' | 'ignored' | 'tooLarge' | 'unreadable' | 'open'; dependents: string[] }> {
  const { realms } = deps;
  if (deps.isOpen(file)) return { outcome: 'open', dependents: [] };
  if (realms.isIgnored(file)) return { outcome: 'ignored', dependents: realms.remove(file) };
  try {
    const stat = await fs.stat(file);
    if (stat.size > realms.maxFileSize(file)) return { outcome: 'tooLarge', dependents: realms.remove(file) };
    const text = await fs.readFile(file, 'utf8');
    if (deps.isOpen(file)) return { outcome: 'open', dependents: [] };
    return { outcome: 'indexed', dependents: realms.update(file, text) };
  } catch {
    return { outcome: 'unreadable', dependents: [] };
  }
}

export async function indexWorkspace(roots: readonly string[], deps: IndexDeps): Promise<IndexResult> {
  const t0 = performance.now();
  const result: IndexResult = { indexed: 0, ignored: 0, tooLarge: 0, unreadable: 0, ms: 0 };
  const files = await listYamlFiles(roots);
  let done = 0;
  for (const file of files) {
    if (deps.cancelled?.()) break;
    const { outcome } = await indexFile(file, deps);
    if (outcome !== 'open') result[outcome]++;
    done++;
    if (done % 25 === 0) {
      deps.report?.(done, files.length);
      // Let requests (hover, a didChange) in between batches.
      await new Promise((r) => setImmediate(r));
    }
  }
  deps.report?.(files.length, files.length);
  result.ms = Math.round(performance.now() - t0);
  return result;
}
